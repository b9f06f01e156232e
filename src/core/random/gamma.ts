import { invalid } from "../errors";
import { inverseNormalCdf } from "./normal";
import type { UniformSource } from "./source";

/**
 * A Gamma(shape, scale) variate — mean shape·scale, variance shape·scale² — by Marsaglia & Tsang
 * (2000), "A simple method for generating gamma variables", ACM TOMS 26(3), 363–372:
 *
 *   shape a ≥ 1: d = a − 1/3, c = 1/sqrt(9d); repeat { Z normal, v = (1 + cZ)³ (retry while
 *   1 + cZ ≤ 0); U uniform; accept d·v if U < 1 − 0.0331 Z⁴ (squeeze) or
 *   log U < Z²/2 + d(1 − v + log v) };
 *   shape a < 1 (their "boost", §7): X = Y · U^(1/a) with Y ~ Gamma(a + 1), U uniform.
 *
 * Normals are Φ⁻¹ of one open uniform each (see normal.ts); uniforms are open, so log U is finite.
 * The acceptance rate is above 95% for every shape, so the number of uniforms consumed per variate
 * is small but random. Results are ≥ 0 (a tiny shape can underflow U^(1/a) to exactly 0).
 *
 * Reproducibility: uses Math.log, Math.sqrt and (shape < 1) Math.pow; log and pow are
 * "implementation-approximated" in ECMAScript, so variates are reproducible bit for bit on one
 * engine, and across engines only up to last-bit differences (which can, very rarely, flip an
 * accept/reject decision and shift the stream).
 */
export function gamma(source: UniformSource, shape: number, scale = 1): number {
  if (!(shape > 0 && shape < Infinity)) invalid("shape", `${shape} is not a finite shape > 0`);
  if (!(scale > 0 && scale < Infinity)) invalid("scale", `${scale} is not a finite scale > 0`);
  return gammaUnchecked(source, shape) * scale;
}

/** Gamma(shape, 1) for a shape already known to be finite and > 0 (the hot-loop entry). */
export function gammaUnchecked(source: UniformSource, shape: number): number {
  if (shape < 1) {
    const y = marsagliaTsang(source, shape + 1);
    return y * Math.pow(source.nextOpenDouble(), 1 / shape);
  }
  return marsagliaTsang(source, shape);
}

function marsagliaTsang(source: UniformSource, a: number): number {
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = inverseNormalCdf(source.nextOpenDouble());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = source.nextOpenDouble();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
