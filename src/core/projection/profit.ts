import { invalid } from "../errors";
import { LINE, type ProjectionResult } from "./result";

/** The profit and capital basis applied to the aggregated cash flows. */
export interface ProfitBasis {
  /** Tax rate on profit before tax (seed 003 Table 14), e.g. 0.35. Negative profits give tax credits. */
  taxRate: number;
  /** Required capital = reserveShare · reserve + sumAtRiskShare · sum at risk, at the start of each period. */
  capitalReserveShare: number;
  capitalSumAtRiskShare: number;
}

/**
 * The profit signature of a projection (seed 003 §6.5: statutory profits, investment returns at the
 * reference rate, tax deducted), on the aggregated lines, in place:
 *   f(t) = DF(t)/DF(t+1) − 1;  II(t) = f(t)·(R(t) + NCF(t));  ΔR(t) = R(t+1) − R(t);
 *   PBT(t) = NCF(t) + II(t) − ΔR(t)  (at the end of period t);  tax = rate·PBT;  PAT = PBT − tax;
 *   RC(t) = a·R(t) + b·SAR(t).
 * With investment at the discount curve's forwards, Σ PBT(t)·DF(t+1) = PV(NCF) + R(0): the
 * certainty-equivalent identity the tests check.
 * `discount` must hold steps + 1 factors (the one at the end of the last period).
 */
export function profitSignature(result: ProjectionResult, discount: Float64Array, basis: ProfitBasis): void {
  const per = result.perPeriod;
  if (!per) throw new Error("the profit signature needs per-period output");
  const n = result.steps;
  if (discount.length < n + 1) invalid("discount_rates", `gives ${discount.length} factors; the profit signature needs ${n + 1}`);
  if (!(basis.taxRate >= 0 && basis.taxRate < 1)) invalid("tax", `${basis.taxRate} is not a tax rate in [0, 1)`);
  const at = (line: number, t: number) => per[line * n + t] as number;
  const set = (line: number, t: number, x: number) => {
    per[line * n + t] = x;
  };
  for (let t = 0; t < n; t++) {
    const v0 = discount[t] as number;
    const v1 = discount[t + 1] as number;
    const f = v0 / v1 - 1;
    const reserve = at(LINE.reserve, t);
    const next = t + 1 < n ? at(LINE.reserve, t + 1) : 0;
    const ncf = at(LINE.net_cashflow, t);
    const ii = f * (reserve + ncf);
    const pbt = ncf + ii - (next - reserve);
    const tax = basis.taxRate * pbt;
    set(LINE.discount_factor, t, v0);
    set(LINE.forward_rate, t, f);
    set(LINE.investment_income, t, ii);
    set(LINE.reserve_increase, t, next - reserve);
    set(LINE.profit_before_tax, t, pbt);
    set(LINE.tax, t, tax);
    set(LINE.profit_after_tax, t, pbt - tax);
    set(LINE.required_capital, t, basis.capitalReserveShare * at(LINE.reserve_held, t) + basis.capitalSumAtRiskShare * at(LINE.sum_at_risk, t));
  }
}

/** PV of a line: cash flows at the start of period t at DF(t); profit lines at the end, at DF(t+1). */
export function presentValueOfLine(result: ProjectionResult, discount: Float64Array, line: number, atEnd: boolean): number {
  const per = result.perPeriod;
  if (!per) throw new Error("per-period output needed");
  let s = 0;
  for (let t = 0; t < result.steps; t++) s += (per[line * result.steps + t] as number) * (discount[atEnd ? t + 1 : t] as number);
  return s;
}
