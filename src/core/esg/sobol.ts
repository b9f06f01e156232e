import { invalid } from "../errors";

/**
 * Sobol' low-discrepancy points in base 2 with the direction numbers of Joe & Kuo (S. Joe and
 * F. Y. Kuo 2008, "Constructing Sobol sequences with better two-dimensional projections", SIAM J.
 * Sci. Comput. 30, 2635–2654; the file new-joe-kuo-6.21201 at https://web.maths.unsw.edu.au/~fkuo/sobol/).
 * Only its first 32 dimensions are kept here (dimension 1, van der Corput, plus rows d = 2..32 of the
 * file): the scenario generator uses Sobol' coordinates for the 32 most important Brownian-bridge
 * variates and pseudo-random numbers for the rest (see simulation.ts). The table is checked against
 * QuantLib 1.29's SobolRsg with JoeKuoD6 direction integers (test/reference/quantlib_sobol.py).
 *
 * Point n (n = 0, 1, …, < 2^32) in Gray-code order (Antonov & Saleev 1979; Bratley & Fox 1988):
 *   x_j(n) = ⊕_{b : bit b of g(n) is 1} v_{j,b},   g(n) = n ⊕ (n >> 1),
 * with 32-bit direction integers v_{j,b} = m_{j,b} 2^{31−b} for b < s_j and, above, the recurrence of
 * the primitive polynomial x^s + c_1 x^{s−1} + … + c_{s−1} x + 1 (a = c_1…c_{s−1} in binary):
 *   v_{j,b} = v_{j,b−s} ⊕ (v_{j,b−s} >> s) ⊕ ⊕_{k=1}^{s−1} c_k v_{j,b−k}.
 * The coordinate is x_j(n) / 2^32. Point 0 is the origin. Integer operations only: identical on every
 * JavaScript engine.
 */

/** Rows d = 2..32 of new-joe-kuo-6.21201: degree s, polynomial a, initial direction numbers m_1..m_s. */
const JOE_KUO_6: readonly (readonly number[])[] = [
  [1, 0, 1],
  [2, 1, 1, 3],
  [3, 1, 1, 3, 1],
  [3, 2, 1, 1, 1],
  [4, 1, 1, 1, 3, 3],
  [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17],
  [5, 4, 1, 1, 5, 5, 5],
  [5, 7, 1, 1, 7, 11, 19],
  [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11],
  [5, 14, 1, 3, 5, 5, 31],
  [6, 1, 1, 3, 3, 9, 7, 49],
  [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49],
  [6, 19, 1, 1, 1, 15, 7, 5],
  [6, 22, 1, 3, 1, 15, 13, 25],
  [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103],
  [7, 4, 1, 3, 7, 13, 13, 15, 69],
  [7, 7, 1, 1, 3, 13, 7, 35, 63],
  [7, 8, 1, 3, 5, 9, 1, 25, 53],
  [7, 14, 1, 3, 1, 13, 9, 35, 107],
  [7, 19, 1, 3, 1, 5, 27, 61, 31],
  [7, 21, 1, 1, 5, 11, 19, 41, 61],
  [7, 28, 1, 3, 5, 3, 3, 13, 69],
  [7, 31, 1, 1, 7, 13, 1, 19, 1],
  [7, 32, 1, 3, 7, 5, 13, 19, 59],
  [7, 37, 1, 1, 3, 9, 25, 29, 41],
  [7, 41, 1, 3, 5, 13, 23, 1, 55],
  [7, 42, 1, 3, 7, 3, 13, 59, 17],
];

/** Dimensions available (the table above plus van der Corput). */
export const SOBOL_MAX_DIMENSION = JOE_KUO_6.length + 1;
const BITS = 32;

let directions: Uint32Array | undefined;

/** v_{j,b} for j < 32, b < 32, row-major by dimension; built once. */
function directionIntegers(): Uint32Array {
  if (directions) return directions;
  const v = new Uint32Array(SOBOL_MAX_DIMENSION * BITS);
  for (let b = 0; b < BITS; b++) v[b] = 2 ** (31 - b);
  for (let j = 1; j < SOBOL_MAX_DIMENSION; j++) {
    const row = JOE_KUO_6[j - 1] as readonly number[];
    const s = row[0] as number;
    const a = row[1] as number;
    const o = j * BITS;
    for (let b = 0; b < s; b++) v[o + b] = ((row[2 + b] as number) * 2 ** (31 - b)) >>> 0;
    for (let b = s; b < BITS; b++) {
      let x = ((v[o + b - s] as number) ^ ((v[o + b - s] as number) >>> s)) >>> 0;
      for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ (v[o + b - k] as number)) >>> 0;
      v[o + b] = x;
    }
  }
  directions = v;
  return v;
}

export class SobolSequence {
  private readonly v: Uint32Array;

  constructor(readonly dimension: number) {
    if (!(Number.isInteger(dimension) && dimension >= 1 && dimension <= SOBOL_MAX_DIMENSION)) {
      invalid("dimension", `${dimension} is not a whole number of Sobol' dimensions from 1 to ${SOBOL_MAX_DIMENSION}`);
    }
    this.v = directionIntegers();
  }

  /** The integer coordinates x_j(n), j < dimension, of point n (0 <= n < 2^32) into `out`. */
  pointInt(n: number, out: Uint32Array): Uint32Array {
    if (!(Number.isInteger(n) && n >= 0 && n < 4294967296)) invalid("n", `${n} is not a point index from 0 to 2^32 − 1`);
    const d = this.dimension;
    out.fill(0, 0, d);
    // g(n) = n ⊕ ⌊n/2⌋ as an unsigned 32-bit integer
    let g = (n ^ Math.floor(n / 2)) >>> 0;
    for (let b = 0; g !== 0; b++, g >>>= 1) {
      if (g & 1) for (let j = 0; j < d; j++) out[j] = ((out[j] as number) ^ (this.v[j * BITS + b] as number)) >>> 0;
    }
    return out;
  }

  /** Point n as doubles x_j(n) / 2^32 in [0, 1). */
  point(n: number, out: Float64Array): Float64Array {
    const ints = this.pointInt(n, new Uint32Array(this.dimension));
    for (let j = 0; j < this.dimension; j++) out[j] = (ints[j] as number) * 2 ** -32;
    return out;
  }
}
