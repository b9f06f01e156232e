import { invalid } from "../errors";
import type { YieldCurve } from "../curves/yieldCurve";

/**
 * The fixed leg of a European swaption's underlying swap, per unit notional: it starts at the expiry
 * T₀ and pays strike/freq at T₀ + k/freq, k = 1..n, n = tenor · freq. The floating leg is worth
 * P(0, T₀) − P(0, Tₙ) (a par floater from T₀ to Tₙ), so
 *   annuity A = Σ_k (1/freq) P(0, T_k),   forward swap rate F = (P(0, T₀) − P(0, Tₙ)) / A.
 */
export interface SwapSchedule {
  expiry: number;
  tenor: number;
  freq: number;
  /** Payment times T_k = expiry + k/freq, k = 1..n. */
  times: Float64Array;
  /** Accrual fraction of each period, 1/freq. */
  accrual: number;
}

/** Largest whole number of fixed-leg payments accepted (100 years monthly). */
const MAX_PAYMENTS = 1200;

/** Checks expiry, tenor and freq and builds the payment times. */
export function swapSchedule(expiry: number, tenor: number, freq = 1): SwapSchedule {
  if (!Number.isFinite(expiry) || !(expiry > 0)) invalid("expiry", `${expiry} is not a time > 0 in years`);
  if (!Number.isFinite(tenor) || !(tenor > 0)) invalid("tenor", `${tenor} is not a swap length > 0 in years`);
  if (!Number.isInteger(freq) || freq < 1 || freq > 12) invalid("freq", `${freq} is not a whole number of fixed payments a year from 1 to 12`);
  const exact = tenor * freq;
  const n = Math.round(exact);
  if (n < 1 || Math.abs(exact - n) > 1e-9 * Math.max(1, exact)) {
    invalid("tenor", `${tenor} × freq ${freq} = ${exact} is not a whole number of fixed-leg payments`);
  }
  if (n > MAX_PAYMENTS) invalid("tenor", `${tenor} years at ${freq} a year is more than ${MAX_PAYMENTS} payments`);
  const times = new Float64Array(n);
  for (let k = 1; k <= n; k++) times[k - 1] = expiry + k / freq;
  return { expiry, tenor, freq, times, accrual: 1 / freq };
}

/**
 * P(0, t) from the curve, refused when the curve cannot give it: a positive finite discount factor is
 * needed (far beyond the last term, a curve's extrapolated discount factor can underflow to 0).
 */
export function discountAt(curve: YieldCurve, t: number, argument: string): number {
  const p = curve.discount(t);
  if (!(p > 0 && Number.isFinite(p))) {
    invalid(argument, `the curve gives no usable discount factor at t = ${t} (P(0, t) = ${p}); use a time the curve can price`);
  }
  return p;
}

/** Annuity, forward swap rate and the discount factors of a swap on a curve. */
export interface SwapValues {
  /** P(0, T₀). */
  startDiscount: number;
  /** P(0, T_k), k = 1..n. */
  discounts: Float64Array;
  /** A = Σ (1/freq) P(0, T_k). */
  annuity: number;
  /** F = (P(0, T₀) − P(0, Tₙ)) / A. */
  forward: number;
}

export function swapValues(curve: YieldCurve, schedule: SwapSchedule): SwapValues {
  const startDiscount = discountAt(curve, schedule.expiry, "expiry");
  const n = schedule.times.length;
  const discounts = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const p = discountAt(curve, schedule.times[k] as number, "tenor");
    discounts[k] = p;
    sum += p;
  }
  const annuity = sum * schedule.accrual;
  return { startDiscount, discounts, annuity, forward: (startDiscount - (discounts[n - 1] as number)) / annuity };
}
