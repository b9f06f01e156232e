import { segmentIndex } from "../numeric/search";
import { YieldCurve } from "./yieldCurve";

/**
 * "LOGLINEAR": ln P(0, t) linear between the nodes (0, 0), (t_1, ln P_1), …, (t_n, ln P_n), i.e.
 * piecewise-flat instantaneous forwards f = (ln P_i − ln P_{i+1}) / (t_{i+1} − t_i); beyond t_n the
 * last forward continues. Same as QuantLib's DiscountCurve with LogLinear interpolation.
 */
export class LogLinearCurve extends YieldCurve {
  readonly method = "LOGLINEAR" as const;
  /** Nodes including t = 0. */
  private readonly x: Float64Array;
  /** ln P at the nodes. */
  private readonly y: Float64Array;
  /** Forward intensity on [x_i, x_{i+1}); the last entry continues beyond the last node. */
  private readonly fwd: Float64Array;

  constructor(terms: Float64Array, lnDiscounts: Float64Array) {
    super();
    const n = terms.length + 1;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.x.set(terms, 1);
    this.y.set(lnDiscounts, 1);
    this.fwd = new Float64Array(n);
    for (let i = 0; i < n - 1; i++) {
      this.fwd[i] = ((this.y[i] as number) - (this.y[i + 1] as number)) / ((this.x[i + 1] as number) - (this.x[i] as number));
    }
    this.fwd[n - 1] = this.fwd[n - 2] as number;
  }

  lnDiscount(t: number): number {
    const i = segmentIndex(this.x, t);
    return (this.y[i] as number) - (this.fwd[i] as number) * (t - (this.x[i] as number));
  }

  forwardIntensity(t: number): number {
    return this.fwd[segmentIndex(this.x, t)] as number;
  }
}
