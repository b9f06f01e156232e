import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCurve } from "../../../src/core/curves";
import { HullWhite, normalCdf, normalPdf, swapSchedule, swapValues } from "../../../src/core/esg";
import { mcevErrorOf } from "../../helpers";

interface CurveCase {
  name: string;
  terms: number[];
  rates: number[];
  bondOptions: { a: number; sigma: number; T: number; S: number; K: number; type: "CALL" | "PUT"; price: number }[];
  swaptions: { a: number; sigma: number; expiry: number; tenor: number; freq: number; strike: number; payer: boolean; price: number; engine: number; rStar: number; atmForward: number; annuity: number; paymentTimes: number[] }[];
}
interface Reference {
  curves: CurveCase[];
  textbook: Record<string, unknown>[];
}
const reference = JSON.parse(readFileSync(join(__dirname, "..", "..", "reference", "quantlib-hullwhite.json"), "utf8")) as Reference;

/** |a/b − 1|. */
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/**
 * Worst relative error over prices >= 1e-8 and worst absolute error over all. Far out of the money a
 * price of 1e-12 is the difference of two terms of size ~1 (P(0, S) Φ(h) − K P(0, T) Φ(h − σ_p)), so
 * both QuantLib and this code know it only to ~1e-16 absolute; relative agreement is meaningful above.
 */
function track(worst: { rel: number; abs: number }, price: number, expected: number): void {
  if (expected >= 1e-8) worst.rel = Math.max(worst.rel, rel(price, expected));
  worst.abs = Math.max(worst.abs, Math.abs(price - expected));
}

/** USD swap zero curve at 31/12/2011, seed 003 Table 10. */
const USD_2011 = { terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] };
const usd = fitCurve({ ...USD_2011, method: "LOGLINEAR" });

describe("standard normal distribution function (Cody)", () => {
  // Exact values to 20+ digits (e.g. Abramowitz & Stegun table 26.1 and its high-precision reprints).
  const exact: [number, number][] = [
    [0, 0.5],
    [-1, 0.15865525393145705],
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316300946],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160525e-24],
    [-20, 2.7536241186062337e-89],
  ];
  it.each(exact)("Φ(%d) to 2e-15 relative", (x, p) => {
    expect(rel(normalCdf(x), p)).toBeLessThanOrEqual(2e-15);
  });

  it("is symmetric, monotone and within [0, 1]; 0 and 1 far out; φ is its derivative", () => {
    fc.assert(
      fc.property(fc.double({ min: -9, max: 9, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThanOrEqual(2e-16);
        expect(normalCdf(x + 1e-3)).toBeGreaterThanOrEqual(normalCdf(x));
        const h = 1e-5;
        expect(Math.abs((normalCdf(x + h) - normalCdf(x - h)) / (2 * h) - normalPdf(x))).toBeLessThanOrEqual(1e-9);
      }),
    );
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
  });
});

describe("QuantLib 1.29: HullWhite zero-coupon bond options and JamshidianSwaptionEngine", () => {
  for (const c of reference.curves) {
    const curve = fitCurve({ terms: c.terms, rates: c.rates, method: "LOGLINEAR" });

    it(`${c.name}: ${c.bondOptions.length} bond options (3 × (a, σ), calls and puts, strikes 95–105% of forward) to 1e-10 relative`, () => {
      const worst = { rel: 0, abs: 0 };
      for (const q of c.bondOptions) {
        const price = new HullWhite(curve, q.a, q.sigma).zcbOption(q.T, q.S, q.K, q.type);
        track(worst, price, q.price);
      }
      expect(worst.rel).toBeLessThanOrEqual(1e-10);
      expect(worst.abs).toBeLessThanOrEqual(5e-15);
    });

    it(`${c.name}: ${c.swaptions.length} payer and receiver swaptions (ATM ± 1%, freq 1/2/4, up to 1y × 30y) to 1e-10 relative`, () => {
      const worst = { rel: 0, abs: 0 };
      for (const q of c.swaptions) {
        const model = new HullWhite(curve, q.a, q.sigma);
        const price = model.swaption(q.expiry, q.tenor, q.strike, q.payer, q.freq);
        track(worst, price, q.price);
        // QuantLib's own engine stops its r* search at 1e-8: within 1e-6 of it
        expect(Math.abs(price - q.engine)).toBeLessThanOrEqual(1e-6 * q.engine + 1e-16);
        // same schedule, annuity and ATM forward
        const schedule = swapSchedule(q.expiry, q.tenor, q.freq);
        expect(Array.from(schedule.times)).toEqual(q.paymentTimes.map((t) => expect.closeTo(t, 13)));
        const sv = swapValues(curve, schedule);
        expect(rel(sv.annuity, q.annuity)).toBeLessThanOrEqual(1e-13);
        expect(rel(sv.forward, q.atmForward)).toBeLessThanOrEqual(1e-12);
      }
      expect(worst.rel).toBeLessThanOrEqual(1e-10);
      expect(worst.abs).toBeLessThanOrEqual(5e-15);
    });
  }
});

describe("textbook: Hull, Options, Futures and Other Derivatives", () => {
  it("Hull–White call on a zero-coupon bond: a = 0.08, σ = 0.01, flat 10% continuous, 1y option on a 5y bond, strike 68 → σ_P = 0.0329, call 0.439", () => {
    const curve = fitCurve({ terms: [1], rates: [Math.expm1(0.1)], method: "LOGLINEAR" });
    const model = new HullWhite(curve, 0.08, 0.01);
    expect(model.bondOptionStdDev(1, 5)).toBeCloseTo(0.0329, 4);
    const call = 100 * model.zcbOption(1, 5, 0.68, "CALL");
    expect(Math.abs(call - 0.439)).toBeLessThan(5e-4);
    // and exactly QuantLib's value; the put by put–call parity: C − P = P(0, 5) − K P(0, 1)
    const ql = reference.textbook.find((t) => t.name === "HULL_ZCB_CALL")?.quantlib as { call: number; put: number };
    expect(rel(call / 100, ql.call)).toBeLessThanOrEqual(1e-12);
    const put = model.zcbOption(1, 5, 0.68, "PUT");
    expect(rel(put, ql.put)).toBeLessThanOrEqual(1e-12);
    expect(call / 100 - put).toBeCloseTo(Math.exp(-0.5) - 0.68 * Math.exp(-0.1), 15);
  });

  it("put on a coupon bond by Jamshidian's decomposition: R_K = 10.675%, zero strikes 5.68814 and 94.31186, puts 0.01 + 0.43 = 0.44", () => {
    // a = 0.1, σ = 0.015; zero rates 9.5% (3m), 10.5% (9m), 11.5% (15m) continuous; 3-month put, strike 100, on a
    // 15-month bond paying 12% semiannually = a payer swaption, expiry 0.25, tenor 1, strike 12%, freq 2
    const curve = fitCurve({ terms: [0.25, 0.75, 1.25], rates: [0.095, 0.105, 0.115].map(Math.expm1), method: "LOGLINEAR" });
    const model = new HullWhite(curve, 0.1, 0.015);
    const put = 100 * model.swaption(0.25, 1, 0.12, true, 2);
    expect(put).toBeCloseTo(0.44, 2);
    const d = model.jamshidian(0.25, 1, 0.12, 2);
    const zeroStrikes = Array.from(d.strikes, (x, k) => 100 * x * (d.coupons[k] as number));
    // Hull rounds intermediate values to 4 digits; reproduced to 1e-5 relative
    expect(rel(zeroStrikes[0] as number, 5.68814)).toBeLessThan(1e-5);
    expect(rel(zeroStrikes[1] as number, 94.31186)).toBeLessThan(1e-6);
    expect((zeroStrikes[0] as number) + (zeroStrikes[1] as number)).toBeCloseTo(100, 12);
    const sixMonthRate = -Math.log(d.strikes[0] as number) / 0.5;
    expect(Math.abs(sixMonthRate - 0.10675)).toBeLessThan(2e-5);
    // the two zero-coupon puts, 0.01 and 0.43 in the text
    const puts = [0.75, 1.25].map((s, k) => 100 * (d.coupons[k] as number) * model.zcbOption(0.25, s, d.strikes[k] as number, "PUT"));
    expect(puts[0]).toBeCloseTo(0.01, 2);
    expect(puts[1]).toBeCloseTo(0.43, 2);
    expect((puts[0] as number) + (puts[1] as number)).toBeCloseTo(put, 13);
    const ql = reference.textbook.find((t) => t.name === "HULL_COUPON_BOND_PUT")?.quantlib as { put: number };
    expect(rel(put / 100, ql.put)).toBeLessThanOrEqual(1e-10);
  });
});

describe("closed-form identities", () => {
  const model = new HullWhite(usd, 0.05, 0.01);

  it("the model reprices the curve: P(0, T | r(0) = f(0, 0)) = P(0, T), and A, B as in Brigo–Mercurio 3.39", () => {
    const r0 = usd.forwardIntensity(0);
    for (const T of [0.5, 1, 5, 12.3, 30, 45]) expect(rel(model.bondPrice(0, T, r0), usd.discount(T))).toBeLessThanOrEqual(1e-14);
    expect(model.b(2, 7)).toBeCloseTo((1 - Math.exp(-0.05 * 5)) / 0.05, 14);
    const t = 3;
    const T = 8;
    const b = model.b(t, T);
    const expected = (usd.discount(T) / usd.discount(t)) * Math.exp(b * usd.forwardIntensity(t) - (0.01 ** 2 / (4 * 0.05)) * (1 - Math.exp(-2 * 0.05 * t)) * b * b);
    expect(rel(model.aFactor(t, T), expected)).toBeLessThanOrEqual(1e-14);
  });

  it("put–call parity for bond options and payer − receiver = forward swap value", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.005, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.03, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(1, 2, 4),
        fc.double({ min: -0.02, max: 0.08, noNaN: true }),
        (a, sigma, expiry, tenor, freq, strike) => {
          const hw = new HullWhite(usd, a, sigma);
          const sv = swapValues(usd, swapSchedule(expiry, tenor, freq));
          const payer = hw.swaption(expiry, tenor, strike, true, freq);
          const receiver = hw.swaption(expiry, tenor, strike, false, freq);
          expect(payer).toBeGreaterThanOrEqual(0);
          expect(receiver).toBeGreaterThanOrEqual(0);
          const swap = sv.startDiscount - (sv.discounts[sv.discounts.length - 1] as number) - strike * sv.annuity;
          expect(Math.abs(payer - receiver - swap)).toBeLessThanOrEqual(1e-14);
          const K = 0.9 * (sv.discounts[0] as number) / sv.startDiscount;
          const S = expiry + 1 / freq;
          const parity = hw.zcbOption(expiry, S, K, "CALL") - hw.zcbOption(expiry, S, K, "PUT");
          expect(Math.abs(parity - (usd.discount(S) - K * usd.discount(expiry)))).toBeLessThanOrEqual(1e-15);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the Jamshidian price equals the payoff integrated over the Gaussian short rate (T-forward measure), to 1e-9", () => {
    // Under the T₀-forward measure x = r(T₀) − f(0, T₀) ~ N(0, v) and P(T₀, T_k | x) = P(0, T_k)/P(0, T₀) e^{−B_k x − v B_k²/2}:
    // payer = P(0, T₀) E[(1 − Σ c_k P(T₀, T_k | x))⁺], computed here by composite Simpson on ±12 standard deviations.
    fc.assert(
      fc.property(
        fc.double({ min: 0.005, max: 0.8, noNaN: true }),
        fc.double({ min: 0.002, max: 0.025, noNaN: true }),
        fc.constantFrom(0.5, 1, 3, 10),
        fc.constantFrom(1, 5, 10),
        fc.double({ min: 0, max: 0.06, noNaN: true }),
        fc.boolean(),
        (a, sigma, expiry, tenor, strike, payer) => {
          const hw = new HullWhite(usd, a, sigma);
          const schedule = swapSchedule(expiry, tenor, 1);
          const sv = swapValues(usd, schedule);
          const v = hw.shortRateVariance(expiry);
          const sd = Math.sqrt(v);
          const bs = Array.from(schedule.times, (t) => hw.b(expiry, t));
          const payoff = (x: number): number => {
            let bond = 0;
            bs.forEach((b, k) => {
              const c = strike + (k === bs.length - 1 ? 1 : 0);
              bond += (c * (sv.discounts[k] as number) * Math.exp(-b * x - 0.5 * v * b * b)) / sv.startDiscount;
            });
            return Math.max(payer ? 1 - bond : bond - 1, 0) * Math.exp((-0.5 * x * x) / v) / (sd * Math.sqrt(2 * Math.PI));
          };
          // split at the kink so that Simpson sees smooth pieces
          const kink = hw.jamshidian(expiry, tenor, strike, 1).rStar - usd.forwardIntensity(expiry);
          const simpson = (lo: number, hi: number, n = 4000): number => {
            if (!(hi > lo)) return 0;
            const h = (hi - lo) / n;
            let s = payoff(lo) + payoff(hi);
            for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * payoff(lo + i * h);
            return (s * h) / 3;
          };
          const lo = -12 * sd;
          const hi = 12 * sd;
          const k = Math.min(Math.max(kink, lo), hi);
          const integral = sv.startDiscount * (simpson(lo, k) + simpson(k, hi));
          const price = hw.swaption(expiry, tenor, strike, payer, 1);
          expect(Math.abs(price - integral)).toBeLessThanOrEqual(1e-9 * Math.max(price, 1e-6));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("σ → 0 gives intrinsic values; a → 0 tends to Ho–Lee smoothly (no cancellation)", () => {
    const hw = new HullWhite(usd, 0.1, 1e-9);
    const sv = swapValues(usd, swapSchedule(5, 10, 1));
    for (const strike of [sv.forward - 0.01, sv.forward + 0.01]) {
      const intrinsic = Math.max(sv.startDiscount - (sv.discounts[9] as number) - strike * sv.annuity, 0);
      expect(hw.swaption(5, 10, strike)).toBeCloseTo(intrinsic, 12);
    }
    const fwd = usd.discount(10) / usd.discount(5);
    expect(hw.zcbOption(5, 10, 0.9 * fwd, "CALL")).toBeCloseTo(usd.discount(10) - 0.9 * fwd * usd.discount(5), 12);
    const tiny = [1e-12, 1e-9, 1e-6].map((a) => new HullWhite(usd, a, 0.01).swaption(5, 10, 0.03));
    expect(rel(tiny[0] as number, tiny[2] as number)).toBeLessThan(1e-5);
    expect(rel(tiny[0] as number, tiny[1] as number)).toBeLessThan(1e-8);
    // Ho–Lee bond option volatility: σ_p = σ (S − T) √T
    expect(new HullWhite(usd, 1e-12, 0.01).bondOptionStdDev(4, 9)).toBeCloseTo(0.01 * 5 * 2, 10);
  });

  it("deep in and out of the money, long and short: finite, non-negative, no NaN", () => {
    for (const [a, sigma] of [[100, 1], [1e-12, 1e-6], [0.05, 0.5]] as const) {
      const hw = new HullWhite(usd, a, sigma);
      for (const strike of [-0.99, -0.05, 0, 0.03, 0.5, 10]) {
        for (const payer of [true, false]) {
          const p = hw.swaption(1, 30, strike, payer, 1);
          expect(Number.isFinite(p) && p >= 0).toBe(true);
        }
      }
      for (const K of [1e-6, 0.5, 1, 2, 1e6]) {
        for (const type of ["CALL", "PUT"] as const) {
          const p = hw.zcbOption(0.25, 50, K, type);
          expect(Number.isFinite(p) && p >= 0).toBe(true);
        }
      }
    }
  });
});

describe("bad input: errors name the argument", () => {
  it("a <= 0, σ <= 0, non-finite or implausibly large parameters", () => {
    for (const [a, sigma, arg] of [[0, 0.01, "a"], [-0.1, 0.01, "a"], [NaN, 0.01, "a"], [Infinity, 0.01, "a"], [101, 0.01, "a"], [0.1, 0, "sigma"], [0.1, -0.01, "sigma"], [0.1, NaN, "sigma"], [0.1, 1.5, "sigma"]] as const) {
      const e = mcevErrorOf(() => new HullWhite(usd, a, sigma));
      expect(e.code).toBe("VALUE");
      expect(e.argument).toBe(arg);
    }
  });

  it("bond option: T <= 0, S <= T, K <= 0, a maturity the curve cannot price", () => {
    const hw = new HullWhite(usd, 0.05, 0.01);
    expect(mcevErrorOf(() => hw.zcbOption(0, 5, 0.9)).argument).toBe("T");
    expect(mcevErrorOf(() => hw.zcbOption(5, 5, 0.9)).argument).toBe("S");
    expect(mcevErrorOf(() => hw.zcbOption(5, 4, 0.9)).message).toMatch(/^S: 4 is not after the expiry T = 5/);
    expect(mcevErrorOf(() => hw.zcbOption(1, 5, 0)).argument).toBe("K");
    expect(mcevErrorOf(() => hw.zcbOption(1, 5, -1)).argument).toBe("K");
    const e = mcevErrorOf(() => hw.zcbOption(1, 1e6, 0.5));
    expect(e.argument).toBe("S");
    expect(e.message).toMatch(/no usable discount factor/);
  });

  it("swaption: expiry <= 0, tenor <= 0, tenor × freq not whole, freq out of 1..12, strike <= −freq", () => {
    const hw = new HullWhite(usd, 0.05, 0.01);
    expect(mcevErrorOf(() => hw.swaption(0, 10, 0.02)).argument).toBe("expiry");
    expect(mcevErrorOf(() => hw.swaption(-1, 10, 0.02)).argument).toBe("expiry");
    expect(mcevErrorOf(() => hw.swaption(1, 0, 0.02)).argument).toBe("tenor");
    expect(mcevErrorOf(() => hw.swaption(1, 2.5, 0.02, true, 1)).message).toMatch(/^tenor: 2.5 × freq 1 = 2.5 is not a whole number/);
    expect(hw.swaption(1, 2.5, 0.02, true, 2)).toBeGreaterThan(0);
    expect(mcevErrorOf(() => hw.swaption(1, 10, 0.02, true, 0)).argument).toBe("freq");
    expect(mcevErrorOf(() => hw.swaption(1, 10, 0.02, true, 1.5)).argument).toBe("freq");
    expect(mcevErrorOf(() => hw.swaption(1, 10, 0.02, true, 13)).argument).toBe("freq");
    expect(mcevErrorOf(() => hw.swaption(1, 10, -1, true, 1)).argument).toBe("strike");
    expect(mcevErrorOf(() => hw.swaption(1, 10, NaN)).argument).toBe("strike");
    expect(mcevErrorOf(() => hw.swaption(1e6, 10, 0.02)).argument).toBe("expiry");
  });
});

describe("a volatility that underflows gives the intrinsic value, never NaN", () => {
  it("zero-coupon bond option and swaption at σ = 1e-200", () => {
    const curve = fitCurve({ terms: Float64Array.from([1, 5, 10, 30]), rates: Float64Array.from([0.01, 0.015, 0.02, 0.025]) });
    const hw = new HullWhite(curve, 0.05, 1e-200);
    const k = curve.discount(5) / curve.discount(1);
    expect(hw.zcbOption(1, 5, k)).toBe(Math.max(curve.discount(5) - k * curve.discount(1), 0));
    expect(hw.zcbOption(1, 5, 0.9, "PUT")).toBeCloseTo(Math.max(0.9 * curve.discount(1) - curve.discount(5), 0), 15);
    const v = hw.swaption(2, 5, 0.01);
    expect(Number.isFinite(v)).toBe(true);
    let fixed = 0;
    for (let j = 1; j <= 5; j++) fixed += 0.01 * curve.discount(2 + j);
    fixed += curve.discount(7);
    expect(v).toBeCloseTo(Math.max(curve.discount(2) - fixed, 0), 14);
  });
});
