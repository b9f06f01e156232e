import { segmentIndex } from "../numeric/search";
import { YieldCurve } from "./yieldCurve";

/**
 * "MONOTONECONVEX": the monotone convex method of Hagan & West, "Interpolation Methods for Curve
 * Construction", Applied Mathematical Finance 13(2), 2006, §6 (and "Methods for Constructing a Yield
 * Curve", Wilmott, May 2008).
 *
 * With nodes τ_0 = 0 < τ_1 < … < τ_n and Y_i = −ln P(0, τ_i):
 *  - discrete forwards   f^d_i = (Y_i − Y_{i−1}) / (τ_i − τ_{i−1});
 *  - node forwards       f_i = [(τ_i − τ_{i−1}) f^d_{i+1} + (τ_{i+1} − τ_i) f^d_i] / (τ_{i+1} − τ_{i−1}),
 *                        f_0 = f^d_1 − ½(f_1 − f^d_1),   f_n = f^d_n − ½(f_{n−1} − f^d_n);
 *    when every discrete forward is positive, the paper's positivity collar applies:
 *    f_0 ∈ [0, 2 f^d_1], f_i ∈ [0, 2 min(f^d_i, f^d_{i+1})], f_n ∈ [0, 2 f^d_n], so positive inputs give
 *    non-negative forwards (discount factors never rise); with any negative discrete forward the basic
 *    method applies unchanged, so negative rates are interpolated like any others. Without a binding
 *    collar this is QuantLib's ConvexMonotone with quadraticity 0, monotonicity 1, forcePositive false;
 *  - on each interval, f(τ_{i−1} + x Δ_i) = f^d_i + g(x), x ∈ [0, 1], where g is the paper's piecewise
 *    quadratic (four cases by the signs of g_0 = f_{i−1} − f^d_i and g_1 = f_i − f^d_i) with ∫₀¹ g = 0,
 *    so every node discount factor is reproduced exactly;
 *  - beyond τ_n the forward stays at f_n (continuous forwards).
 */
export class MonotoneConvexCurve extends YieldCurve {
  readonly method = "MONOTONECONVEX" as const;
  private readonly tau: Float64Array;
  private readonly bigY: Float64Array;
  private readonly fd: Float64Array;
  private readonly f: Float64Array;

  constructor(terms: Float64Array, lnDiscounts: Float64Array) {
    super();
    const n = terms.length;
    this.tau = new Float64Array(n + 1);
    this.bigY = new Float64Array(n + 1);
    this.tau.set(terms, 1);
    for (let i = 0; i < n; i++) this.bigY[i + 1] = -(lnDiscounts[i] as number);
    const tau = this.tau;
    const Y = this.bigY;

    // fd[i] for i = 1..n is the discrete forward on (τ_{i−1}, τ_i]; fd[0] is unused.
    const fd = new Float64Array(n + 1);
    for (let i = 1; i <= n; i++) fd[i] = ((Y[i] as number) - (Y[i - 1] as number)) / ((tau[i] as number) - (tau[i - 1] as number));

    const f = new Float64Array(n + 1);
    if (n === 1) {
      f[0] = fd[1] as number;
      f[1] = fd[1] as number;
    } else {
      for (let i = 1; i < n; i++) {
        const wNext = ((tau[i] as number) - (tau[i - 1] as number)) / ((tau[i + 1] as number) - (tau[i - 1] as number));
        f[i] = wNext * (fd[i + 1] as number) + (1 - wNext) * (fd[i] as number);
      }
      f[0] = (fd[1] as number) - 0.5 * ((f[1] as number) - (fd[1] as number));
      f[n] = (fd[n] as number) - 0.5 * ((f[n - 1] as number) - (fd[n] as number));
      let allPositive = true;
      for (let i = 1; i <= n; i++) if (!((fd[i] as number) > 0)) allPositive = false;
      if (allPositive) {
        // Hagan–West's positivity collar: with g0, g1 within [−f^d, f^d] every forward stays >= 0.
        f[0] = collar(f[0] as number, 0, 2 * (fd[1] as number));
        for (let i = 1; i < n; i++) f[i] = collar(f[i] as number, 0, 2 * Math.min(fd[i] as number, fd[i + 1] as number));
        f[n] = collar(f[n] as number, 0, 2 * (fd[n] as number));
      }
    }
    this.fd = fd;
    this.f = f;
  }

  lnDiscount(t: number): number {
    const n = this.tau.length - 1;
    const i = segmentIndex(this.tau, t);
    if (i >= n) return -((this.bigY[n] as number) + (this.f[n] as number) * (t - (this.tau[n] as number)));
    const start = this.tau[i] as number;
    const width = (this.tau[i + 1] as number) - start;
    const x = (t - start) / width;
    if (x === 0) return -(this.bigY[i] as number);
    const fd = this.fd[i + 1] as number;
    const g0 = (this.f[i] as number) - fd;
    const g1 = (this.f[i + 1] as number) - fd;
    return -((this.bigY[i] as number) + width * (fd * x + integralG(g0, g1, x)));
  }

  forwardIntensity(t: number): number {
    const n = this.tau.length - 1;
    const i = segmentIndex(this.tau, t);
    if (i >= n) return this.f[n] as number;
    const start = this.tau[i] as number;
    const x = (t - start) / ((this.tau[i + 1] as number) - start);
    const fd = this.fd[i + 1] as number;
    return fd + valueG(this.f[i] as number - fd, (this.f[i + 1] as number) - fd, x);
  }
}

/** The four regions of Hagan–West §6 (Figure 6.1), by the signs and sizes of g0 and g1. */
type Region = "zero" | "i" | "ii" | "iii" | "iv";

function collar(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

function region(g0: number, g1: number): Region {
  if (g0 === 0 && g1 === 0) return "zero";
  if ((g0 < 0 && -0.5 * g0 <= g1 && g1 <= -2 * g0) || (g0 > 0 && -0.5 * g0 >= g1 && g1 >= -2 * g0)) return "i";
  if ((g0 < 0 && g1 > -2 * g0) || (g0 > 0 && g1 < -2 * g0)) return "ii";
  if ((g0 > 0 && g1 < 0 && g1 > -0.5 * g0) || (g0 < 0 && g1 > 0 && g1 < -0.5 * g0)) return "iii";
  return "iv";
}

/** g(x), the deviation of the instantaneous forward from the interval's discrete forward. */
function valueG(g0: number, g1: number, x: number): number {
  if (x === 0) return g0;
  switch (region(g0, g1)) {
    case "zero":
      return 0;
    case "i":
      // g = g0 (1 − 4x + 3x²) + g1 (−2x + 3x²)
      return g0 * (1 - 4 * x + 3 * x * x) + g1 * (-2 * x + 3 * x * x);
    case "ii": {
      // flat at g0 up to η = (g1 + 2 g0)/(g1 − g0), then quadratic up to g1
      const eta = (g1 + 2 * g0) / (g1 - g0);
      if (x <= eta) return g0;
      const u = (x - eta) / (1 - eta);
      return g0 + (g1 - g0) * u * u;
    }
    case "iii": {
      // quadratic from g0 down to g1 at η = 3 g1/(g1 − g0), then flat at g1
      const eta = (3 * g1) / (g1 - g0);
      if (x >= eta) return g1;
      const u = (eta - x) / eta;
      return g1 + (g0 - g1) * u * u;
    }
    case "iv": {
      // two quadratics meeting at their common extremum A at η = g1/(g0 + g1)
      const eta = g1 / (g0 + g1);
      const a = (-g0 * g1) / (g0 + g1);
      if (x <= eta) {
        const u = (eta - x) / eta;
        return a + (g0 - a) * u * u;
      }
      const u = (x - eta) / (1 - eta);
      return a + (g1 - a) * u * u;
    }
  }
}

/** G(x) = ∫₀ˣ g(s) ds, with G(1) = 0 in every region. */
function integralG(g0: number, g1: number, x: number): number {
  if (x === 0) return 0;
  switch (region(g0, g1)) {
    case "zero":
      return 0;
    case "i":
      return g0 * (x - 2 * x * x + x * x * x) + g1 * (-x * x + x * x * x);
    case "ii": {
      const eta = (g1 + 2 * g0) / (g1 - g0);
      if (x <= eta) return g0 * x;
      const d = x - eta;
      return g0 * x + ((g1 - g0) * d * d * d) / (3 * (1 - eta) * (1 - eta));
    }
    case "iii": {
      const eta = (3 * g1) / (g1 - g0);
      if (x >= eta) return g1 * x + ((g0 - g1) * eta) / 3;
      const u = 1 - x / eta;
      return g1 * x + ((g0 - g1) * eta * (1 - u * u * u)) / 3;
    }
    case "iv": {
      const eta = g1 / (g0 + g1);
      const a = (-g0 * g1) / (g0 + g1);
      if (x <= eta) {
        const u = 1 - x / eta;
        return a * x + ((g0 - a) * eta * (1 - u * u * u)) / 3;
      }
      const d = x - eta;
      return a * x + ((g0 - a) * eta) / 3 + ((g1 - a) * d * d * d) / (3 * (1 - eta) * (1 - eta));
    }
  }
}
