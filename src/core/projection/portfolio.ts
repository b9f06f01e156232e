import { forSex } from "../assumptions/ageTable";
import type { AssumptionSet } from "../assumptions/assumptionSet";
import type { ProductCode, Sex } from "../assumptions/fields";
import { splitModelPoints } from "../assumptions/modelPoints";
import { taxRate } from "../assumptions/tax";
import { curveNodes } from "../assumptions/zeroCurve";
import { fitCurve } from "../curves/fit";
import { invalid, McevError } from "../errors";
import { discountFromCurve, discountSpotByYear, inflationIndex } from "./discount";
import { runProjection, type Product, type ProjectionContext } from "./engine";
import { makeLapseTable, type LapseTable } from "./lapse";
import type { ModelPoints } from "./modelPoints";
import { immediateAnnuity, type AnnuityBasis } from "./products/immediateAnnuity";
import { quotaShare, type QuotaShareBasis } from "./products/quotaShare";
import { termAssurance, type PremiumBasis, type TermBasis } from "./products/termAssurance";
import { yrtTreaty, type YrtBasis } from "./products/yrtTreaty";
import { profitSignature, type ProfitBasis } from "./profit";
import { PERIOD_LINES, PV_LINES, perPeriodLine, type ProjectionResult } from "./result";

/** How a portfolio run is set up beyond the tables. */
export interface PortfolioOptions {
  /** Per-period cash-flow table and profit signature (default true); false = PVs only. */
  perPeriod?: boolean;
  /** Currency of the zero curve to discount with (zero_curve tables with several currencies). */
  currency?: string;
  /** Curve method for the zero curve (as MCEV.DF); blank: the default method. */
  curveMethod?: string;
  ufr?: number;
  /** Tax jurisdiction (key of the tax table) when it has several rates. */
  taxJurisdiction?: string;
  /** Calendar year of the valuation date (mortality improvement by calendar year). */
  valuationYear?: number;
  /** 12 (monthly, default) or 1 (annual steps; TERM and DECREASING_TERM only). */
  stepsPerYear?: number;
}

/** One product group's share of the run. */
export interface GroupResult {
  product: ProductCode;
  sex?: Sex;
  modelPoints: number;
  /** PVs in PV_LINES order. */
  pv: Float64Array;
}

/**
 * The amount that runs off the non-hedgeable risk capital of a product (seed 003 §6.4: "projected
 * forward with a run-off driver declared per product"): the sum at risk for mortality business, the
 * best-estimate reserve (the PV of future annuity payments) for longevity business.
 */
export const NHR_DRIVER: Readonly<Record<ProductCode, "sum_at_risk" | "reserve_held">> = {
  TERM: "sum_at_risk",
  DECREASING_TERM: "sum_at_risk",
  YRT: "sum_at_risk",
  QUOTA_SHARE: "sum_at_risk",
  ANNUITY: "reserve_held",
};

export interface PortfolioResult extends ProjectionResult {
  groups: GroupResult[];
  /** Σ over product groups of each product's NHR_DRIVER line, per period (with per-period output). */
  riskDriver?: Float64Array;
  /** Discount factors t = 0 .. steps (the run's reference curve). */
  discount: Float64Array;
}

const NO_LAPSE = makeLapseTable([0]);

/**
 * Runs a whole assumption set: the model points are split by product (and sex, for sex-specific
 * tables), each group runs through its product module with a basis built from the ordinary tables,
 * and the groups are added (results are additive). With per-period output the profit signature
 * (investment income at the reference forwards, tax, required capital) is applied to the sum.
 */
export function projectPortfolio(set: AssumptionSet, options: PortfolioOptions = {}): PortfolioResult {
  const perPeriod = options.perPeriod ?? true;
  if (!set.modelPoints) invalid("model_points", "is missing; a projection needs model points");
  if (!set.mortality) invalid("mortality", "is missing; every product needs a mortality table");
  const mortality = set.mortality;
  // split by sex whenever the model points carry it: sex-specific tables (mortality, YRT rates,
  // improvement) are then looked up per sex, unisex ones serve both
  const bySex = set.modelPoints.sex !== undefined;
  const groups = splitModelPoints(set.modelPoints, { bySex });
  const expenses = set.expenses ?? { acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, percentOfPremium: 0, inflation: 0 };
  const commission = set.commission ?? { commissionFirstYear: 0, commissionRenewal: 0 };
  const lapse: LapseTable = set.lapse ?? NO_LAPSE;

  const plans = groups.map((g) => {
    const annuitants = g.product === "ANNUITY" && set.annuityMortality !== undefined;
    const table = forSex((annuitants ? (set.annuityMortality as typeof mortality) : mortality).tables, g.sex, annuitants ? "annuity_mortality" : "mortality");
    return { group: g, ...planFor(g.product, g.points, table, g.sex) };
  });
  const stepsPerYear = options.stepsPerYear ?? 12;
  if (stepsPerYear !== 12 && stepsPerYear !== 1) invalid("steps_per_year", `${stepsPerYear} is not 12 (monthly) or 1 (annual)`);
  const steps = Math.max(1, ...plans.map((p) => p.product.horizon(p.group.points, p.basis as never, stepsPerYear)));

  // Reference curve: discount_rates (spot by projection year, lifelib's convention) or a zero curve.
  let discount: Float64Array;
  if (set.discountRates && set.zeroCurve) invalid("discount_rates", "and zero_curve are both given; give one reference curve: discount_rates (spot by projection year) or zero_curve");
  if (set.discountRates) discount = discountSpotByYear(set.discountRates.spotByYear, steps + 1, stepsPerYear);
  else if (set.zeroCurve) {
    const nodes = curveNodes(set.zeroCurve, options.currency);
    discount = discountFromCurve(fitCurve({ ...nodes, method: options.curveMethod, ufr: options.ufr }), steps + 1, stepsPerYear);
  } else invalid("discount_rates", "is missing; give discount_rates (spot by projection year) or zero_curve");
  const ctx: ProjectionContext = { steps, stepsPerYear, discount, inflation: inflationIndex(expenses.inflation, steps, stepsPerYear) };

  const result: PortfolioResult = {
    steps,
    stepsPerYear,
    perPeriod: perPeriod ? new Float64Array(PERIOD_LINES.length * steps) : undefined,
    pv: new Float64Array(PV_LINES.length),
    premiumByPoint: new Float64Array(set.modelPoints.points.count),
    groups: [],
    discount,
    ...(perPeriod ? { riskDriver: new Float64Array(steps) } : {}),
  };
  for (const plan of plans) {
    const g = plan.group;
    let part: ProjectionResult;
    try {
      part = runProjection(plan.product as Product<unknown>, g.points, plan.basis, ctx, { perPeriod });
    } catch (e) {
      throw sourceRow(e, g.rows);
    }
    part.pv.forEach((x, k) => (result.pv[k] = (result.pv[k] as number) + x));
    if (result.perPeriod && part.perPeriod) {
      part.perPeriod.forEach((x, k) => ((result.perPeriod as Float64Array)[k] = ((result.perPeriod as Float64Array)[k] as number) + x));
      const driver = perPeriodLine(part, NHR_DRIVER[g.product]);
      const total = result.riskDriver as Float64Array;
      for (let t = 0; t < steps; t++) total[t] = (total[t] as number) + Math.max(0, driver[t] as number);
    }
    g.rows.forEach((row, k) => (result.premiumByPoint[row] = part.premiumByPoint[k] as number));
    result.groups.push({ product: g.product, ...(g.sex ? { sex: g.sex } : {}), modelPoints: g.points.count, pv: part.pv });
  }
  if (result.perPeriod) {
    const profit: ProfitBasis = {
      taxRate: set.tax ? taxRate(set.tax, options.taxJurisdiction) : 0,
      capitalReserveShare: set.capital?.capitalReserveShare ?? 0,
      capitalSumAtRiskShare: set.capital?.capitalSumAtRiskShare ?? 0,
    };
    profitSignature(result, discount, profit);
  }
  return result;

  /** The product module and its basis for one group, from the ordinary tables. */
  function planFor(product: ProductCode, points: ModelPoints, table: TermBasis["mortality"], sex: Sex | undefined): { product: Product<never>; basis: unknown } {
    const premium = (): PremiumBasis => {
      if (points.premium) return { kind: "given" };
      if (set.premiumRates) return { kind: "rateTable", rate: set.premiumRates.rate };
      return invalid("premium_rates", `is missing; the ${product} model points have no premium column`);
    };
    switch (product) {
      case "TERM":
      case "DECREASING_TERM": {
        const basis: TermBasis = { mortality: table, lapse, premium: premium(), acquisitionPerPolicy: expenses.acquisitionPerPolicy, maintenancePerPolicyPerYear: expenses.maintenancePerPolicyPerYear, commissionFirstYear: commission.commissionFirstYear, commissionRenewal: commission.commissionRenewal, cover: product === "TERM" ? "LEVEL" : "DECREASING", percentOfPremium: expenses.percentOfPremium };
        return { product: termAssurance as Product<never>, basis };
      }
      case "ANNUITY": {
        const improvement = set.mortalityImprovement ? forSex(set.mortalityImprovement, sex, "mortality_improvement") : undefined;
        const basis: AnnuityBasis = {
          mortality: table,
          ...(improvement ? { improvement } : {}),
          ...(options.valuationYear !== undefined ? { valuationYear: options.valuationYear } : {}),
          premium: points.premium ? { kind: "given" } : { kind: "solved", loading: 0 },
          acquisitionPerPolicy: expenses.acquisitionPerPolicy,
          maintenancePerPolicyPerYear: expenses.maintenancePerPolicyPerYear,
          percentOfPremium: expenses.percentOfPremium,
          // the commission table's first-year rate is for regular-premium business: an annuity's single
          // premium pays none here (a single-premium commission would need its own table)
          commissionRate: 0,
        };
        return { product: immediateAnnuity as Product<never>, basis };
      }
      case "YRT": {
        const ri = set.reinsurance;
        if (!ri) invalid("reinsurance", "is missing; YRT model points need the treaty terms (retention or quota_share)");
        if (!set.yrtRates) invalid("yrt_rates", "is missing; YRT model points need reinsurance premium rates by age");
        const basis: YrtBasis = {
          mortality: table,
          lapse,
          ...(ri.retention !== undefined ? { retention: ri.retention } : { cededShare: ri.quotaShare ?? 1 }),
          yrtRates: forSex(set.yrtRates, sex, "yrt_rates"),
          commissionFirstYear: ri.commissionFirstYear,
          commissionRenewal: ri.commissionRenewal,
          maintenancePerPolicyPerYear: expenses.maintenancePerPolicyPerYear,
          percentOfPremium: expenses.percentOfPremium,
        };
        return { product: yrtTreaty as Product<never>, basis };
      }
      case "QUOTA_SHARE": {
        const ri = set.reinsurance;
        if (ri?.quotaShare === undefined) invalid("reinsurance", "has no quota_share; QUOTA_SHARE model points need the ceded share");
        const basis: QuotaShareBasis = { mortality: table, lapse, premium: premium(), quotaShare: ri.quotaShare, commissionFirstYear: ri.commissionFirstYear, commissionRenewal: ri.commissionRenewal, maintenancePerPolicyPerYear: expenses.maintenancePerPolicyPerYear, percentOfPremium: expenses.percentOfPremium };
        return { product: quotaShare as Product<never>, basis };
      }
      default:
        return invalid("model_points", `product ${String(product)} is not one of TERM, DECREASING_TERM, ANNUITY, YRT, QUOTA_SHARE`);
    }
  }
}

/** Engine messages count model point rows within a product group; give the row of the user's table. */
function sourceRow(e: unknown, rows: Int32Array): unknown {
  if (!(e instanceof McevError)) return e;
  const fixed = e.detail.replace(/row (\d+)/, (_, r: string) => `row ${(rows[Number(r) - 1] ?? Number(r) - 1) + 1}`);
  return fixed === e.detail ? e : new McevError(e.code, fixed, { argument: e.argument, index: e.index === undefined ? undefined : rows[e.index] });
}
