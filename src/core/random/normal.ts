import { invalid } from "../errors";
import type { UniformSource } from "./source";

/**
 * The standard normal quantile Φ⁻¹(p) by Wichura's algorithm AS 241, PPND16
 * (M. J. Wichura 1988, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3), 477–484), with the published coefficients. Relative accuracy about
 * 1e-16 over the whole range: for |p − 0.5| ≤ 0.425 a rational function of degree 7 in
 * r = 0.180625 − (p − 0.5)²; otherwise r = sqrt(−log(min(p, 1 − p))) and one of two rational
 * functions, for r ≤ 5 (min(p, 1 − p) ≥ e^-25 ≈ 1.4e-11) and r > 5.
 *
 * The coefficients are Wichura's published 20-digit values, each written here as the shortest
 * decimal that rounds to the same double (so the arithmetic is identical to using the published
 * literals, e.g. R's qnorm.c, and no literal claims precision a double does not hold).
 *
 * Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞; p outside [0, 1] or NaN is refused. Symmetric by construction:
 * Φ⁻¹(1 − p) = −Φ⁻¹(p) whenever 1 − p is exact.
 *
 * Reproducibility: the central branch uses only + − × ÷ and is bit-identical on every engine; the
 * tails call Math.log, which ECMAScript leaves "implementation-approximated", so tail values can
 * differ in the last bit between engines (they are identical run to run on one engine).
 */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    invalid("p", `${p} is not a probability in [0, 1]`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r +
          45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-09 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.0103343992922881e-07 + 2.7115555687434876e-05) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-07) * r + 1.8463183175100548e-05) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/**
 * One standard normal by inversion: Φ⁻¹(U) with U = source.nextOpenDouble(). Exactly one uniform
 * per normal, in order, so a stream of normals maps one-to-one onto the uniform stream (antithetic
 * variates: U ↦ 1 − U gives −Z exactly; quasi-random points can replace U later). Values lie in
 * about [−8.29, 8.29] (the extreme uniforms are 2^-53 and 1 − 2^-53).
 */
export function normal(source: UniformSource): number {
  return inverseNormalCdf(source.nextOpenDouble());
}

/**
 * Fills `out` with independent normals mean + sd · Z, in index order, one uniform each.
 * Returns `out`.
 */
export function fillNormal(source: UniformSource, out: Float64Array, mean = 0, sd = 1): Float64Array {
  if (!Number.isFinite(mean)) invalid("mean", `${mean} is not a finite number`);
  if (!(Number.isFinite(sd) && sd >= 0)) invalid("sd", `${sd} is not a finite standard deviation >= 0`);
  for (let i = 0; i < out.length; i++) out[i] = mean + sd * inverseNormalCdf(source.nextOpenDouble());
  return out;
}
