/**
 * Unsigned 64-bit integer arithmetic on pairs of 32-bit halves (hi, lo), for the generators of this
 * folder. Every step is an exact integer operation — bitwise operators, Math.imul, `>>> 0`, and sums
 * or products of doubles that stay below 2^53 — so the results are the same bits on every
 * JavaScript engine. (BigInt would be simpler but is 10–100× slower in a hot loop.)
 *
 * Results are returned through a small scratch object to avoid allocating a pair per call.
 */

const TWO32 = 4294967296;

/** Output slot of the 64-bit helpers: the high and low 32-bit halves, each in [0, 2^32). */
export interface U64 {
  hi: number;
  lo: number;
}

/** The full 64-bit product of two unsigned 32-bit integers a · b, into out. */
export function mul32x32(a: number, b: number, out: U64): void {
  a >>>= 0;
  b >>>= 0;
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const p0 = a0 * b; // < 2^48: exact
  const p1 = a1 * b; // < 2^48: exact; the product is p1·2^16 + p0
  const low = (p1 % 65536) * 65536 + p0; // < 2^32 + 2^48: exact
  out.lo = low >>> 0; // low mod 2^32 (ToUint32 is exact modular reduction)
  out.hi = (Math.floor(p1 / 65536) + Math.floor(low / TWO32)) >>> 0;
}

/** (ah·2^32 + al) · (bh·2^32 + bl) mod 2^64, into out. */
export function mul64(ah: number, al: number, bh: number, bl: number, out: U64): void {
  mul32x32(al, bl, out);
  out.hi = (out.hi + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** (ah·2^32 + al) + (bh·2^32 + bl) mod 2^64, into out. */
export function add64(ah: number, al: number, bh: number, bl: number, out: U64): void {
  const low = (al >>> 0) + (bl >>> 0); // < 2^33: exact
  out.lo = low >>> 0;
  out.hi = ((ah >>> 0) + (bh >>> 0) + (low >= TWO32 ? 1 : 0)) >>> 0;
}

/**
 * The two's-complement 64-bit pattern of a safe integer (|n| ≤ 2^53 − 1), into out: n for n ≥ 0,
 * 2^64 + n for n < 0 — what a C `uint64_t` holds after `x = (int64_t) n`.
 */
export function fromSafeInteger(n: number, out: U64): void {
  const lo = n % TWO32; // exact for safe integers, sign of n
  out.lo = (lo < 0 ? lo + TWO32 : lo) >>> 0;
  out.hi = Math.floor(n / TWO32) >>> 0; // floor division; ToUint32 wraps a negative quotient
}

/** The 64-bit value as a BigInt (for tests and interoperability; not used in hot loops). */
export function toBigInt(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Splits a BigInt in [0, 2^64) into halves, into out. */
export function fromBigInt(x: bigint, out: U64): void {
  const v = BigInt.asUintN(64, x);
  out.hi = Number(v >> 32n) >>> 0;
  out.lo = Number(v & 0xffffffffn) >>> 0;
}
