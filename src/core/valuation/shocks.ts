import type { BySex } from "../assumptions/ageTable";
import type { AssumptionSet } from "../assumptions/assumptionSet";
import type { CurveNodes } from "../assumptions/zeroCurve";
import { invalid } from "../errors";
import { makeLapseTable } from "../projection/lapse";
import type { MortalityTable } from "../projection/mortality";

/**
 * A sensitivity of the assumption set (seed 003 §8-style: mortality −5%, lapse −10%, expenses −10%,
 * interest ±100 bp). Factors multiply; `interest` is added to the rates.
 */
export interface Shock {
  /** Every q of the mortality table (all sexes, select and ultimate columns) × factor, capped at 1. Default 1. */
  mortality?: number;
  /** Every lapse rate × factor, capped at 1. Default 1. */
  lapse?: number;
  /** acquisition_per_policy and maintenance_per_policy_per_year × factor (percent_of_premium and inflation unchanged). Default 1. */
  expenses?: number;
  /** Added to every zero_curve node rate (all currencies) or discount_rates spot rate: 0.01 = +100 bp. Default 0. */
  interest?: number;
}

function factor(x: number | undefined, name: string): number {
  if (x === undefined) return 1;
  if (!Number.isFinite(x) || x < 0) invalid(name, `${x} is not a factor >= 0 (e.g. 0.95 for −5%)`);
  return x;
}

function mapBySex<T>(b: BySex<T>, f: (t: T) => T): BySex<T> {
  return {
    ...(b.unisex !== undefined ? { unisex: f(b.unisex) } : {}),
    ...(b.M !== undefined ? { M: f(b.M) } : {}),
    ...(b.F !== undefined ? { F: f(b.F) } : {}),
  };
}

/** A NEW assumption set with the shock applied; the input is not changed (untouched tables are shared). */
export function shockAssumptions(set: AssumptionSet, shock: Shock): AssumptionSet {
  const m = factor(shock.mortality, "mortality");
  const l = factor(shock.lapse, "lapse");
  const e = factor(shock.expenses, "expenses");
  const dr = shock.interest ?? 0;
  if (!Number.isFinite(dr)) invalid("interest", `${dr} is not a finite shift`);
  const out: AssumptionSet = { ...set };
  if (set.mortality && m !== 1) {
    const scale = (t: MortalityTable): MortalityTable => ({ ...t, q: t.q.map((q) => Math.min(1, q * m)) });
    out.mortality = { ...set.mortality, tables: mapBySex(set.mortality.tables, scale) };
  }
  if (set.lapse && l !== 1) out.lapse = makeLapseTable(set.lapse.annual.map((x) => Math.min(1, x * l)));
  if (set.expenses && e !== 1) {
    out.expenses = { ...set.expenses, acquisitionPerPolicy: set.expenses.acquisitionPerPolicy * e, maintenancePerPolicyPerYear: set.expenses.maintenancePerPolicyPerYear * e };
  }
  if (dr !== 0) {
    const shift = (z: number) => {
      const r = z + dr;
      if (!(r > -1)) invalid("interest", `shifts a rate ${z} to ${r}, at or below −100%`);
      return r;
    };
    if (set.zeroCurve) {
      const byCurrency = new Map<string, CurveNodes>();
      for (const [ccy, c] of set.zeroCurve.byCurrency) byCurrency.set(ccy, { terms: c.terms, rates: c.rates.map(shift) });
      out.zeroCurve = { byCurrency };
    }
    if (set.discountRates) out.discountRates = { spotByYear: set.discountRates.spotByYear.map(shift) };
  }
  return out;
}
