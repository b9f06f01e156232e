import { invalid } from "../errors";

/**
 * Summary statistics of Monte Carlo samples, shared by the simulation functions so that every
 * result uses the same definitions.
 */

/**
 * The empirical p-quantile of SORTED (ascending) samples x[0..n−1] by Hyndman & Fan's definition 7,
 * the default of R's `quantile()` and of Excel's PERCENTILE.INC: with h = (n − 1)·p,
 * Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). Q(0) = min, Q(1) = max, monotone in p.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) invalid("samples", "is empty; a quantile needs at least one value");
  if (!(p >= 0 && p <= 1)) invalid("p", `${p} is not a probability in [0, 1]`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  const frac = h - lo;
  return frac === 0 ? a : a + frac * (b - a);
}

/** Arithmetic mean of a sample (plain left-to-right sum, n ≥ 1). */
export function sampleMean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s / x.length;
}

/**
 * Sample standard deviation with the n − 1 denominator (R's `sd`), by the two-pass formula around
 * `mean`; 0 for a single value (never NaN).
 */
export function sampleSd(x: ArrayLike<number>, mean: number): number {
  const n = x.length;
  if (n < 2) return 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}
