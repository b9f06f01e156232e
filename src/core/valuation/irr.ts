import { invalid, numericFailure } from "../errors";
import { NeumaierSum } from "../numeric/summation";

/**
 * Internal rate of return and implied discount rate: the annual effective rate r solving
 *
 *   Σ_i cf_i · (1 + r)^(−t_i) = value          (value 0 for the IRR),
 *
 * searched on r ∈ [−0.99, 10] (−99% to 1000%).
 *
 * Method: the present value, scaled by a positive factor (1 + r)^(t*) so that it neither overflows
 * nor underflows (the sign and the roots are unchanged), is evaluated on a grid uniform in ln(1 + r)
 * with step 0.005 and a node at r = 0. The grid cells where it changes sign bracket roots; Brent's
 * method refines the bracket nearest to r = 0 on each side to 1e−12, and the root closest to 0 is
 * returned. Two roots inside one grid cell (a sign change and back within 0.5% in ln(1 + r)) or a
 * double root (a touch without a sign change) are not seen.
 */

export const RATE_MIN = -0.99;
export const RATE_MAX = 10;
const GRID_STEP = 0.005;
const RATE_TOLERANCE = 1e-12;

/** The present value Σ cf_i (1 + r)^(−t_i), multiplied by a positive factor that keeps it finite. */
function scaledPresentValue(cf: ArrayLike<number>, t: ArrayLike<number>, tMin: number, tMax: number, r: number): number {
  const lnGrowth = Math.log1p(r);
  // the largest exponent −t_i · ln(1 + r) is at t_min when ln(1 + r) >= 0, at t_max otherwise
  const top = -(lnGrowth >= 0 ? tMin : tMax) * lnGrowth;
  const acc = new NeumaierSum();
  for (let i = 0; i < cf.length; i++) {
    const c = cf[i] as number;
    if (c !== 0) acc.add(c * Math.exp(-(t[i] as number) * lnGrowth - top));
  }
  return acc.value;
}

/** Brent's method (zeroin) on [a, b] with f(a)·f(b) < 0, to |b − a| <= 2·(1e−12 + 4·eps·|b|). */
function brent(f: (x: number) => number, a0: number, b0: number, fa0: number, fb0: number): number {
  let a = a0;
  let b = b0;
  let fa = fa0;
  let fb = fb0;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + RATE_TOLERANCE;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // inverse quadratic interpolation (secant when a = c)
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

export interface RateProblem {
  cashflows: ArrayLike<number>;
  times: ArrayLike<number>;
  /** Name of the cash-flow argument in error messages. */
  cashflowsName?: string;
  /** What is solved for, in error messages: "IRR", "implied discount rate". */
  what?: string;
  /** Phrase for the no-sign-change error: "the cash flows". */
  flowsText?: string;
}

/** Checks the inputs and solves Σ cf_i (1 + r)^(−t_i) = 0 for the root closest to 0 in [−0.99, 10]. */
export function solveRate(problem: RateProblem): number {
  const { cashflows: cf, times: t } = problem;
  const cfName = problem.cashflowsName ?? "cashflows";
  const what = problem.what ?? "IRR";
  const flowsText = problem.flowsText ?? "the cash flows";
  if (t.length !== cf.length) invalid("times", `has ${t.length} values but ${cfName} has ${cf.length}; give one time per cash flow`);
  let positive = false;
  let negative = false;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < cf.length; i++) {
    const c = cf[i] as number;
    const ti = t[i] as number;
    if (!Number.isFinite(c)) invalid(cfName, `${c} is not a finite number`, i);
    if (!Number.isFinite(ti) || ti < 0) invalid("times", `${ti} is not a time >= 0 in years`, i);
    if (c > 0) positive = true;
    if (c < 0) negative = true;
    if (c !== 0) {
      tMin = Math.min(tMin, ti);
      tMax = Math.max(tMax, ti);
    }
  }
  if (!(positive && negative)) numericFailure(`no sign change in ${flowsText}: no ${what}`, { argument: cfName });

  const f = (r: number) => scaledPresentValue(cf, t, tMin, tMax, r);
  const f0 = f(0);
  if (f0 === 0) return 0;
  const lnMin = Math.log1p(RATE_MIN);
  const lnMax = Math.log1p(RATE_MAX);

  /**
   * Walks from r = 0 towards one end of the range; the first bracket found, refined, or undefined.
   * Stops early once every further root would be farther from 0 than `limit`.
   */
  const nearest = (direction: 1 | -1, limit = Infinity): number | undefined => {
    const end = direction > 0 ? lnMax : lnMin;
    const steps = Math.ceil(Math.abs(end) / GRID_STEP);
    let rPrev = 0;
    let fPrev = f0;
    for (let k = 1; k <= steps && Math.abs(rPrev) < limit; k++) {
      const r = k === steps ? (direction > 0 ? RATE_MAX : RATE_MIN) : Math.expm1(direction * k * GRID_STEP);
      const fr = f(r);
      if (fr === 0) return r;
      if (Math.sign(fr) !== Math.sign(fPrev)) return direction > 0 ? brent(f, rPrev, r, fPrev, fr) : brent(f, r, rPrev, fr, fPrev);
      rPrev = r;
      fPrev = fr;
    }
    return undefined;
  };
  const up = nearest(1);
  const down = nearest(-1, up ?? Infinity);
  const candidates = [up, down].filter((r): r is number => r !== undefined);
  if (candidates.length === 0) {
    numericFailure(`no ${what} in [−99%, 1000%]: the present value of ${flowsText} does not change sign on that range`, { argument: cfName });
  }
  return candidates.reduce((best, r) => (Math.abs(r) < Math.abs(best) ? r : best));
}

/** IRR: Σ cf_i (1 + r)^(−t_i) = 0; times default 0, 1, …, n − 1. */
export function internalRateOfReturn(cashflows: ArrayLike<number>, times?: ArrayLike<number>): number {
  if (cashflows.length < 2) invalid("cashflows", `has ${cashflows.length} value${cashflows.length === 1 ? "" : "s"}; an IRR needs at least two cash flows`);
  const t = times ?? Float64Array.from({ length: cashflows.length }, (_, i) => i);
  return solveRate({ cashflows, times: t });
}

/**
 * Implied discount rate: the rate at which the present value of the projected cash flows equals
 * `value`, Σ cf_i (1 + r)^(−t_i) = value; times default 1, 2, …, n (year-end cash flows of projection
 * years 1..n). Without a value the IRR of the cash flows (the first one being the negative of the
 * value: Σ_{i>=2} cf_i (1 + r)^(−t_i) = −cf_1), times defaulting to 0, 1, …, n − 1.
 */
export function impliedDiscountRate(cashflows: ArrayLike<number>, times?: ArrayLike<number>, value?: number): number {
  if (value === undefined) {
    if (cashflows.length < 2) invalid("cashflows", `has ${cashflows.length} value${cashflows.length === 1 ? "" : "s"}; without a value at least two cash flows are needed (the first is the negative of the value)`);
    const t = times ?? Float64Array.from({ length: cashflows.length }, (_, i) => i);
    return solveRate({ cashflows, times: t, what: "implied discount rate" });
  }
  if (!Number.isFinite(value)) invalid("value", `${value} is not a finite number`);
  const n = cashflows.length;
  if (n < 1) invalid("cashflows", "is empty; expected the projected cash flows");
  const t = times ?? Float64Array.from({ length: n }, (_, i) => i + 1);
  if (t.length !== n) invalid("times", `has ${t.length} values but cashflows has ${n}; give one time per cash flow`);
  // checked here, so that no position in the vector augmented below is reported
  for (let i = 0; i < n; i++) {
    const c = cashflows[i] as number;
    const ti = t[i] as number;
    if (!Number.isFinite(c)) invalid("cashflows", `${c} is not a finite number`, i);
    if (!Number.isFinite(ti) || ti < 0) invalid("times", `${ti} is not a time >= 0 in years`, i);
  }
  if (value === 0) return solveRate({ cashflows, times: t, what: "implied discount rate" });
  const cf = new Float64Array(n + 1);
  const tt = new Float64Array(n + 1);
  cf[0] = -value;
  for (let i = 0; i < n; i++) {
    cf[i + 1] = cashflows[i] as number;
    tt[i + 1] = t[i] as number;
  }
  return solveRate({ cashflows: cf, times: tt, what: "implied discount rate", flowsText: "the cash flows net of the value" });
}
