import { invalid } from "../errors";
import type { YieldCurve } from "../curves/yieldCurve";

/**
 * Discount factors on a monthly grid t = 0 .. steps − 1 (t in months). Two conventions:
 *  - from a fitted reference curve: DF(t) = P(0, t/12) (any curve method of MCEV.DF);
 *  - "spot by projection year" (lifelib's BasicTerm models): DF(t) = (1 + z[floor(t/12)])^(−t/12),
 *    where z[k] is the annual spot rate of projection year k — a step function of the spot rate,
 *    not an interpolated curve.
 */
export function discountFromCurve(curve: YieldCurve, steps: number, stepsPerYear = 12): Float64Array {
  const df = new Float64Array(steps);
  for (let t = 0; t < steps; t++) df[t] = curve.discount(t / stepsPerYear);
  return df;
}

export function discountSpotByYear(spotByYear: ArrayLike<number>, steps: number, stepsPerYear = 12): Float64Array {
  const years = Math.ceil(steps / stepsPerYear);
  if (spotByYear.length < years) invalid("discount_rates", `has ${spotByYear.length} years but the projection needs ${years}`);
  const df = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    const z = spotByYear[Math.floor(t / stepsPerYear)] as number;
    if (!(z > -1)) invalid("discount_rates", `year ${Math.floor(t / stepsPerYear)}: ${z} is at or below −100%`, Math.floor(t / stepsPerYear));
    df[t] = Math.pow(1 + z, -t / stepsPerYear);
  }
  return df;
}

/** Inflation index by step: (1 + inflation)^(t / stepsPerYear). */
export function inflationIndex(inflation: number, steps: number, stepsPerYear = 12): Float64Array {
  const out = new Float64Array(steps);
  for (let t = 0; t < steps; t++) out[t] = Math.pow(1 + inflation, t / stepsPerYear);
  return out;
}

/** INF(t)·DF(t) for t < steps: inflation folded into discounting once per run (Σ BD·maint·INF·DF = maint·Σ BD·infDf). */
export function inflatedDiscount(inflation: Float64Array, discount: Float64Array, steps: number): Float64Array {
  const out = new Float64Array(steps);
  for (let t = 0; t < steps; t++) out[t] = (inflation[t] as number) * (discount[t] as number);
  return out;
}
