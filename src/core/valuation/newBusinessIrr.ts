import type { YieldCurve } from "../curves/yieldCurve";
import { McevError } from "../errors";
import { perPeriodLine } from "../projection/result";
import type { PortfolioResult } from "../projection/portfolio";
import { internalRateOfReturn } from "./irr";

/**
 * The shareholders' cash flows of a block of new business, and their IRR (the NB IRR):
 *
 *   t = 0:            −RC(0)                                  capital strain at issue
 *   t = (m + 1)/12:   PAT(m)                                  profit after tax of month m
 *   t = k, k = 1..n:  RC(k−1) · (1 + (f(k) − invexp)(1 − tax)) − RC(k)      release of capital with its
 *                                                              after-tax return, RC(n) = 0
 *
 * f(k) is the one-year forward reference rate of year k, as in the FCRC: discounted at the reference
 * curve these flows are worth PVFP + FCRC − RC(0) + RC(0) (seed 003 §6.3), so the IRR is the return the
 * shareholders earn on the capital the new business ties up.
 */
export interface DistributableEarnings {
  times: Float64Array;
  flows: Float64Array;
}

export function distributableEarnings(run: PortfolioResult, curve: YieldCurve, requiredCapitalByYear: ArrayLike<number>, tax: number, invexp: number): DistributableEarnings {
  const n = requiredCapitalByYear.length;
  const pat = perPeriodLine(run, "profit_after_tax");
  const times = new Float64Array(1 + run.steps + n);
  const flows = new Float64Array(1 + run.steps + n);
  times[0] = 0;
  flows[0] = -(requiredCapitalByYear[0] ?? 0);
  for (let m = 0; m < run.steps; m++) {
    times[1 + m] = (m + 1) / 12;
    flows[1 + m] = pat[m] as number;
  }
  for (let k = 1; k <= n; k++) {
    const before = requiredCapitalByYear[k - 1] as number;
    const after = k < n ? (requiredCapitalByYear[k] as number) : 0;
    const forward = Math.expm1(curve.lnDiscount(k - 1) - curve.lnDiscount(k));
    times[run.steps + k] = k;
    flows[run.steps + k] = before * (1 + (forward - invexp) * (1 - tax)) - after;
  }
  return { times, flows };
}

/** The IRR, or the reason there is none (no sign change, no root in [−99%, 1000%]). */
export function newBusinessIrr(de: DistributableEarnings): { irr: number } | { irr: undefined; reason: string } {
  try {
    return { irr: internalRateOfReturn(de.flows, de.times) };
  } catch (e) {
    if (e instanceof McevError) return { irr: undefined, reason: e.message };
    throw e;
  }
}
