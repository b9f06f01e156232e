import { invalid } from "../errors";
import { NeumaierSum } from "../numeric/summation";
import type { YieldCurve } from "../curves/yieldCurve";

/**
 * Present value Σ_i cf_i · P(0, t_i) of cash flows at times t_i >= 0 (years), with compensated
 * summation so the result does not depend on the order of the cash flows.
 */
export function presentValue(curve: YieldCurve, cashflows: ArrayLike<number>, times: ArrayLike<number>): number {
  if (cashflows.length !== times.length) {
    invalid("times", `has ${times.length} values but cashflows has ${cashflows.length}; give one time per cash flow`);
  }
  const acc = new NeumaierSum();
  for (let i = 0; i < cashflows.length; i++) {
    const t = times[i] as number;
    const cf = cashflows[i] as number;
    if (!(t >= 0) || !Number.isFinite(t)) invalid("times", `${t} is not a time >= 0 in years`, i);
    if (!Number.isFinite(cf)) invalid("cashflows", `${cf} is not a finite number`, i);
    if (cf !== 0) acc.add(cf * curve.discount(t));
  }
  return acc.value;
}

/** When in projection year t (1, 2, …) the profit of that year is taken to emerge. */
export const PROFIT_TIMINGS = ["END", "MID", "BEGIN"] as const;
export type ProfitTiming = (typeof PROFIT_TIMINGS)[number];

export function resolveTiming(text: string | undefined): ProfitTiming {
  if (text === undefined || text.trim() === "") return "END";
  const key = text.trim().toUpperCase();
  const found = PROFIT_TIMINGS.find((m) => m === key);
  if (!found) invalid("timing", `unknown timing "${text}"; expected END, MID or BEGIN`);
  return found;
}

/** Time at which the profit of projection year `year` (1-based) is discounted. */
export function profitTime(year: number, timing: ProfitTiming): number {
  return timing === "END" ? year : timing === "MID" ? year - 0.5 : year - 1;
}

/**
 * PVFP = Σ_{t=1..n} profit_t · P(0, τ_t), with τ_t = t (END), t − ½ (MID) or t − 1 (BEGIN):
 * the present value of future statutory profits of seed 003 §6.5, discounted at the reference rates.
 */
export function pvfp(curve: YieldCurve, profits: ArrayLike<number>, timing: ProfitTiming = "END"): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < profits.length; i++) {
    const p = profits[i] as number;
    if (!Number.isFinite(p)) invalid("profits", `${p} is not a finite number`, i);
    if (p !== 0) acc.add(p * curve.discount(profitTime(i + 1, timing)));
  }
  return acc.value;
}
