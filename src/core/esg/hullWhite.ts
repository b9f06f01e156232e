import { invalid, numericFailure } from "../errors";
import type { YieldCurve } from "../curves/yieldCurve";
import { normalCdf } from "./normal";
import { discountAt, swapSchedule, type SwapSchedule } from "./swap";

/**
 * The Hull–White one-factor short-rate model fitted exactly to an initial curve P(0, ·):
 *   dr(t) = (θ(t) − a r(t)) dt + σ dW(t),   a > 0 (mean reversion), σ > 0 (volatility),
 * with θ chosen so that the model reprices every P(0, T) of the curve (Hull & White 1990; Brigo &
 * Mercurio 2006, "Interest Rate Models — Theory and Practice", 2nd ed., §3.3). Closed forms used here
 * (Brigo & Mercurio eqs. 3.39–3.41):
 *   B(t, T) = (1 − e^{−a(T−t)}) / a,
 *   A(t, T) = P(0, T)/P(0, t) · exp(B(t, T) f(0, t) − σ²/(4a) (1 − e^{−2at}) B(t, T)²),
 *   P(t, T | r(t)) = A(t, T) e^{−B(t, T) r(t)},
 * where f(0, t) is the curve's instantaneous forward. A European call/put on the zero-coupon bond
 * maturing at S, expiring at T < S, strike K (time-0 values):
 *   σ_p = σ B(T, S) √((1 − e^{−2aT}) / (2a)),   h = ln(P(0, S) / (K P(0, T))) / σ_p + σ_p/2,
 *   ZBC = P(0, S) Φ(h) − K P(0, T) Φ(h − σ_p),   ZBP = K P(0, T) Φ(σ_p − h) − P(0, S) Φ(−h).
 * Small a is handled with expm1, so a → 0 tends to Ho–Lee without cancellation.
 */
export type BondOptionType = "CALL" | "PUT";

/** Parses "CALL"/"C" or "PUT"/"P" (case-insensitive); blank → CALL. */
export function resolveBondOptionType(text: string | undefined, argument = "type"): BondOptionType {
  if (text === undefined || text.trim() === "") return "CALL";
  const key = text.trim().toUpperCase();
  if (key === "CALL" || key === "C") return "CALL";
  if (key === "PUT" || key === "P") return "PUT";
  return invalid(argument, `unknown option type "${text}"; expected CALL or PUT`);
}

/** Checks the model parameters: finite, a > 0 and σ > 0. */
export function checkHullWhiteParameters(a: number, sigma: number): void {
  if (!Number.isFinite(a) || !(a > 0)) invalid("a", `${a} is not a mean reversion speed > 0 (e.g. 0.05)`);
  if (a > 100) invalid("a", `${a} is above 100 a year; mean reversion speeds are typically 0.001 to 1`);
  if (!Number.isFinite(sigma) || !(sigma > 0)) invalid("sigma", `${sigma} is not a volatility > 0 (an absolute short-rate volatility, e.g. 0.01)`);
  if (sigma > 1) invalid("sigma", `${sigma} is above 1 (100% absolute short-rate volatility a year); give it as a decimal, e.g. 0.01`);
}

/** The Jamshidian decomposition of a swaption: a sum of options on zero-coupon bonds. */
export interface JamshidianDecomposition {
  /**
   * The short rate r* at expiry at which the coupon bond is worth exactly 1 (par); −∞ when it is worth
   * less than par in every state that matters (a payer is always exercised), +∞ when never.
   */
  rStar: number;
  /** Bond strikes X_k = P(T₀, T_k | r*). */
  strikes: Float64Array;
  /** Coupons c_k = strike/freq, plus 1 on the last. */
  coupons: Float64Array;
}

export class HullWhite {
  constructor(
    readonly curve: YieldCurve,
    readonly a: number,
    readonly sigma: number,
  ) {
    checkHullWhiteParameters(a, sigma);
  }

  /** B(t, T) = (1 − e^{−a(T−t)}) / a. */
  b(t: number, maturity: number): number {
    return -Math.expm1(-this.a * (maturity - t)) / this.a;
  }

  /** Var[r(T) | r(0)] = σ² (1 − e^{−2aT}) / (2a). */
  shortRateVariance(t: number): number {
    return (this.sigma * this.sigma * -Math.expm1(-2 * this.a * t)) / (2 * this.a);
  }

  /** ln A(t, T) (Brigo & Mercurio eq. 3.39). */
  lnA(t: number, maturity: number): number {
    const bt = this.b(t, maturity);
    const lnP0 = t === 0 ? 0 : Math.log(discountAt(this.curve, t, "t"));
    const lnP1 = Math.log(discountAt(this.curve, maturity, "T"));
    return lnP1 - lnP0 + bt * this.curve.forwardIntensity(t) - 0.5 * this.shortRateVariance(t) * bt * bt;
  }

  /** A(t, T). */
  aFactor(t: number, maturity: number): number {
    return Math.exp(this.lnA(t, maturity));
  }

  /** P(t, T | r(t) = r) = A(t, T) e^{−B(t, T) r}: the zero-coupon bond price at t in the state r. */
  bondPrice(t: number, maturity: number, r: number): number {
    if (!(t >= 0) || !Number.isFinite(t)) invalid("t", `${t} is not a time >= 0`);
    if (!(maturity >= t) || !Number.isFinite(maturity)) invalid("T", `${maturity} is before t = ${t}`);
    return Math.exp(this.lnA(t, maturity) - this.b(t, maturity) * r);
  }

  /** σ_p: the standard deviation of ln P(T, S) (under the T-forward measure). */
  bondOptionStdDev(expiry: number, maturity: number): number {
    return Math.sqrt(this.shortRateVariance(expiry)) * this.b(expiry, maturity);
  }

  /** Time-0 value of a European option expiring at T on the zero-coupon bond maturing at S, strike K. */
  zcbOption(expiry: number, maturity: number, strike: number, type: BondOptionType = "CALL"): number {
    if (!Number.isFinite(expiry) || !(expiry > 0)) invalid("T", `${expiry} is not an expiry > 0 in years`);
    if (!Number.isFinite(maturity) || !(maturity > expiry)) invalid("S", `${maturity} is not after the expiry T = ${expiry}; the bond must mature after the option expires`);
    if (!Number.isFinite(strike) || !(strike > 0)) invalid("K", `${strike} is not a strike price > 0 per unit of bond face value`);
    const pT = discountAt(this.curve, expiry, "T");
    const pS = discountAt(this.curve, maturity, "S");
    const sp = this.bondOptionStdDev(expiry, maturity);
    // a volatility that underflows (σ of 1e-200): the option is worth its intrinsic value on the forward
    if (!(sp > 1e-300)) return type === "CALL" ? Math.max(pS - strike * pT, 0) : Math.max(strike * pT - pS, 0);
    const h = Math.log(pS / (strike * pT)) / sp + 0.5 * sp;
    return type === "CALL" ? pS * normalCdf(h) - strike * pT * normalCdf(h - sp) : strike * pT * normalCdf(sp - h) - pS * normalCdf(-h);
  }

  /**
   * Time-0 value of a European swaption per unit notional (payer: the right to pay the fixed strike)
   * by Jamshidian's decomposition (Jamshidian 1989, "An exact bond option formula", Journal of
   * Finance 44(1), 205–209; Brigo & Mercurio §3.3.2). The payer swaption is a put, struck at 1, on
   * the coupon bond paying c_k = K/freq at T_k (plus 1 at Tₙ); P(T₀, T_k | r) falls in r, so with r*
   * the rate at which Σ c_k P(T₀, T_k | r*) = 1 and X_k = P(T₀, T_k | r*):
   *   payer = Σ c_k ZBP(0, T₀, T_k, X_k),   receiver = Σ c_k ZBC(0, T₀, T_k, X_k).
   * The decomposition needs c_n = 1 + K/freq > 0; negative strikes are fine above −freq (the coupon
   * bond then still crosses par exactly once).
   */
  swaption(expiry: number, tenor: number, strike: number, payer = true, freq = 1): number {
    const schedule = swapSchedule(expiry, tenor, freq);
    return this.swaptionOn(schedule, strike, payer);
  }

  /** The swaption on a checked schedule (calibration reuses schedules). */
  swaptionOn(schedule: SwapSchedule, strike: number, payer: boolean, discounts?: Float64Array, startDiscount?: number): number {
    const d = this.decompose(schedule, strike, discounts, startDiscount);
    const n = schedule.times.length;
    const pT = startDiscount ?? discountAt(this.curve, schedule.expiry, "expiry");
    const s = Math.sqrt(this.shortRateVariance(schedule.expiry));
    if (!Number.isFinite(d.xStar) || !(s > 1e-300)) {
      // exercised in every state that matters: the swaption is worth the forward swap (or nothing);
      // with a volatility that underflows, its intrinsic value on the forward curve
      let fixed = 0;
      for (let k = 0; k < n; k++) fixed += (d.coupons[k] as number) * (discounts ? (discounts[k] as number) : discountAt(this.curve, schedule.times[k] as number, "tenor"));
      if (!(s > 1e-300)) return Math.max(payer ? pT - fixed : fixed - pT, 0);
      const payerExercised = d.xStar < 0;
      return payer === payerExercised ? Math.max(payer ? pT - fixed : fixed - pT, 0) : 0;
    }
    let value = 0;
    for (let k = 0; k < n; k++) {
      const bk = this.b(schedule.expiry, schedule.times[k] as number);
      const sp = s * bk;
      const pk = discounts ? (discounts[k] as number) : discountAt(this.curve, schedule.times[k] as number, "tenor");
      const xk = d.strikes[k] as number;
      // h_k = ln(P(0,T_k)/(X_k P(0,T₀)))/σ_p + σ_p/2 = x*/s + s B_k (see decompose), without the log
      const h = d.xStar / s + sp;
      const option = payer ? xk * pT * normalCdf(sp - h) - pk * normalCdf(-h) : pk * normalCdf(h) - xk * pT * normalCdf(h - sp);
      value += (d.coupons[k] as number) * option;
    }
    return value;
  }

  /** The Jamshidian decomposition for a swaption on `schedule` with fixed rate `strike`. */
  jamshidian(expiry: number, tenor: number, strike: number, freq = 1): JamshidianDecomposition {
    const d = this.decompose(swapSchedule(expiry, tenor, freq), strike);
    return { rStar: d.xStar + this.curve.forwardIntensity(expiry), strikes: d.strikes, coupons: d.coupons };
  }

  /**
   * Solves for the par rate of the coupon bond at expiry. With x = r(T₀) − f(0, T₀) and
   * v = Var r(T₀), eq. 3.39 gives P(T₀, T_k | r) = P(0, T_k)/P(0, T₀) · exp(−B_k x − v B_k²/2), which
   * needs no forward rate; V(x) = Σ c_k P(T₀, T_k | x) − 1 is solved by Newton's method safeguarded
   * by bisection, to full double precision.
   */
  private decompose(schedule: SwapSchedule, strike: number, discounts?: Float64Array, startDiscount?: number): { xStar: number; strikes: Float64Array; coupons: Float64Array } {
    if (!Number.isFinite(strike)) invalid("strike", `${strike} is not a finite number`);
    const { freq, times, expiry } = schedule;
    if (!(1 + strike / freq > 0)) invalid("strike", `${strike} is at or below −freq (${-freq}); the last payment 1 + strike/freq must be positive`);
    const n = times.length;
    const pT = startDiscount ?? discountAt(this.curve, expiry, "expiry");
    const v = this.shortRateVariance(expiry);
    const coupons = new Float64Array(n).fill(strike / freq);
    coupons[n - 1] = 1 + strike / freq;
    // ln of c_k-free forward bond prices with the convexity term, and B_k
    const base = new Float64Array(n);
    const bs = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const bk = this.b(expiry, times[k] as number);
      const pk = discounts ? (discounts[k] as number) : discountAt(this.curve, times[k] as number, "tenor");
      bs[k] = bk;
      base[k] = Math.log(pk / pT) - 0.5 * v * bk * bk;
    }
    const value = (x: number): number => {
      let s = -1;
      for (let k = 0; k < n; k++) s += (coupons[k] as number) * Math.exp((base[k] as number) - (bs[k] as number) * x);
      return s;
    };
    const slope = (x: number): number => {
      let s = 0;
      for (let k = 0; k < n; k++) s -= (coupons[k] as number) * (bs[k] as number) * Math.exp((base[k] as number) - (bs[k] as number) * x);
      return s;
    };
    // Bracket: V(x) − 1 falls from +∞ (x → −∞) to −1 (x → +∞). Under the T₀-forward measure x ~ N(0, v),
    // so only |x| <= L = 40 sd matters (Φ(−40) is 0 in double precision); L is also capped so that no
    // e^{−B_k x} overflows. If V − 1 keeps one sign on [−L, L], the swaption is exercised always or never.
    const sd = Math.sqrt(v);
    const limit = Math.min(40 * sd + 0.5, 700 / (bs[n - 1] as number));
    let lo = 0;
    let hi = 0;
    let vLo = value(0);
    let vHi = vLo;
    let step = Math.min(0.01 + 3 * sd, limit);
    while (vLo < 0 && lo > -limit) {
      hi = lo;
      vHi = vLo;
      lo = Math.max(lo - step, -limit);
      vLo = value(lo);
      step *= 2;
    }
    while (vHi > 0 && hi < limit) {
      lo = hi;
      vLo = vHi;
      hi = Math.min(hi + step, limit);
      vHi = value(hi);
      step *= 2;
    }
    if (Number.isNaN(vLo) || Number.isNaN(vHi)) numericFailure(`the swaption's coupon bond cannot be valued (expiry ${expiry}, strike ${strike})`, { argument: "strike" });
    if (vLo < 0 || vHi > 0) {
      if (limit < 40 * sd) numericFailure(`the volatility is too large to price this swaption (bond price volatility ${(sd * (bs[n - 1] as number)).toPrecision(3)})`, { argument: "sigma" });
      // exercised always (payer: V < 1 on the whole range) or never
      const xStar = vLo < 0 ? -Infinity : Infinity;
      return { xStar, strikes: new Float64Array(n).fill(xStar < 0 ? Infinity : 0), coupons };
    }
    let x = vLo === 0 ? lo : vHi === 0 ? hi : 0.5 * (lo + hi);
    if (vLo !== 0 && vHi !== 0) {
      for (let i = 0; i < 200; i++) {
        const fx = value(x);
        if (fx === 0) break;
        if (fx > 0) lo = x;
        else hi = x;
        let next = x - fx / slope(x);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const moved = Math.abs(next - x);
        x = next;
        if (moved <= 1e-16 * Math.max(Math.abs(x), 1e-12) || hi - lo <= 4e-16 * Math.max(Math.abs(lo), Math.abs(hi), 1e-12)) break;
      }
    }
    const strikes = new Float64Array(n);
    for (let k = 0; k < n; k++) strikes[k] = Math.exp((base[k] as number) - (bs[k] as number) * x);
    return { xStar: x, strikes, coupons };
  }
}
