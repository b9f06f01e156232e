import type { BySex } from "../assumptions/ageTable";
import type { AssumptionSet } from "../assumptions/assumptionSet";
import type { MortalityBasis } from "../assumptions/mortality";
import type { CurveNodes } from "../assumptions/zeroCurve";
import { invalid } from "../errors";
import { makeLapseTable } from "../projection/lapse";
import type { MortalityTable } from "../projection/mortality";
import { shockVaBlock, type SetWithVa } from "./vaBlock";

/**
 * A sensitivity of a valuation run: the CFO Forum MCEV set of seed 003 Tables 6–7 (mortality −5% for
 * life business and for annuities, no mortality improvements, lapse −10%, maintenance expenses −10%,
 * interest ±100 bp, equity −10%, equity and swaption volatilities +25%, required capital at the
 * regulatory minimum) and seed 001's traditional-EV set (discount rate ±0.5%, claims −5%, expenses −10%,
 * lapses +10%, projected returns +0.5%, solvency margin +10%). Factors multiply; shifts are added.
 * Field names are those of the task pane's EngineShock.
 */
export interface Shock {
  /** Every q of the mortality tables (life business and annuities) × factor, capped at 1. */
  mortality?: number;
  /** Mortality of life (protection) business × factor: TERM, DECREASING_TERM, YRT, QUOTA_SHARE. */
  mortalityLife?: number;
  /** Mortality of annuitants × factor (ANNUITY). */
  mortalityAnnuity?: number;
  /** Claims × factor (seed 001's traditional set): for a life reinsurer, the mortality of life business. */
  claims?: number;
  /** Mortality improvements switched off (the mortality_improvement table is dropped). */
  noImprovements?: boolean;
  /** Every lapse rate × factor, capped at 1. */
  lapse?: number;
  /** acquisition_per_policy and maintenance_per_policy_per_year × factor. */
  expenses?: number;
  /** maintenance_per_policy_per_year × factor only. */
  maintenanceExpenses?: number;
  /** Added to every zero_curve node rate (all currencies) or discount_rates spot rate: 0.01 = +100 bp. */
  interest?: number;
  /** Required capital on the regulatory minimum basis of the capital table. */
  capitalAtMinimum?: boolean;
  /** Required (solvency margin) capital × factor: both shares of the capital basis. */
  solvencyMargin?: number;
  /** Added to the traditional EV's risk discount rate (applied by the group run). */
  discountRate?: number;
  /** Added to the traditional EV's projected return on locked-in capital (applied by the group run). */
  projectedReturns?: number;
  /**
   * Market shocks on equity values and implied volatilities: they move the value of business with
   * financial options — an entity's variable-annuity block (vaBlock.ts): equity × the account values
   * at the valuation date, equityVolatility × the equity volatility, swaptionVolatility × the swaption
   * volatilities it is calibrated to (or × σ when σ is given). Business without such options is unchanged.
   */
  equity?: number;
  equityVolatility?: number;
  swaptionVolatility?: number;
}

function factor(x: number | undefined, name: string): number {
  if (x === undefined) return 1;
  if (!Number.isFinite(x) || x < 0) invalid(name, `${x} is not a factor >= 0 (e.g. 0.95 for −5%)`);
  return x;
}

function shift(x: number | undefined, name: string): number {
  if (x === undefined) return 0;
  if (!Number.isFinite(x)) invalid(name, `${x} is not a finite shift (e.g. 0.01 for +100 bp)`);
  return x;
}

function mapBySex<T>(b: BySex<T>, f: (t: T) => T): BySex<T> {
  return {
    ...(b.unisex !== undefined ? { unisex: f(b.unisex) } : {}),
    ...(b.M !== undefined ? { M: f(b.M) } : {}),
    ...(b.F !== undefined ? { F: f(b.F) } : {}),
  };
}

function scaleMortality(basis: MortalityBasis, m: number): MortalityBasis {
  if (m === 1) return basis;
  const scale = (t: MortalityTable): MortalityTable => ({ ...t, q: t.q.map((q) => Math.min(1, q * m)) });
  return { ...basis, tables: mapBySex(basis.tables, scale) };
}

/** A NEW assumption set with the shock applied; the input is not changed (untouched tables are shared). */
export function shockAssumptions(set: AssumptionSet, shock: Shock): AssumptionSet {
  const all = factor(shock.mortality, "mortality");
  const life = all * factor(shock.mortalityLife, "mortalityLife") * factor(shock.claims, "claims");
  const annuity = all * factor(shock.mortalityAnnuity, "mortalityAnnuity");
  const l = factor(shock.lapse, "lapse");
  const e = factor(shock.expenses, "expenses");
  const maintenance = e * factor(shock.maintenanceExpenses, "maintenanceExpenses");
  const capital = factor(shock.solvencyMargin, "solvencyMargin");
  const dr = shift(shock.interest, "interest");
  for (const k of ["equity", "equityVolatility", "swaptionVolatility"] as const) factor(shock[k], k);
  shift(shock.discountRate, "discountRate");
  shift(shock.projectedReturns, "projectedReturns");

  const out: AssumptionSet = { ...set };
  const va = (set as SetWithVa).variableAnnuity;
  if (va && (shock.equity !== undefined || shock.equityVolatility !== undefined || shock.swaptionVolatility !== undefined)) (out as SetWithVa).variableAnnuity = shockVaBlock(va, shock);
  if (set.mortality && (life !== 1 || annuity !== 1)) {
    // annuities keep their own table (the life table, unless an annuity_mortality table is given)
    const annuitants = set.annuityMortality ?? set.mortality;
    out.mortality = scaleMortality(set.mortality, life);
    if (set.annuityMortality !== undefined || life !== annuity) out.annuityMortality = scaleMortality(annuitants, annuity);
  }
  if (shock.noImprovements) delete out.mortalityImprovement;
  if (set.lapse && l !== 1) out.lapse = makeLapseTable(set.lapse.annual.map((x) => Math.min(1, x * l)));
  if (set.expenses && (e !== 1 || maintenance !== 1)) {
    out.expenses = { ...set.expenses, acquisitionPerPolicy: set.expenses.acquisitionPerPolicy * e, maintenancePerPolicyPerYear: set.expenses.maintenancePerPolicyPerYear * maintenance };
  }
  if (shock.capitalAtMinimum || capital !== 1) {
    if (!set.capital) invalid("capital", "is missing; a capital sensitivity needs the capital basis");
    let basis = { capitalReserveShare: set.capital.capitalReserveShare, capitalSumAtRiskShare: set.capital.capitalSumAtRiskShare };
    if (shock.capitalAtMinimum) {
      if (!set.capital.minimum) invalid("capital", "has no regulatory minimum basis (minimum_reserve_share, minimum_sum_at_risk_share) for the sensitivity \"required capital at the regulatory minimum\"");
      basis = { ...set.capital.minimum };
    }
    out.capital = { capitalReserveShare: Math.min(1, basis.capitalReserveShare * capital), capitalSumAtRiskShare: Math.min(1, basis.capitalSumAtRiskShare * capital) };
  }
  if (dr !== 0) {
    const move = (z: number) => {
      const r = z + dr;
      if (!(r > -1)) invalid("interest", `shifts a rate ${z} to ${r}, at or below −100%`);
      return r;
    };
    if (set.zeroCurve) {
      const byCurrency = new Map<string, CurveNodes>();
      for (const [ccy, c] of set.zeroCurve.byCurrency) byCurrency.set(ccy, { terms: c.terms, rates: c.rates.map(move) });
      out.zeroCurve = { byCurrency };
    }
    if (set.discountRates) out.discountRates = { spotByYear: set.discountRates.spotByYear.map(move) };
  }
  return out;
}
