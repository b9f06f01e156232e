import { invalid, numericFailure } from "../errors";
import type { CurveMethod } from "./method";

/**
 * A fitted yield curve: fitted once, then asked for discount factors, zero and forward rates.
 *
 * Subclasses provide two primitives:
 *  - lnDiscount(t)       = ln P(0, t), the log discount factor, t >= 0;
 *  - forwardIntensity(t) = f(t) = −d ln P(0, t) / dt, the continuously compounded instantaneous forward.
 * Everything else (annual zero and forward rates, shifts) is derived here, once for all methods.
 *
 * Rates returned to users are annually compounded, as the inputs: P(0, t) = (1 + z(t))^−t.
 */
export abstract class YieldCurve {
  abstract readonly method: CurveMethod;

  /** ln P(0, t) for t >= 0. */
  abstract lnDiscount(t: number): number;

  /** Instantaneous forward intensity f(t) = −d ln P / dt (right derivative at nodes). */
  abstract forwardIntensity(t: number): number;

  /** Discount factor P(0, t). */
  discount(t: number): number {
    return Math.exp(this.lnDiscount(t));
  }

  /** Discount factors for many times; writes into `out` when given (no allocation in hot loops). */
  discountMany(times: ArrayLike<number>, out = new Float64Array(times.length)): Float64Array {
    for (let i = 0; i < times.length; i++) out[i] = Math.exp(this.lnDiscount(times[i] as number));
    return out;
  }

  /**
   * Annually compounded zero rate z(t) = P(0, t)^(−1/t) − 1. At t = 0 the limit, the annually
   * compounded equivalent of the instantaneous short rate: e^{f(0)} − 1.
   */
  zeroRate(t: number): number {
    if (t === 0) return Math.expm1(this.forwardIntensity(0));
    return Math.expm1(-this.lnDiscount(t) / t);
  }

  /**
   * Annually compounded forward rate from t1 to t2: (P(t1) / P(t2))^(1/(t2 − t1)) − 1.
   * When t1 = t2 (or within 1e−6 years of it), the annually compounded equivalent of the instantaneous
   * forward, e^{f} − 1, at the midpoint.
   */
  forwardRate(t1: number, t2: number): number {
    if (t2 < t1) invalid("t2", `the end of the forward period (${t2}) is before its start t1 (${t1})`);
    // For a very short period the difference of log discount factors cancels; the forward intensity at
    // the midpoint is then exact to O((t2 − t1)²).
    if (t2 - t1 <= 1e-6 * Math.max(1, t1)) return Math.expm1(this.forwardIntensity(0.5 * (t1 + t2)));
    return Math.expm1((this.lnDiscount(t1) - this.lnDiscount(t2)) / (t2 - t1));
  }

  /** The curve with `shift` added to every annually compounded zero rate (0.01 = +100 bp). */
  parallelShift(shift: number): YieldCurve {
    if (shift === 0) return this;
    return new ShiftedCurve(this, new ParallelSpread(shift));
  }

  /**
   * Key-rate shift: zero rates move by shifts[j] at keyTerms[j], linearly in between, and flat
   * before the first and after the last key term. Bumping every key rate by the same x is the
   * parallel shift x. Used for key-rate durations and for sensitivities by term.
   */
  keyRateShift(keyTerms: ArrayLike<number>, shifts: ArrayLike<number>): YieldCurve {
    return new ShiftedCurve(this, new KeyRateSpread(keyTerms, shifts));
  }
}

/** A spread s(t) added to annually compounded zero rates, with its derivative s'(t). */
interface Spread {
  at(t: number): number;
  slope(t: number): number;
  plus(other: Spread): Spread | undefined;
  readonly isZero: boolean;
}

class ParallelSpread implements Spread {
  constructor(readonly size: number) {}
  at(): number {
    return this.size;
  }
  slope(): number {
    return 0;
  }
  plus(other: Spread): Spread | undefined {
    return other instanceof ParallelSpread ? new ParallelSpread(this.size + other.size) : undefined;
  }
  get isZero(): boolean {
    return this.size === 0;
  }
}

class KeyRateSpread implements Spread {
  private readonly keys: Float64Array;
  private readonly shifts: Float64Array;

  constructor(keyTerms: ArrayLike<number>, shifts: ArrayLike<number>) {
    if (keyTerms.length === 0) invalid("keyTerms", "at least one key term is needed");
    if (keyTerms.length !== shifts.length) {
      invalid("shifts", `has ${shifts.length} values but there are ${keyTerms.length} key terms`);
    }
    this.keys = Float64Array.from(keyTerms);
    this.shifts = Float64Array.from(shifts);
    for (let j = 0; j < this.keys.length; j++) {
      const k = this.keys[j] as number;
      if (!Number.isFinite(k) || k < 0) invalid("keyTerms", `${k} is not a term >= 0`, j);
      if (j > 0 && !(k > (this.keys[j - 1] as number))) invalid("keyTerms", "key terms must be strictly ascending", j);
      if (!Number.isFinite(this.shifts[j] as number)) invalid("shifts", "is not a finite number", j);
    }
  }

  at(t: number): number {
    const k = this.keys;
    const s = this.shifts;
    const n = k.length;
    if (t <= (k[0] as number)) return s[0] as number;
    if (t >= (k[n - 1] as number)) return s[n - 1] as number;
    let j = 1;
    while ((k[j] as number) < t) j++;
    const w = (t - (k[j - 1] as number)) / ((k[j] as number) - (k[j - 1] as number));
    return (s[j - 1] as number) * (1 - w) + (s[j] as number) * w;
  }

  slope(t: number): number {
    const k = this.keys;
    const n = k.length;
    if (t < (k[0] as number) || t >= (k[n - 1] as number)) return 0;
    let j = 1;
    while ((k[j] as number) <= t) j++;
    return ((this.shifts[j] as number) - (this.shifts[j - 1] as number)) / ((k[j] as number) - (k[j - 1] as number));
  }

  plus(): Spread | undefined {
    return undefined;
  }

  get isZero(): boolean {
    return this.shifts.every((x) => x === 0);
  }
}

/** Sum of spreads, for a shift applied on top of another shift. */
class SumSpread implements Spread {
  constructor(private readonly parts: readonly Spread[]) {}
  at(t: number): number {
    let s = 0;
    for (const p of this.parts) s += p.at(t);
    return s;
  }
  slope(t: number): number {
    let s = 0;
    for (const p of this.parts) s += p.slope(t);
    return s;
  }
  plus(other: Spread): Spread {
    return new SumSpread([...this.parts, other]);
  }
  get isZero(): boolean {
    return this.parts.every((p) => p.isZero);
  }
}

/**
 * A base curve whose annually compounded zero rates are moved by a spread s(t):
 *   P'(t) = (1 + z(t) + s(t))^−t.
 * Shifting a shifted curve combines the spreads on the same base, so a shift of +x then −x gives
 * back exactly the base curve.
 */
export class ShiftedCurve extends YieldCurve {
  readonly method: CurveMethod;

  constructor(
    readonly base: YieldCurve,
    private readonly spread: Spread,
  ) {
    super();
    this.method = base.method;
  }

  lnDiscount(t: number): number {
    if (t === 0) return 0;
    const z = this.base.zeroRate(t) + this.spread.at(t);
    if (!(z > -1)) numericFailure(`the shifted zero rate at t = ${t} is ${z}, at or below −100%`);
    return -t * Math.log1p(z);
  }

  /**
   * −d/dt [−t ln(1 + z + s)] = ln(1 + z + s) + t (z' + s') / (1 + z + s), with the base curve's
   * z' = (1 + z)(f − ln(1 + z)) / t from ln(1 + z) = −ln P / t.
   */
  forwardIntensity(t: number): number {
    const s = this.spread.at(t);
    if (t === 0) return Math.log1p(this.base.zeroRate(0) + s);
    const z = this.base.zeroRate(t);
    const onePlus = 1 + z + s;
    if (!(onePlus > 0)) numericFailure(`the shifted zero rate at t = ${t} is at or below −100%`);
    const zSlope = ((1 + z) * (this.base.forwardIntensity(t) - Math.log1p(z))) / t;
    return Math.log(onePlus) + (t * (zSlope + this.spread.slope(t))) / onePlus;
  }

  override parallelShift(shift: number): YieldCurve {
    return this.combine(new ParallelSpread(shift));
  }

  override keyRateShift(keyTerms: ArrayLike<number>, shifts: ArrayLike<number>): YieldCurve {
    return this.combine(new KeyRateSpread(keyTerms, shifts));
  }

  private combine(extra: Spread): YieldCurve {
    const combined = this.spread.plus(extra) ?? new SumSpread([this.spread, extra]);
    return combined.isZero ? this.base : new ShiftedCurve(this.base, combined);
  }
}
