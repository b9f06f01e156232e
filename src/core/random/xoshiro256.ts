import { invalid } from "../errors";
import { gamma } from "./gamma";
import { fillNormal, inverseNormalCdf } from "./normal";
import type { UniformSource } from "./source";
import { SplitMix64 } from "./splitmix64";
import { fromBigInt, toBigInt, type U64 } from "./uint64";

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;
const INV_TWO52 = 1 / 4503599627370496;
const INV_TWO53 = 1 / TWO53;

/** Jump polynomials of the reference code, as (hi, lo) 32-bit halves of each 64-bit word. */
const JUMP = [0x180ec6d3, 0x3cfd0aba, 0xd5a61266, 0xf0c9392c, 0xa9582618, 0xe03fc9aa, 0x39abdc45, 0x29b1661c];
const LONG_JUMP = [0x76e15d3e, 0xfefdcbbf, 0xc5004e44, 0x1c522fb3, 0x77710069, 0x854ee241, 0x39109bb0, 0x2acbe635];

/**
 * The product's pseudo-random generator: xoshiro256** 1.0 (D. Blackman & S. Vigna 2018,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021; reference C code
 * `xoshiro256starstar.c`), with each 64-bit word held as two 32-bit halves so that every operation
 * is exact integer arithmetic in JavaScript (bitwise operators, Math.imul, `>>> 0`):
 *
 *   result = rotl(s1 · 5, 7) · 9;   t = s1 << 17;
 *   s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 45)
 *
 * Period 2^256 − 1; 256-bit state; passes BigCrush and PractRand; all 64 output bits are of full
 * quality. `jump()` advances by 2^128 steps and `longJump()` by 2^192 (the reference polynomials),
 * which gives 2^128 non-overlapping streams of length 2^128 for parallel workers (`split`, `streams`).
 *
 * Seeding: an integer seed (any safe integer, negative allowed) is taken as a 64-bit two's-complement
 * value and expanded by SplitMix64 into the four state words, as the authors recommend — the same
 * seeding as the `seed_from_u64` of Rust's `rand_xoshiro`.
 *
 * Reproducibility: the integer and uniform outputs (nextUint32, nextUint64, nextDouble,
 * nextOpenDouble, nextInt) and jumps are bit-identical on every JavaScript engine. Normals and
 * gammas call Math.log / Math.pow (implementation-approximated in ECMAScript): identical run to
 * run on one engine, possibly different in the last bit on another engine.
 *
 * Stream layout: every call consumes whole 64-bit outputs — nextUint32 returns the HIGH 32 bits of
 * one output, nextDouble its high 53 bits, nextOpenDouble its high 52 bits; nextInt(n) consumes one
 * output per attempt (rejection); normals one output each; gamma a random number of outputs.
 */
export class Xoshiro256StarStar implements UniformSource {
  // State words s0..s3 as signed 32-bit halves (converted with >>> 0 where unsigned values matter).
  private s0h = 0;
  private s0l = 0;
  private s1h = 0;
  private s1l = 0;
  private s2h = 0;
  private s2l = 0;
  private s3h = 0;
  private s3l = 0;
  // Halves of the last output.
  private oh = 0;
  private ol = 0;

  /** A generator seeded from one integer through SplitMix64 (see the class comment). */
  constructor(seed: number) {
    const sm = new SplitMix64(seed);
    sm.next();
    this.s0h = sm.outHi | 0;
    this.s0l = sm.outLo | 0;
    sm.next();
    this.s1h = sm.outHi | 0;
    this.s1l = sm.outLo | 0;
    sm.next();
    this.s2h = sm.outHi | 0;
    this.s2l = sm.outLo | 0;
    sm.next();
    this.s3h = sm.outHi | 0;
    this.s3l = sm.outLo | 0;
    if ((this.s0h | this.s0l | this.s1h | this.s1l | this.s2h | this.s2l | this.s3h | this.s3l) === 0) {
      // SplitMix64 outputs are a bijection of its state, so four zero outputs in a row cannot happen;
      // kept as a guard because an all-zero state would make the generator output zeros forever.
      this.s3l = 1;
    }
  }

  /**
   * A generator with the given raw state s[0..3] (each an integer in [0, 2^64), not all zero), as in
   * the reference C code — for test vectors and for restoring a saved state (see `state()`).
   */
  static fromState(state: readonly bigint[]): Xoshiro256StarStar {
    if (state.length !== 4) invalid("state", `has ${state.length} words; xoshiro256** needs 4`);
    const g = new Xoshiro256StarStar(0);
    const w: U64 = { hi: 0, lo: 0 };
    const halves: number[] = [];
    for (let k = 0; k < 4; k++) {
      const x = state[k] as bigint;
      if (x < 0n || x >= 1n << 64n) invalid("state", `${x} is not a 64-bit unsigned integer`, k);
      fromBigInt(x, w);
      halves.push(w.hi | 0, w.lo | 0);
    }
    if (halves.every((h) => h === 0)) invalid("state", "is all zero; xoshiro256** needs a nonzero state");
    g.setHalves(halves);
    return g;
  }

  /**
   * `count` generators for parallel workers: the generator seeded with `seed`, then the same jumped
   * once, twice, … by 2^128 steps — non-overlapping streams unless a worker draws more than 2^128
   * numbers. Worker k's stream does not depend on `count`.
   */
  static streams(seed: number, count: number): Xoshiro256StarStar[] {
    if (!(Number.isInteger(count) && count >= 1 && count <= 65536)) invalid("count", `${count} is not a whole number of streams between 1 and 65536`);
    const base = new Xoshiro256StarStar(seed);
    const out: Xoshiro256StarStar[] = [];
    for (let k = 0; k < count; k++) out.push(base.split());
    return out;
  }

  /** The current state s[0..3] as BigInts (restore with `fromState`). */
  state(): bigint[] {
    return [toBigInt(this.s0h, this.s0l), toBigInt(this.s1h, this.s1l), toBigInt(this.s2h, this.s2l), toBigInt(this.s3h, this.s3l)];
  }

  /** An independent copy with the same state (it will produce the same numbers). */
  clone(): Xoshiro256StarStar {
    const g = new Xoshiro256StarStar(0);
    g.setHalves([this.s0h, this.s0l, this.s1h, this.s1l, this.s2h, this.s2l, this.s3h, this.s3l]);
    return g;
  }

  /**
   * Splits off a substream: returns a copy of this generator as it is now, then jumps this one by
   * 2^128 steps. Successive calls return streams 2^128 apart; the returned one cannot reach the
   * numbers this one produces afterwards within 2^128 draws.
   */
  split(): Xoshiro256StarStar {
    const child = this.clone();
    this.jump();
    return child;
  }

  /** Advances the state by 2^128 steps (the reference `jump`). */
  jump(): void {
    this.applyJump(JUMP);
  }

  /** Advances the state by 2^192 steps (the reference `long_jump`). */
  longJump(): void {
    this.applyJump(LONG_JUMP);
  }

  /** The next raw output as a BigInt in [0, 2^64) (tests and interoperability). */
  nextUint64(): bigint {
    this.step();
    return toBigInt(this.oh, this.ol);
  }

  /** The high 32 bits of the next output: a uniform integer in [0, 2^32). */
  nextUint32(): number {
    this.step();
    return this.oh >>> 0;
  }

  /** A uniform double in [0, 1): (x >>> 11) · 2^-53, the 53 high bits of one output. */
  nextDouble(): number {
    this.step();
    return ((this.oh >>> 0) * 2097152 + (this.ol >>> 11)) * INV_TWO53;
  }

  /** A uniform double in (0, 1): ((x >>> 12) + 0.5) · 2^-52 (see UniformSource). */
  nextOpenDouble(): number {
    this.step();
    return ((this.oh >>> 0) * 1048576 + (this.ol >>> 12) + 0.5) * INV_TWO52;
  }

  /**
   * A uniform integer in [0, n) without modulo bias, for a whole number 1 ≤ n ≤ 2^53: draws
   * x (32 bits when n ≤ 2^32, else 53 bits) until x < m·n, the largest multiple of n the draw
   * can reach, and returns x mod n. The expected number of draws is below 2.
   */
  nextInt(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO53)) invalid("n", `${n} is not a whole number between 1 and 2^53`);
    if (n <= TWO32) {
      const limit = TWO32 - (TWO32 % n);
      for (;;) {
        this.step();
        const x = this.oh >>> 0;
        if (x < limit) return x % n;
      }
    }
    const limit = TWO53 - (TWO53 % n);
    for (;;) {
      this.step();
      const x = (this.oh >>> 0) * 2097152 + (this.ol >>> 11);
      if (x < limit) return x % n;
    }
  }

  /** A standard normal by inversion (Wichura AS 241) of one open uniform; see normal.ts. */
  nextNormal(): number {
    return inverseNormalCdf(this.nextOpenDouble());
  }

  /** Fills `out` with normals mean + sd·Z in index order (one output each); returns `out`. */
  fillNormal(out: Float64Array, mean = 0, sd = 1): Float64Array {
    return fillNormal(this, out, mean, sd);
  }

  /** A Gamma(shape, scale) variate by Marsaglia–Tsang; see gamma.ts. */
  nextGamma(shape: number, scale = 1): number {
    return gamma(this, shape, scale);
  }

  private setHalves(h: readonly number[]): void {
    this.s0h = (h[0] as number) | 0;
    this.s0l = (h[1] as number) | 0;
    this.s1h = (h[2] as number) | 0;
    this.s1l = (h[3] as number) | 0;
    this.s2h = (h[4] as number) | 0;
    this.s2l = (h[5] as number) | 0;
    this.s3h = (h[6] as number) | 0;
    this.s3l = (h[7] as number) | 0;
  }

  private applyJump(poly: readonly number[]): void {
    let a0h = 0, a0l = 0, a1h = 0, a1l = 0, a2h = 0, a2l = 0, a3h = 0, a3l = 0;
    for (let w = 0; w < 8; w += 2) {
      const hi = poly[w] as number;
      const lo = poly[w + 1] as number;
      for (let b = 0; b < 64; b++) {
        const bit = b < 32 ? (lo >>> b) & 1 : (hi >>> (b - 32)) & 1;
        if (bit !== 0) {
          a0h ^= this.s0h; a0l ^= this.s0l;
          a1h ^= this.s1h; a1l ^= this.s1l;
          a2h ^= this.s2h; a2l ^= this.s2l;
          a3h ^= this.s3h; a3l ^= this.s3l;
        }
        this.step();
      }
    }
    this.setHalves([a0h, a0l, a1h, a1l, a2h, a2l, a3h, a3l]);
  }

  /** One step of xoshiro256**: leaves the output in oh/ol and advances the state. */
  private step(): void {
    const s1h = this.s1h;
    const s1l = this.s1l;
    // m = s1 · 5 (mod 2^64)
    const p = (s1l >>> 0) * 5; // < 5 · 2^32: exact
    const ml = p >>> 0;
    const mh = (Math.imul(s1h, 5) + (p - ml) / TWO32) | 0;
    // r = rotl(m, 7)
    const rh = (mh << 7) | (ml >>> 25);
    const rl = (ml << 7) | (mh >>> 25);
    // out = r · 9 (mod 2^64)
    const q = (rl >>> 0) * 9; // < 9 · 2^32: exact
    const ol = q >>> 0;
    this.ol = ol;
    this.oh = (Math.imul(rh, 9) + (q - ol) / TWO32) | 0;
    // t = s1 << 17
    const th = (s1h << 17) | (s1l >>> 15);
    const tl = s1l << 17;
    // s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
    const s2h = this.s2h ^ this.s0h;
    const s2l = this.s2l ^ this.s0l;
    const s3h = this.s3h ^ s1h;
    const s3l = this.s3l ^ s1l;
    this.s1h = s1h ^ s2h;
    this.s1l = s1l ^ s2l;
    this.s0h ^= s3h;
    this.s0l ^= s3l;
    this.s2h = s2h ^ th;
    this.s2l = s2l ^ tl;
    // rotl by 45 = swap halves, then rotl by 13
    this.s3h = (s3l << 13) | (s3h >>> 19);
    this.s3l = (s3h << 13) | (s3l >>> 19);
  }
}
