/**
 * What the samplers of this folder (normal, gamma, …) need from a generator: uniform doubles.
 * `Xoshiro256StarStar` implements it; tests may pass a scripted source.
 */
export interface UniformSource {
  /** A uniform double in [0, 1): a multiple of 2^-53. */
  nextDouble(): number;
  /**
   * A uniform double in the OPEN interval (0, 1): (k + 0.5) · 2^-52 for a uniform 52-bit integer k.
   * Never 0 or 1, so log(u) and Φ⁻¹(u) are finite; and 1 − u is exactly another value of the same
   * grid, so Φ⁻¹(1 − u) = −Φ⁻¹(u) exactly (antithetic pairs).
   */
  nextOpenDouble(): number;
}
