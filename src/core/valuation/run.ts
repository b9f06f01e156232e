import Decimal from "decimal.js";
import type { AssumptionSet } from "../assumptions/assumptionSet";
import type { ModelPointTable } from "../assumptions/modelPoints";
import { taxRate } from "../assumptions/tax";
import { curveNodes } from "../assumptions/zeroCurve";
import { fitCurve } from "../curves/fit";
import { YieldCurve } from "../curves/yieldCurve";
import { invalid } from "../errors";
import { NeumaierSum } from "../numeric/summation";
import type { ModelPoints } from "../projection/modelPoints";
import { projectPortfolio, type PortfolioResult } from "../projection/portfolio";
import { perPeriodLine } from "../projection/result";
import { costOfNonHedgeableRisks, frictionalCosts } from "./components";
import { distributableEarnings, newBusinessIrr, type DistributableEarnings } from "./newBusinessIrr";
import { traditionalValue, type TraditionalOptions, type TraditionalValue } from "./traditionalRun";
import type { VaBlockValue } from "./tvfog";
import { valueEntityVaBlock, type SetWithVa } from "./vaBlock";

/**
 * The core of an MCEV run for ONE entity / currency (seed 003 Table 1, §6):
 *
 *   PVFP   = Σ_t PAT(t) · DF(t + 1)                    monthly grid, certainty equivalent (TVFOG = 0)
 *   RC(k)  = required_capital line at month 12k       k = 0..n−1, n = ceil(steps / 12); RC = RC(0)
 *   FCRC   = frictionalCosts(curve, RC(·), tax, invexp)
 *   NHR(k) = nhrCapital · D(12k) / D(0)                (0 when D(0) is 0)
 *
 * D is the run-off driver of the non-hedgeable risks, declared per product (NHR_DRIVER in
 * projection/portfolio.ts): the sum at risk of mortality business, the best-estimate reserve of
 * annuities, added over the entity's products.
 * New business (written during the reporting year: 0 <= duration_mth < 12) is projected alone on a copy of the set and valued the same way with
 * the costs of its OWN capital: its RC line, and NHR_nb(k) = nhrCapital · D_nb(12k) / D(0) — the
 * entity's NHR capital per unit of driver at t = 0 applied to the new business's driver.
 *   CoRNHR = costOfNonHedgeableRisks(curve, NHR(·), coc, tax)
 *   VIF    = PVFP + TVFOG + FCRC + CoRNHR;  FS = SNW − RC;  MCEV = FS + RC + VIF  (= SNW + VIF)
 *
 * An entity may also hold a block of variable annuities (set.variableAnnuity, vaBlock.ts). Its
 * certainty-equivalent PV of profits after tax, (1 − tax)·PV_CE, is added to the PVFP and its time value
 * (1 − tax)·(mean stochastic PV − PV_CE) is the TVFOG (tvfog.ts); without a block TVFOG = 0. The block
 * brings no required or NHR capital of its own and is not in the VNB or the traditional EV.
 *
 * Rounding: every reported amount is rounded ONCE to cents (half-even) from its double value; the sums
 * (VIF, FS, MCEV, VNB) are then formed exactly in decimal from those cent amounts. Cent amounts below
 * 2^53 / 100 are held exactly by their shortest decimal representation, so the identities hold exactly
 * in decimal on the returned numbers (and to the last bit up to double rounding when re-added in doubles).
 *
 * The curve of the run is the one projectPortfolio discounts with: the zero curve fitted with the same
 * currency / method / ufr, or the spot-by-projection-year discount_rates (P(0, k) = (1 + z[k])^−k at
 * whole years, log-linear in between).
 */
export interface EntityOptions {
  currency?: string;
  curveMethod?: string;
  ufr?: number;
  taxJurisdiction?: string;
  valuationYear?: number;
  /** SNW: the entity's IFRS equity, adjusted. */
  shareholdersNetWorth: number;
  /** Cost-of-capital rate for CoRNHR, e.g. 0.04. */
  costOfCapital: number;
  /** Non-hedgeable risk capital at t = 0 (e.g. from MCEV.NHRBC). */
  nhrCapital: number;
  /** Annual investment expenses on the assets backing RC (rate, default 0). */
  frictionalInvestmentExpenses?: number;
  /** When given, the traditional EV at a risk discount rate is computed for comparison (seed 001). */
  traditional?: TraditionalOptions;
}

/** The value of a block of business (in-force or new business), costs negative, rounded to cents. */
export interface BlockValue {
  pvfp: number;
  fcrc: number;
  cornhr: number;
  /** RC at the start of projection years 0..n−1 (unrounded). */
  requiredCapitalByYear: Float64Array;
  /** NHR capital at the start of projection years 0..n−1 (unrounded). */
  nhrCapitalByYear: Float64Array;
}

export interface NewBusinessValue extends BlockValue {
  /** Number of model points written during the reporting year (0 <= duration_mth < 12). */
  modelPoints: number;
  /** VNB = PVFP_nb + FCRC_nb + CoRNHR_nb (TVFOG 0). */
  vnb: number;
  /** PVNBP = Σ_t premiums_nb(t) · DF(t) (premiums at the start of the period). */
  pvnbp: number;
  /** VNB / PVNBP; undefined when PVNBP is 0. */
  margin: number | undefined;
  /** The shareholders' cash flows of the new business (capital strain, profits, capital releases). */
  earnings: DistributableEarnings;
  /** NB IRR of those flows; undefined (with the reason) when they have none. */
  irr: number | undefined;
  irrReason: string | undefined;
  /** The new business's own projection. */
  projection: PortfolioResult;
}

export interface EntityValuation extends BlockValue {
  currency: string | undefined;
  taxRate: number;
  tvfog: number;
  vif: number;
  snw: number;
  rc: number;
  fs: number;
  mcev: number;
  /** Undefined when no model point was written during the reporting year (duration_mth < 12). */
  newBusiness: NewBusinessValue | undefined;
  /** Traditional EV at the risk discount rate, when options.traditional is given. */
  traditional: TraditionalValue | undefined;
  /** The in-force projection (duration_mth >= 0) behind the figures. */
  projection: PortfolioResult;
  /** The variable-annuity block's figures, when the entity has one (its PVFP is inside `pvfp`). */
  variableAnnuity?: VariableAnnuityValue;
}

/** A VA block inside an entity: after-tax PVFP and TVFOG (cents), the TVFOG's precision, the run before tax. */
export interface VariableAnnuityValue {
  pvfp: number;
  tvfog: number;
  /** Monte Carlo standard error of the after-tax TVFOG and its 95% interval (unrounded). */
  standardError: number;
  lower: number;
  upper: number;
  scenarios: number;
  /** The block's values before tax (tvfog.ts). */
  beforeTax: VaBlockValue;
}

/** Identifies the run's curve in the scenario cache: the nodes it is fitted from, or the spot rates. */
function curveKeyOf(set: AssumptionSet, options: Pick<EntityOptions, "currency" | "curveMethod" | "ufr">): string | undefined {
  if (set.discountRates) return `spot|${Array.from(set.discountRates.spotByYear).join(",")}`;
  if (!set.zeroCurve) return undefined;
  const c = curveNodes(set.zeroCurve, options.currency);
  return `zero|${options.curveMethod ?? ""}|${options.ufr ?? ""}|${Array.from(c.terms).join(",")}|${Array.from(c.rates).join(",")}`;
}

const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** Rounds an amount to cents (half-even), from its shortest decimal representation. */
export function toCents(x: number): number {
  if (!Number.isFinite(x)) invalid("amount", `${x} is not a finite number`);
  const r = new Money(x).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toNumber();
  return r === 0 ? 0 : r; // no −0
}

const dec = (x: number) => new Money(x);

/** The rows of a model point table that satisfy `keep`, as a new table (same columns). */
export function selectModelPoints(table: ModelPointTable, keep: (row: number) => boolean): ModelPointTable {
  const rows: number[] = [];
  for (let i = 0; i < table.points.count; i++) if (keep(i)) rows.push(i);
  const pick = <T extends Int32Array | Float64Array>(xs: T): T => {
    const out = new (xs.constructor as new (n: number) => T)(rows.length);
    rows.forEach((i, k) => (out[k] = xs[i] as number));
    return out;
  };
  const src = table.points;
  const points: ModelPoints = {
    count: rows.length,
    ageAtEntry: pick(src.ageAtEntry),
    policyTerm: pick(src.policyTerm),
    policyCount: pick(src.policyCount),
    sumAssured: pick(src.sumAssured),
    durationMonths: pick(src.durationMonths),
    ...(src.premium ? { premium: pick(src.premium) } : {}),
  };
  return {
    name: table.name,
    points,
    ids: rows.map((i) => table.ids[i] as number | string),
    product: rows.map((i) => table.product[i] as ModelPointTable["product"][number]),
    ...(table.sex ? { sex: rows.map((i) => (table.sex as NonNullable<ModelPointTable["sex"]>)[i] as NonNullable<ModelPointTable["sex"]>[number]) } : {}),
  };
}

/**
 * lifelib's spot-by-projection-year convention as a YieldCurve: P(0, t) = (1 + z[k])^−t on whole years
 * t = k (the factors projectPortfolio uses at months 12k), log-linear in between; the last rate continues.
 */
class SpotByYearCurve extends YieldCurve {
  readonly method = "LOGLINEAR" as const;
  constructor(private readonly spot: Float64Array) {
    super();
    spot.forEach((z, k) => {
      if (!(z > -1)) invalid("discount_rates", `year ${k}: ${z} is at or below −100%`, k);
    });
  }
  private lnAt(k: number): number {
    const z = this.spot[Math.min(k, this.spot.length - 1)] as number;
    return -k * Math.log1p(z);
  }
  lnDiscount(t: number): number {
    const k = Math.floor(t);
    const a = this.lnAt(k);
    return t === k ? a : a + (t - k) * (this.lnAt(k + 1) - a);
  }
  forwardIntensity(t: number): number {
    const k = Math.floor(t);
    return this.lnAt(k) - this.lnAt(k + 1);
  }
}

/** The reference curve of a run: as projectPortfolio builds it (zero_curve fitted, or discount_rates). */
export function runCurve(set: AssumptionSet, options: Pick<EntityOptions, "currency" | "curveMethod" | "ufr">): YieldCurve {
  if (set.discountRates && set.zeroCurve) invalid("discount_rates", "and zero_curve are both given; give one reference curve");
  if (set.discountRates) return new SpotByYearCurve(set.discountRates.spotByYear);
  if (set.zeroCurve) return fitCurve({ ...curveNodes(set.zeroCurve, options.currency), method: options.curveMethod, ufr: options.ufr });
  return invalid("discount_rates", "is missing; give discount_rates (spot by projection year) or zero_curve");
}

interface BlockInput {
  curve: YieldCurve;
  tax: number;
  costOfCapital: number;
  nhrCapital: number;
  invexp: number;
}

/** PVFP, RC by year, FCRC and CoRNHR of one projection (rounded to cents). */
function valueBlock(run: PortfolioResult, b: BlockInput, driver0: number): BlockValue {
  if (run.stepsPerYear !== 12) invalid("steps_per_year", `${run.stepsPerYear}: the valuation runs on the monthly grid`);
  const pat = perPeriodLine(run, "profit_after_tax");
  const rcLine = perPeriodLine(run, "required_capital");
  const driver = run.riskDriver as Float64Array;
  // a monthly sum in doubles (compensated); decimal arithmetic is kept for the reported amounts
  const pvfp = new NeumaierSum();
  for (let t = 0; t < run.steps; t++) pvfp.add((pat[t] as number) * (run.discount[t + 1] as number));
  const years = Math.ceil(run.steps / 12);
  const requiredCapitalByYear = new Float64Array(years);
  const nhrCapitalByYear = new Float64Array(years);
  for (let k = 0; k < years; k++) {
    // RC is a% reserve + b% sum at risk, both >= 0 for the products; a rounding −0.0…1 is floored at 0
    requiredCapitalByYear[k] = Math.max(0, rcLine[12 * k] as number);
    nhrCapitalByYear[k] = driver0 === 0 ? 0 : b.nhrCapital * Math.max(0, (driver[12 * k] as number) / driver0);
  }
  const fcrc = frictionalCosts(b.curve, requiredCapitalByYear, b.tax, b.invexp);
  const cornhr = costOfNonHedgeableRisks(b.curve, nhrCapitalByYear, b.costOfCapital, b.tax);
  return { pvfp: toCents(pvfp.value), fcrc: toCents(fcrc), cornhr: toCents(cornhr), requiredCapitalByYear, nhrCapitalByYear };
}

/**
 * New business = the model points written during the reporting year: 0 <= duration_mth < 12 (seed 003
 * §6.6: the new business written during the reporting period, valued with closing assumptions).
 */
export const NEW_BUSINESS_MONTHS = 12;

/** The MCEV of one entity in one currency, with the value of its new business (written during the reporting year). */
export function valueEntity(set: AssumptionSet, options: EntityOptions): EntityValuation {
  const check = (x: number, name: string) => {
    if (!Number.isFinite(x)) invalid(name, `${x} is not a finite number`);
  };
  check(options.shareholdersNetWorth, "shareholders_net_worth");
  check(options.nhrCapital, "nhr_capital");
  if (options.nhrCapital < 0) invalid("nhr_capital", `${options.nhrCapital} is negative; NHR capital is an amount >= 0`);
  if (!set.modelPoints) invalid("model_points", "is missing; a valuation needs model points");
  const portfolio = {
    ...(options.currency !== undefined ? { currency: options.currency } : {}),
    ...(options.curveMethod !== undefined ? { curveMethod: options.curveMethod } : {}),
    ...(options.ufr !== undefined ? { ufr: options.ufr } : {}),
    ...(options.taxJurisdiction !== undefined ? { taxJurisdiction: options.taxJurisdiction } : {}),
    ...(options.valuationYear !== undefined ? { valuationYear: options.valuationYear } : {}),
    perPeriod: true,
    stepsPerYear: 12,
  };
  const block: BlockInput = {
    curve: runCurve(set, options),
    tax: set.tax ? taxRate(set.tax, options.taxJurisdiction) : 0,
    costOfCapital: options.costOfCapital,
    nhrCapital: options.nhrCapital,
    invexp: options.frictionalInvestmentExpenses ?? 0,
  };

  // The MCEV covers the business in force at the valuation date; business written after it is future
  // new business, which an MCEV leaves out (CFO Forum; seed 003 §6.6 values the business written during
  // the reporting period). Points with duration_mth < 0 are refused, naming the first.
  const all = set.modelPoints;
  const future = Array.from(all.points.durationMonths).findIndex((d) => d < 0);
  if (future >= 0) {
    invalid("model_points", `row ${future + 1}, column duration_mth: ${all.points.durationMonths[future]} is after the valuation date; an MCEV values the business in force (duration_mth >= 0), and new business is the business written during the reporting year (0 to 11)`, future);
  }
  const projection = projectPortfolio(set, portfolio);
  // NHR capital per unit of the entity's risk driver at t = 0, run off (and, for new business, scaled) by it
  const driver0 = (projection.riskDriver as Float64Array)[0] as number;
  const inForce = valueBlock(projection, block, driver0);
  // the variable-annuity block: CE PV of profits into the PVFP, its time value as the TVFOG (after tax)
  const vaBlock = (set as SetWithVa).variableAnnuity;
  let variableAnnuity: VariableAnnuityValue | undefined;
  if (vaBlock) {
    const v = valueEntityVaBlock(vaBlock, set, block.curve, curveKeyOf(set, options));
    const keep = 1 - block.tax;
    const e = v.estimate;
    variableAnnuity = { pvfp: toCents(keep * v.cePv), tvfog: toCents(keep * e.tvfog), standardError: keep * e.standardError, lower: keep * e.lower, upper: keep * e.upper, scenarios: e.scenarios, beforeTax: v };
  }
  const tvfog = variableAnnuity ? variableAnnuity.tvfog : 0;
  const pvfp = variableAnnuity ? dec(inForce.pvfp).plus(dec(variableAnnuity.pvfp)).toNumber() : inForce.pvfp;
  const snw = toCents(options.shareholdersNetWorth);
  const rc = toCents(inForce.requiredCapitalByYear[0] as number);
  const vif = dec(pvfp).plus(dec(tvfog)).plus(dec(inForce.fcrc)).plus(dec(inForce.cornhr));
  const fs = dec(snw).minus(dec(rc));
  const mcev = fs.plus(dec(rc)).plus(vif);

  // New business: the points not yet issued or issued at the valuation date, valued alone.
  const mp = set.modelPoints;
  const nbTable = selectModelPoints(mp, (i) => (mp.points.durationMonths[i] as number) < NEW_BUSINESS_MONTHS);
  let newBusiness: NewBusinessValue | undefined;
  if (nbTable.points.count > 0) {
    const nbRun = projectPortfolio({ ...set, modelPoints: nbTable }, portfolio);
    const nb = valueBlock(nbRun, block, driver0);
    const prem = perPeriodLine(nbRun, "premiums");
    const pvnbp = new NeumaierSum();
    for (let t = 0; t < nbRun.steps; t++) pvnbp.add((prem[t] as number) * (nbRun.discount[t] as number));
    const pvnbpCents = toCents(pvnbp.value);
    const vnb = dec(nb.pvfp).plus(dec(nb.fcrc)).plus(dec(nb.cornhr)).toNumber();
    const earnings = distributableEarnings(nbRun, block.curve, nb.requiredCapitalByYear, block.tax, block.invexp);
    const irr = newBusinessIrr(earnings);
    newBusiness = {
      ...nb,
      modelPoints: nbTable.points.count,
      vnb,
      pvnbp: pvnbpCents,
      margin: pvnbpCents === 0 ? undefined : vnb / pvnbpCents,
      earnings,
      irr: irr.irr,
      irrReason: irr.irr === undefined ? irr.reason : undefined,
      projection: nbRun,
    };
  }
  const traditional = options.traditional
    ? traditionalValue(projection, block.curve, inForce.requiredCapitalByYear, snw, block.tax, options.traditional, toCents)
    : undefined;

  return {
    ...inForce,
    pvfp,
    currency: options.currency,
    taxRate: block.tax,
    tvfog,
    vif: vif.toNumber(),
    snw,
    rc,
    fs: fs.toNumber(),
    mcev: mcev.toNumber(),
    newBusiness,
    traditional,
    projection,
    ...(variableAnnuity ? { variableAnnuity } : {}),
  };
}
