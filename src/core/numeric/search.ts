/**
 * Index of the segment containing t among ascending nodes x[0] < … < x[n-1]: the largest i with
 * x[i] <= t, or -1 when t < x[0]. Binary search, O(log n).
 */
export function segmentIndex(x: Float64Array, t: number): number {
  let lo = 0;
  let hi = x.length - 1;
  if (t < (x[0] as number)) return -1;
  if (t >= (x[hi] as number)) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}
