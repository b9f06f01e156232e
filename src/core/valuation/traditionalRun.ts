import type { YieldCurve } from "../curves/yieldCurve";
import { invalid } from "../errors";
import { NeumaierSum } from "../numeric/summation";
import { perPeriodLine } from "../projection/result";
import type { PortfolioResult } from "../projection/portfolio";
import { costOfLockingIn, riskDiscountRate, traditionalEmbeddedValue } from "./traditional";

/**
 * Traditional embedded value of a projected entity, for comparison with its MCEV (seed 001):
 *
 *   RDR   = govt10y + margin                       govt10y: the 10-year annually compounded zero rate of
 *                                                  the reference curve unless given (seed 001: 10-year
 *                                                  government bonds + 350 bp)
 *   PVIF  = Σ_t PAT(t) · (1 + RDR)^−(t+1)/12        the same monthly profit signature as the PVFP
 *   COLI  = costOfLockingIn(RC(0..n−1), RDR, projected return, tax)
 *   TEV   = ANAV + PVIF + COLI                     ANAV: the shareholders' net worth
 *
 * Simplification (documented in docs/valuation.md): profits are the certainty-equivalent projection
 * (investment income at the reference forwards); only the discount rate differs from the MCEV. The
 * return on the locked-in capital is `projectedReturn`, by default govt10y.
 */
export interface TraditionalOptions {
  /** Margin over the 10-year yield, e.g. 0.035 (seed 001). */
  rdrMargin: number;
  /** The 10-year government yield; default: the reference curve's 10-year zero rate. */
  govt10y?: number;
  /** Return (before tax) on the assets backing the locked-in capital; default govt10y. */
  projectedReturn?: number;
  /** Added to the projected return (the "projected returns +0.5%" sensitivity). */
  projectedReturnShift?: number;
}

export interface TraditionalValue {
  govt10y: number;
  rdr: number;
  projectedReturn: number;
  anav: number;
  pvif: number;
  coli: number;
  /** PVIF + COLI. */
  vif: number;
  ev: number;
}

/** The 10-year annually compounded zero rate: (1 / P(0, 10))^(1/10) − 1. */
export function tenYearRate(curve: YieldCurve): number {
  return Math.expm1(-curve.lnDiscount(10) / 10);
}

export function traditionalValue(
  run: PortfolioResult,
  curve: YieldCurve,
  requiredCapitalByYear: ArrayLike<number>,
  anav: number,
  tax: number,
  options: TraditionalOptions,
  round: (x: number) => number,
): TraditionalValue {
  const govt10y = options.govt10y ?? tenYearRate(curve);
  const rdr = riskDiscountRate(govt10y, options.rdrMargin);
  const projectedReturn = (options.projectedReturn ?? govt10y) + (options.projectedReturnShift ?? 0);
  if (!Number.isFinite(projectedReturn)) invalid("projected_return", `${projectedReturn} is not a finite number`);
  if (projectedReturn * (1 - tax) > rdr) invalid("projected_return", `${projectedReturn} after tax is above the risk discount rate ${rdr}: locking-in capital would be a gain; expected a return below the RDR`);
  const pat = perPeriodLine(run, "profit_after_tax");
  const lnV = -Math.log1p(rdr);
  const acc = new NeumaierSum();
  for (let t = 0; t < run.steps; t++) acc.add((pat[t] as number) * Math.exp(((t + 1) / 12) * lnV));
  const pvif = round(acc.value);
  const coli = round(costOfLockingIn(requiredCapitalByYear, rdr, projectedReturn, tax));
  const tev = traditionalEmbeddedValue(anav, pvif, coli);
  return { govt10y, rdr, projectedReturn, anav, pvif, coli, vif: tev.vif, ev: tev.ev };
}
