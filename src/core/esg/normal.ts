/**
 * The standard normal distribution function Φ(x) and density φ(x) to full double precision, for the
 * closed-form option prices of the Hull–White model and the Black and Bachelier formulas.
 *
 * Φ is W. J. Cody's rational Chebyshev approximation (W. J. Cody 1993, "Algorithm 715: SPECFUN",
 * ACM TOMS 19(1), 22–32, routine ANORM; the approximations of Cody 1969, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 631–637), with the published coefficients:
 *  - |x| ≤ 0.67448975 (Φ⁻¹(3/4)): Φ(x) = 1/2 + x·R₁(x²);
 *  - 0.67448975 < |x| ≤ √32: Φ(−|x|) = e^{−x²/2} R₂(|x|);
 *  - √32 < |x| < 37.5193 (the lower tail; Φ is 1 to double precision above 8.2924):
 *    Φ(−|x|) = e^{−x²/2} (1/√(2π) − R₃(1/x²)/x²) / |x|.
 * e^{−x²/2} is evaluated as e^{−x₀²/2}·e^{−(x − x₀)(x + x₀)/2} with x₀ = x rounded down to 1/16, which
 * keeps full relative accuracy in the tails. Relative accuracy about 1e−16 on both tails.
 *
 * The coefficients are Cody's published 20-digit values, each written as the shortest decimal that
 * rounds to the same double (as ../random/normal.ts does for AS 241).
 */

const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745] as const;
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673] as const;
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-08,
] as const;
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
const P = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-05, 0.023073441764940174] as const;
const Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-05] as const;

const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const SQRT_32 = 5.656854249492381;

/** e^{−y²/2} · factor, with y split at a multiple of 1/16 so that the square loses no digits. */
function gaussianTail(y: number, factor: number): number {
  const y0 = Math.trunc(y * 16) / 16;
  const del = (y - y0) * (y + y0);
  return Math.exp(-y0 * y0 * 0.5) * Math.exp(-del * 0.5) * factor;
}

/** Φ(−y) for y ≥ 0.67448975, the smaller tail. */
function upperTail(y: number): number {
  if (y <= SQRT_32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (C[i] as number)) * y;
      den = (den + (D[i] as number)) * y;
    }
    return gaussianTail(y, (num + C[7]) / (den + D[7]));
  }
  if (y >= 37.5193) return 0;
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + (P[i] as number)) * z;
    den = (den + (Q[i] as number)) * z;
  }
  const r = (z * (num + P[4])) / (den + Q[4]);
  return gaussianTail(y, (INV_SQRT_2PI - r) / y);
}

/** Φ(x) = P[Z ≤ x] for a standard normal Z. Φ(±∞) = 1 or 0. */
export function normalCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = x * x;
    let num = A[4] * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + (A[i] as number)) * xsq;
      den = (den + (B[i] as number)) * xsq;
    }
    return 0.5 + (x * (num + A[3])) / (den + B[3]);
  }
  const tail = upperTail(y);
  return x > 0 ? 1 - tail : tail;
}

/** φ(x) = e^{−x²/2}/√(2π). */
export function normalPdf(x: number): number {
  const y = Math.abs(x);
  if (y > 40) return 0;
  return gaussianTail(y, INV_SQRT_2PI);
}
