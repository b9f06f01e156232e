import { invalid } from "../errors";

/**
 * The Brownian-bridge construction of a random walk with n unit-variance steps (Glasserman 2004,
 * "Monte Carlo Methods in Financial Engineering", §3.1.2; the index bookkeeping of Jäckel 2002,
 * "Monte Carlo Methods in Finance", §10.8, as in QuantLib's BrownianBridge). The first normal fixes
 * the end point W(n) = √n z₀, each next one a midpoint of an interval already bounded:
 *   W(m) = w_l W(l) + w_r W(r) + s z,   w_l = (r − m)/(r − l), w_r = (m − l)/(r − l),
 *   s = √((m − l)(r − m)/(r − l)),
 * and the walk's increments W(k+1) − W(k) are returned. The map z ↦ increments is linear and
 * orthogonal (a different basis of the same Gaussian vector), so the increments are again independent
 * standard normals — for pseudo-random z it changes nothing; with quasi-random z it puts the
 * coarse shape of the path (the end point, then the half-way point, …) on the first, best-distributed
 * coordinates.
 */
export class BrownianBridge {
  private readonly bridge: Int32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly wl: Float64Array;
  private readonly wr: Float64Array;
  private readonly sd: Float64Array;

  constructor(readonly steps: number) {
    if (!(Number.isInteger(steps) && steps >= 1)) invalid("steps", `${steps} is not a whole number of steps >= 1`);
    const n = steps;
    this.bridge = new Int32Array(n);
    this.left = new Int32Array(n);
    this.right = new Int32Array(n);
    this.wl = new Float64Array(n);
    this.wr = new Float64Array(n);
    this.sd = new Float64Array(n);
    // W is indexed 0..n−1 for the times 1..n; map[i] ≠ 0 once W(i + 1) is constructed
    const map = new Int32Array(n);
    map[n - 1] = 1;
    this.bridge[0] = n - 1;
    this.sd[0] = Math.sqrt(n);
    let j = 0;
    for (let i = 1; i < n; i++) {
      while (map[j] !== 0) j++;
      let k = j;
      while (map[k] === 0) k++;
      // W(j..k−1) are free, W(k) is known, W(j − 1) is known (or W(0) = 0 when j = 0)
      const l = j + ((k - 1 - j) >> 1);
      map[l] = i;
      this.bridge[i] = l;
      this.left[i] = j;
      this.right[i] = k;
      // times: t(idx) = idx + 1; the left end is t(j − 1) = j
      const tl = j;
      const tm = l + 1;
      const tr = k + 1;
      this.wl[i] = (tr - tm) / (tr - tl);
      this.wr[i] = (tm - tl) / (tr - tl);
      this.sd[i] = Math.sqrt(((tm - tl) * (tr - tm)) / (tr - tl));
      j = k + 1;
      if (j >= n) j = 0;
    }
  }

  /**
   * From n standard normals z[zFrom + i·zStride], i = 0..n−1, in bridge order, writes the n walk
   * increments to out[outFrom + k·outStride], k = 0..n−1 (time order). `work` holds n values.
   */
  increments(z: ArrayLike<number>, zFrom: number, zStride: number, out: Float64Array, outFrom: number, outStride: number, work: Float64Array): void {
    const n = this.steps;
    const w = work;
    w[n - 1] = (this.sd[0] as number) * (z[zFrom] as number);
    for (let i = 1; i < n; i++) {
      const j = this.left[i] as number;
      const k = this.right[i] as number;
      const l = this.bridge[i] as number;
      const zi = z[zFrom + i * zStride] as number;
      const wk = w[k] as number;
      w[l] = j !== 0 ? (this.wl[i] as number) * (w[j - 1] as number) + (this.wr[i] as number) * wk + (this.sd[i] as number) * zi : (this.wr[i] as number) * wk + (this.sd[i] as number) * zi;
    }
    out[outFrom] = w[0] as number;
    for (let k = 1; k < n; k++) out[outFrom + k * outStride] = (w[k] as number) - (w[k - 1] as number);
  }
}
