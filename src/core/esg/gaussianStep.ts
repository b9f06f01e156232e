/**
 * Moments of the exact Gaussian step of the Hull–White factor and of the equity's Brownian integral.
 *
 * With x the Ornstein–Uhlenbeck factor dx = −a x dt + σ dW, x(0) = 0, B(τ) = (1 − e^{−aτ})/a and a
 * step from t to T₁ = t + Δ (Glasserman 2004, §3.3.2, eqs. 3.43–3.47; Brigo & Mercurio 2006, §3.3):
 *   x(T₁) = e^{−aΔ} x(t) + ξ_x,           ξ_x = σ ∫_t^{T₁} e^{−a(T₁−u)} dW(u),
 *   ∫_t^{T₁} x(s) ds = B(Δ) x(t) + ξ_I,  ξ_I = σ ∫_t^{T₁} B(T₁−u) dW(u),
 *   Var ξ_x = σ² (1 − e^{−2aΔ})/(2a),   Var ξ_I = σ² ∫_0^Δ B(τ)² dτ,   Cov(ξ_x, ξ_I) = σ² B(Δ)²/2.
 * The equity's ξ_S = ∫_t^{T₁} σ_S(u) dW_S(u), dW_S = ρ dW + √(1−ρ²) dW⊥, with σ_S constant (= s) on a
 * piece [u₀, u₁] of the step and τ_i = T₁ − u_i:
 *   Cov(ξ_x, ξ_S) += ρ σ s (B(τ₀) − B(τ₁)),   Cov(ξ_I, ξ_S) += ρ σ s (H(τ₀) − H(τ₁)),   Var ξ_S += s² (u₁ − u₀),
 * with H(τ) = ∫_0^τ B(u) du = (τ − B(τ))/a.
 *
 * The closed forms cancel badly for small aτ (they tend to Ho–Lee's τ³/3 and τ²/2 as a → 0), so below
 * aτ = 1 the integrals are summed from their Taylor series:
 *   ∫_0^τ B² = τ³ Σ_{n≥3} (−1)^{n+1} (2^{n−1} − 2) (aτ)^{n−3} / n!,   H(τ) = τ² Σ_{n≥2} (−1)^n (aτ)^{n−2} / n!.
 */

/** B(τ) = (1 − e^{−aτ})/a. */
export function bFactor(a: number, tau: number): number {
  return -Math.expm1(-a * tau) / a;
}

/** H(τ) = ∫_0^τ B(u) du = (τ − B(τ))/a. */
export function integralB(a: number, tau: number): number {
  const y = a * tau;
  if (y >= 1) return (tau + Math.expm1(-y) / a) / a;
  // τ² Σ_{n≥2} (−y)^{n−2}/n!
  let term = 0.5;
  let sum = term;
  for (let n = 3; n < 60; n++) {
    term *= -y / n;
    sum += term;
    if (Math.abs(term) <= 1e-18 * Math.abs(sum)) break;
  }
  return tau * tau * sum;
}

/** ∫_0^τ B(u)² du = (τ − 2B(τ) + (1 − e^{−2aτ})/(2a)) / a². */
export function integralBSquared(a: number, tau: number): number {
  const y = a * tau;
  if (y >= 1) return (tau + (2 * Math.expm1(-y)) / a - Math.expm1(-2 * y) / (2 * a)) / (a * a);
  // τ³ Σ_{n≥3} (−1)^{n+1} (2^{n−1} − 2) y^{n−3}/n!, with p = y^{n−3}/n! and q = 2^{n−1} y^{n−3}/n!
  let p = 1 / 6;
  let q = 4 / 6;
  let sum = q - 2 * p;
  for (let n = 4; n < 80; n++) {
    p *= -y / n;
    q *= (-2 * y) / n;
    const term = q - 2 * p;
    sum += term;
    if (Math.abs(term) <= 1e-18 * Math.abs(sum)) break;
  }
  return tau * tau * tau * sum;
}

/**
 * The convexity term of the fitted drift: ½ Var[∫_0^t x(s) ds] = ½ σ² ∫_0^t B(u)² du, so that
 * ∫_0^t α(s) ds = −ln P(0, t) + convexity(t) and E[exp(−∫_0^t r)] = P(0, t).
 */
export function convexity(a: number, sigma: number, t: number): number {
  return 0.5 * sigma * sigma * integralBSquared(a, t);
}

/** A piece of the equity volatility inside a step: σ_S = vol on [from, to]. */
export interface VolPiece {
  from: number;
  to: number;
  vol: number;
}

/**
 * The covariance of (ξ_x, ξ_I, ξ_S) over the step [t, t + Δ], as the lower triangle
 * [c_xx, c_Ix, c_II, c_Sx, c_SI, c_SS], given the equity volatility's pieces inside the step.
 */
export function stepCovariance(a: number, sigma: number, rho: number, t: number, dt: number, pieces: readonly VolPiece[], out = new Float64Array(6)): Float64Array {
  const end = t + dt;
  const bd = bFactor(a, dt);
  out[0] = (sigma * sigma * -Math.expm1(-2 * a * dt)) / (2 * a);
  out[1] = 0.5 * sigma * sigma * bd * bd;
  out[2] = sigma * sigma * integralBSquared(a, dt);
  let sx = 0;
  let sI = 0;
  let ss = 0;
  for (const p of pieces) {
    const tau0 = end - p.from;
    const tau1 = end - p.to;
    sx += p.vol * (bFactor(a, tau0) - bFactor(a, tau1));
    sI += p.vol * (integralB(a, tau0) - integralB(a, tau1));
    ss += p.vol * p.vol * (p.to - p.from);
  }
  out[3] = rho * sigma * sx;
  out[4] = rho * sigma * sI;
  out[5] = ss;
  return out;
}

/**
 * The lower-triangular Cholesky factor L (L Lᵀ = C) of a 3 × 3 covariance given as its lower triangle
 * [c00, c10, c11, c20, c21, c22], into [l00, l10, l11, l20, l21, l22]. Positive semi-definite input is
 * accepted: a pivot that rounding leaves at or below 1e-14 of its diagonal (a perfectly dependent
 * variable, e.g. σ_S = 0 or |ρ| = 1 with nothing left over) gets a zero column.
 */
export function cholesky3(c: Float64Array, out = new Float64Array(6)): Float64Array {
  const pivot = (v: number, diag: number): number => (v > 1e-14 * diag && v > 0 ? Math.sqrt(v) : 0);
  const l00 = pivot(c[0] as number, c[0] as number);
  const l10 = l00 > 0 ? (c[1] as number) / l00 : 0;
  const l11 = pivot((c[2] as number) - l10 * l10, c[2] as number);
  const l20 = l00 > 0 ? (c[3] as number) / l00 : 0;
  const l21 = l11 > 0 ? ((c[4] as number) - l20 * l10) / l11 : 0;
  const l22 = pivot((c[5] as number) - l20 * l20 - l21 * l21, c[5] as number);
  out[0] = l00;
  out[1] = l10;
  out[2] = l11;
  out[3] = l20;
  out[4] = l21;
  out[5] = l22;
  return out;
}
