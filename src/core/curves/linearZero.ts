import { segmentIndex } from "../numeric/search";
import { YieldCurve } from "./yieldCurve";

/**
 * "LINEAR": linear interpolation of the annually compounded zero rates, flat beyond both ends.
 *   z(t) = z_i + (t − t_i)(z_{i+1} − z_i)/(t_{i+1} − t_i) for t_i <= t <= t_{i+1};
 *   z(t) = z_1 for t < t_1, z(t) = z_n for t > t_n;   P(0, t) = (1 + z(t))^−t.
 */
export class LinearZeroCurve extends YieldCurve {
  readonly method = "LINEAR" as const;

  constructor(
    private readonly terms: Float64Array,
    private readonly rates: Float64Array,
  ) {
    super();
  }

  private rateAndSlope(t: number): [number, number] {
    const x = this.terms;
    const z = this.rates;
    const i = segmentIndex(x, t);
    if (i < 0) return [z[0] as number, 0];
    if (i >= x.length - 1) return [z[x.length - 1] as number, 0];
    const slope = ((z[i + 1] as number) - (z[i] as number)) / ((x[i + 1] as number) - (x[i] as number));
    return [(z[i] as number) + (t - (x[i] as number)) * slope, slope];
  }

  lnDiscount(t: number): number {
    return -t * Math.log1p(this.rateAndSlope(t)[0]);
  }

  /** f(t) = d/dt [t ln(1 + z(t))] = ln(1 + z) + t z'(t) / (1 + z). */
  forwardIntensity(t: number): number {
    const [z, slope] = this.rateAndSlope(t);
    return Math.log1p(z) + (t * slope) / (1 + z);
  }

  override zeroRate(t: number): number {
    return this.rateAndSlope(t)[0];
  }
}
