import { invalid } from "../errors";
import { add64, fromSafeInteger, mul64, toBigInt, type U64 } from "./uint64";

/**
 * SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA;
 * the form of Vigna's reference `splitmix64.c`), with its 64-bit state emulated in two 32-bit halves:
 *
 *   x += 0x9e3779b97f4a7c15;
 *   z = x;  z = (z ^ (z >> 30)) · 0xbf58476d1ce4e5b9;  z = (z ^ (z >> 27)) · 0x94d049bb133111eb;
 *   return z ^ (z >> 31)
 *
 * It is used only to expand one integer seed into the 256-bit state of xoshiro256**, as Blackman and
 * Vigna recommend: consecutive outputs are well mixed even for seeds 0, 1, 2, …, and the state it
 * produces is never all zero in practice. Outputs are exact integer arithmetic, identical on every
 * engine. From seed 0 the first outputs are 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4,
 * 0x06c45d188009454f, 0xf88bb8a8724c81ec (asserted in test/core/random.test.ts).
 */
export class SplitMix64 {
  private hi: number;
  private lo: number;
  private readonly t: U64 = { hi: 0, lo: 0 };
  /** High and low halves of the last output of next(). */
  outHi = 0;
  outLo = 0;

  /** Seeds with the 64-bit two's-complement pattern of a safe integer (negative seeds allowed). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) invalid("seed", `${seed} is not a whole number between -(2^53 - 1) and 2^53 - 1`);
    fromSafeInteger(seed, this.t);
    this.hi = this.t.hi;
    this.lo = this.t.lo;
  }

  /** Advances and leaves the next 64-bit output in outHi / outLo. */
  next(): void {
    const t = this.t;
    add64(this.hi, this.lo, 0x9e3779b9, 0x7f4a7c15, t);
    this.hi = t.hi;
    this.lo = t.lo;
    // z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9
    let zh = t.hi;
    let zl = t.lo;
    zl = (zl ^ ((zl >>> 30) | (zh << 2))) >>> 0;
    zh = (zh ^ (zh >>> 30)) >>> 0;
    mul64(zh, zl, 0xbf58476d, 0x1ce4e5b9, t);
    zh = t.hi;
    zl = t.lo;
    // z ^= z >>> 27; z *= 0x94d049bb133111eb
    zl = (zl ^ ((zl >>> 27) | (zh << 5))) >>> 0;
    zh = (zh ^ (zh >>> 27)) >>> 0;
    mul64(zh, zl, 0x94d049bb, 0x133111eb, t);
    zh = t.hi;
    zl = t.lo;
    // z ^= z >>> 31
    this.outLo = (zl ^ ((zl >>> 31) | (zh << 1))) >>> 0;
    this.outHi = (zh ^ (zh >>> 31)) >>> 0;
  }

  /** The next output as a BigInt in [0, 2^64). */
  nextUint64(): bigint {
    this.next();
    return toBigInt(this.outHi, this.outLo);
  }
}
