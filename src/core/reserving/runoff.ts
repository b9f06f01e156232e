import { invalid } from "../errors";
import { chainLadder, projectTriangle } from "./chainLadder";
import type { Triangle } from "./triangle";

/**
 * Expected payments of the chain-ladder reserve by future calendar period (for a PAID triangle):
 * the projected incremental C(i, j) − C(i, j − 1) of origin i at development j >= observed_i falls in
 * calendar period k = j − observed_i + 1 after the valuation date (1 = the next period). A tail factor's
 * amount, C(i, last) · (tail − 1), is placed in the period after the last development period.
 * Σ_k payments_k equals the chain-ladder reserve.
 */
export function runoffByPeriod(tri: Triangle, tail?: number): Float64Array {
  const cl = chainLadder(tri, { tail });
  const w = tri.devs + 1;
  const projected = projectTriangle(tri, cl.factors, cl.tail);
  const periods = tri.devs - (tri.observed[tri.origins - 1] as number) + (cl.tail > 1 ? 1 : 0);
  const pay = new Float64Array(Math.max(periods, 0));
  for (let i = 0; i < tri.origins; i++) {
    const k0 = tri.observed[i] as number;
    for (let j = k0; j < tri.devs; j++) pay[j - k0] = (pay[j - k0] as number) + (projected[i * w + j] as number) - (projected[i * w + j - 1] as number);
    if (cl.tail > 1) {
      const k = tri.devs - k0;
      pay[k] = (pay[k] as number) + (projected[i * w + tri.devs] as number) - (projected[i * w + tri.devs - 1] as number);
    }
  }
  return pay;
}

/** Default buckets (upper bounds in years): within 1, 1–3, 3–5, over 5 (seed 002's settlement layout). */
export const DEFAULT_BUCKETS = [1, 3, 5];

/**
 * Sums payments by period into buckets with ascending upper bounds b_1 < … < b_m in YEARS:
 * (0, b_1], (b_1, b_2], …, (b_m, ∞). With p periods a year, period k covers ((k − 1)/p, k/p] years
 * and falls in the bucket that holds its end k/p.
 */
export function bucketPayments(payments: ArrayLike<number>, bounds: ArrayLike<number> = DEFAULT_BUCKETS, periodsPerYear = 1): Float64Array {
  if (!(Number.isInteger(periodsPerYear) && periodsPerYear >= 1)) invalid("periods_per_year", `${periodsPerYear} is not a whole number of periods a year >= 1`);
  for (let b = 0; b < bounds.length; b++) {
    const x = bounds[b] as number;
    if (!(x > 0) || !Number.isFinite(x)) invalid("buckets", `${x} is not a positive bucket bound in years`, b);
    if (b > 0 && !(x > (bounds[b - 1] as number))) invalid("buckets", `${x} is not above the previous bound ${bounds[b - 1]}; bounds must be ascending`, b);
  }
  const out = new Float64Array(bounds.length + 1);
  for (let k = 1; k <= payments.length; k++) {
    let b = 0;
    // compare k/p with the bound as k > bound·p, exact for whole numbers of periods
    while (b < bounds.length && k > (bounds[b] as number) * periodsPerYear) b++;
    out[b] = (out[b] as number) + (payments[k - 1] as number);
  }
  return out;
}

/** Labels of the buckets in years: "0-1", "1-3", "3-5", "> 5". */
export function bucketLabels(bounds: ArrayLike<number> = DEFAULT_BUCKETS): string[] {
  const labels: string[] = [];
  for (let b = 0; b <= bounds.length; b++) {
    if (b === 0) labels.push(`0-${bounds[0]}`);
    else if (b === bounds.length) labels.push(`> ${bounds[b - 1]}`);
    else labels.push(`${bounds[b - 1]}-${bounds[b]}`);
  }
  return labels;
}
