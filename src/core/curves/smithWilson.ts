import { choleskySolve } from "../numeric/cholesky";
import { invalid, numericFailure } from "../errors";
import { YieldCurve } from "./yieldCurve";

/**
 * "SMITHWILSON": the Smith–Wilson curve as specified by EIOPA ("Technical documentation of the
 * methodology to derive EIOPA's risk-free interest rate term structures", §7 and §9), fitted exactly to
 * zero-coupon prices p_j = (1 + r_j)^−u_j.
 *
 *   ω = ln(1 + UFR)
 *   W(t, u) = e^{−ω(t+u)} [α min(t, u) − ½ e^{−α max(t, u)} (e^{α min(t, u)} − e^{−α min(t, u)})]
 *   ζ = W⁻¹ (p − e^{−ω u})                    (W is the n × n matrix W(u_i, u_j))
 *   P(t) = e^{−ωt} + Σ_j ζ_j W(t, u_j) = e^{−ωt} [1 + Σ_j ζ̃_j H(t, u_j)],   ζ̃_j = ζ_j e^{−ω u_j},
 *   H(t, u) = α m − ½ (e^{−α(M−m)} − e^{−α(M+m)}),   m = min(t, u), M = max(t, u).
 *
 * The forward intensity is f(t) = ω − S'(t)/S(t) with S(t) = 1 + Σ ζ̃_j H(t, u_j):
 *   ∂H/∂t = α − ½ α (e^{−α(u−t)} + e^{−α(u+t)})   for t < u,
 *   ∂H/∂t = ½ α (e^{−α(t−u)} − e^{−α(t+u)})       for t ≥ u.
 */
export class SmithWilsonCurve extends YieldCurve {
  readonly method = "SMITHWILSON" as const;
  readonly omega: number;
  private readonly zetaTilde: Float64Array;
  /**
   * Beyond the last term u_n, S(t) = A − B e^{−αt} with A = 1 + α Σ ζ̃_j u_j, B = Σ ζ̃_j sinh(α u_j).
   * B is stored as B e^{−α u_n} = Σ ζ̃_j ½ (e^{−α(u_n − u_j)} − e^{−α(u_n + u_j)}), which cannot overflow.
   */
  private readonly tailA: number;
  private readonly tailBScaled: number;
  private readonly lastTerm: number;

  constructor(
    private readonly terms: Float64Array,
    lnPrices: Float64Array,
    readonly ufr: number,
    readonly alpha: number,
  ) {
    super();
    const n = terms.length;
    this.omega = Math.log1p(ufr);
    // Solve in the scaled unknowns ζ̃ = ζ e^{−ωu}: H ζ̃ = p e^{ωu} − 1, where H_ij = H(u_i, u_j).
    // This is the same system as W ζ = p − e^{−ωu} multiplied by e^{ωu_i} on row i and by e^{ωu_j} on
    // column j, and keeps all entries O(1) for long maturities.
    const h = new Float64Array(n * n);
    const rhs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ui = terms[i] as number;
      for (let j = 0; j < n; j++) h[i * n + j] = wilsonH(ui, terms[j] as number, alpha);
      rhs[i] = Math.expm1((lnPrices[i] as number) + this.omega * ui);
    }
    this.zetaTilde = choleskySolve(h, rhs, n);
    let a = 1;
    let b = 0;
    for (let j = 0; j < n; j++) {
      a += alpha * (this.zetaTilde[j] as number) * (terms[j] as number);
      const u = terms[j] as number;
      b += (this.zetaTilde[j] as number) * 0.5 * (Math.exp(-alpha * (terms[n - 1] as number - u)) - Math.exp(-alpha * (terms[n - 1] as number + u)));
    }
    this.tailA = a;
    this.tailBScaled = b;
    this.lastTerm = terms[n - 1] as number;
  }

  /** S(t) − 1 = e^{ωt} P(t) − 1 = Σ_j ζ̃_j H(t, u_j) (kept apart from the 1 for accuracy at small t). */
  private scaledPriceMinusOne(t: number): number {
    if (t >= this.lastTerm) return this.tailA - 1 - this.tailBScaled * Math.exp(-this.alpha * (t - this.lastTerm));
    let s = 0;
    for (let j = 0; j < this.terms.length; j++) s += (this.zetaTilde[j] as number) * wilsonH(t, this.terms[j] as number, this.alpha);
    return s;
  }

  lnDiscount(t: number): number {
    if (t === 0) return 0;
    const s = this.scaledPriceMinusOne(t);
    if (!(s > -1)) numericFailure(`the Smith–Wilson discount factor at t = ${t} is not positive`);
    return -this.omega * t + Math.log1p(s);
  }

  forwardIntensity(t: number): number {
    const a = this.alpha;
    let s = 1;
    let ds = 0;
    for (let j = 0; j < this.terms.length; j++) {
      const u = this.terms[j] as number;
      const z = this.zetaTilde[j] as number;
      s += z * wilsonH(t, u, a);
      ds += t < u ? z * a * (1 - 0.5 * (Math.exp(-a * (u - t)) + Math.exp(-a * (u + t)))) : z * 0.5 * a * (Math.exp(-a * (t - u)) - Math.exp(-a * (t + u)));
    }
    return this.omega - ds / s;
  }
}

/**
 * H(t, u) = e^{ω(t+u)} W(t, u) = α m − e^{−αM} sinh(α m), m = min(t, u), M = max(t, u): as a difference
 * of exponentials (no overflow) for large α m, with sinh directly (no cancellation) for small α m.
 */
function wilsonH(t: number, u: number, alpha: number): number {
  const m = Math.min(t, u);
  const big = Math.max(t, u);
  if (alpha * m < 1) return alpha * m - Math.exp(-alpha * big) * Math.sinh(alpha * m);
  return alpha * m - 0.5 * (Math.exp(-alpha * (big - m)) - Math.exp(-alpha * (big + m)));
}

/** EIOPA's lower bound for the convergence parameter. */
export const ALPHA_MIN = 0.05;
/** EIOPA's convergence tolerance: 1 basis point on the forward intensity. */
export const CONVERGENCE_TOLERANCE = 1e-4;

/** Convergence point T = max(LLP + 40, 60) (EIOPA technical documentation §9.D). */
export function convergencePoint(llp: number): number {
  return Math.max(llp + 40, 60);
}

/**
 * EIOPA's convergence parameter: the smallest α >= 0.05 for which the forward intensity at the
 * convergence point T = max(LLP + 40, 60) is within 1 bp of ω = ln(1 + UFR):
 *   |f(T) − ω| <= 0.0001.
 * The gap shrinks as α grows, so the answer is α = 0.05 when that already converges, and otherwise the
 * root of |f(T) − ω| = 1 bp, found by bisection to 1e−12 (reported α satisfies the criterion).
 */
export function smithWilsonAlpha(terms: Float64Array, lnPrices: Float64Array, ufr: number, llp: number): number {
  const T = convergencePoint(llp);
  const omega = Math.log1p(ufr);
  const converged = (alpha: number): boolean =>
    Math.abs(new SmithWilsonCurve(terms, lnPrices, ufr, alpha).forwardIntensity(T) - omega) <= CONVERGENCE_TOLERANCE;
  if (converged(ALPHA_MIN)) return ALPHA_MIN;
  let lo = ALPHA_MIN;
  let hi = 2 * ALPHA_MIN;
  while (!converged(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 100) numericFailure(`no convergence parameter α <= 100 brings the forward at T = ${T} within 1 bp of the UFR`);
  }
  while (hi - lo > 1e-12) {
    const mid = 0.5 * (lo + hi);
    if (converged(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function checkSmithWilsonParameters(ufr: number | undefined, alpha: number | undefined, llp: number | undefined): void {
  if (ufr === undefined) invalid("ufr", "SMITHWILSON needs an ultimate forward rate (e.g. 0.042 for 4.2%); blank and 0 count as not given");
  if (!(ufr > -1)) invalid("ufr", `${ufr} is at or below −100%`);
  if (alpha !== undefined && !(alpha > 0)) invalid("alpha", `${alpha} is not a positive number`);
  if (llp !== undefined && !(llp > 0)) invalid("llp", `${llp} is not a positive term`);
}
