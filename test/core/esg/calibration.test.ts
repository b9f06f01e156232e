import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCurve } from "../../../src/core/curves";
import { atmImpliedVol, blackSwaption, bachelierSwaption, calibrateHullWhite, HullWhite, swapSchedule, swapValues, type CalibrationQuote, type VolType } from "../../../src/core/esg";
import { mcevErrorOf } from "../../helpers";

interface Table12Reference {
  a: number;
  sigma: number;
  cost: number;
  instruments: { expiry: number; tenor: number; marketVol: number; forward: number; annuity: number; marketPrice: number; modelPrice: number }[];
}
const reference = JSON.parse(readFileSync(join(__dirname, "..", "..", "reference", "quantlib-hullwhite.json"), "utf8")) as { calibrationTable12: Table12Reference };

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/** USD swap zero curve at 31/12/2011, seed 003 Table 10. */
const USD_2011 = { terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] };
const usd = fitCurve({ ...USD_2011, method: "LOGLINEAR" });

/** Seed 003 Table 12: ATM USD swaption Black volatilities, 10-year tenor, 31 December 2011. */
const TABLE12: CalibrationQuote[] = [
  [1, 0.451],
  [2, 0.411],
  [3, 0.377],
  [4, 0.357],
  [5, 0.346],
  [7, 0.329],
  [10, 0.311],
].map(([expiry, vol]) => ({ expiry: expiry as number, tenor: 10, vol: vol as number }));

/** ATM volatilities a Hull–White model (a, σ) implies, as a quote set. */
function modelQuotes(a: number, sigma: number, volType: VolType, grid: [number, number][], freq = 1): CalibrationQuote[] {
  const model = new HullWhite(usd, a, sigma);
  return grid.map(([expiry, tenor]) => {
    const sv = swapValues(usd, swapSchedule(expiry, tenor, freq));
    const price = model.swaption(expiry, tenor, sv.forward, true, freq);
    return { expiry, tenor, vol: atmImpliedVol(volType, price, sv.annuity, sv.forward, expiry) };
  });
}

const GRID: [number, number][] = [1, 2, 5, 10].flatMap((e) => [2, 5, 10].map((t) => [e, t] as [number, number]));

describe("calibration recovers the (a, σ) that generated the volatilities", () => {
  for (const volType of ["LOGNORMAL", "NORMAL"] as const) {
    it(`${volType}: 12 quotes (expiries 1–10 × tenors 2–10), random (a, σ) → recovered to 1e-7 relative, every quote refitted`, () => {
      fc.assert(
        // σ up to 1.5% for Black quotes: on this low curve (1.2% at 1–5 years) larger σ means Black vols above 200%
        fc.property(fc.double({ min: 0.005, max: 0.6, noNaN: true }), fc.double({ min: 0.003, max: volType === "NORMAL" ? 0.025 : 0.015, noNaN: true }), (a, sigma) => {
          const fit = calibrateHullWhite(usd, modelQuotes(a, sigma, volType, GRID), { volType });
          expect(rel(fit.a, a)).toBeLessThanOrEqual(1e-7);
          expect(rel(fit.sigma, sigma)).toBeLessThanOrEqual(1e-7);
          expect(fit.rmsPriceError).toBeLessThanOrEqual(1e-9);
          for (const row of fit.rows) expect(rel(row.modelVol, row.marketVol)).toBeLessThanOrEqual(1e-8);
        }),
        { numRuns: 12 },
      );
    });
  }

  it("Table 12's layout (one tenor, 7 expiries), semiannual fixed leg, NORMAL quotes: recovered", () => {
    const quotes = modelQuotes(0.03, 0.009, "NORMAL", TABLE12.map((q) => [q.expiry, q.tenor]), 2);
    const fit = calibrateHullWhite(usd, quotes, { volType: "NORMAL", freq: 2 });
    expect(rel(fit.a, 0.03)).toBeLessThanOrEqual(1e-7);
    expect(rel(fit.sigma, 0.009)).toBeLessThanOrEqual(1e-8);
    expect(fit.freq).toBe(2);
  });
});

describe("seed 003 Table 12 on the USD curve of Table 10 (LOGLINEAR)", () => {
  const fit = calibrateHullWhite(usd, TABLE12);
  const ql = reference.calibrationTable12;

  it("market prices: Black on the curve's annuity and forward, as QuantLib (ql.blackFormula) to 1e-12", () => {
    fit.rows.forEach((row, j) => {
      const q = ql.instruments[j] as Table12Reference["instruments"][number];
      expect(rel(row.annuity, q.annuity)).toBeLessThanOrEqual(1e-13);
      expect(rel(row.forward, q.forward)).toBeLessThanOrEqual(1e-12);
      expect(rel(row.marketPrice, q.marketPrice)).toBeLessThanOrEqual(1e-12);
    });
  });

  it("the fit agrees with QuantLib's (Simplex on the same objective, Jamshidian engine): a and σ to 1e-5, cost not above it", () => {
    expect(rel(fit.a, ql.a)).toBeLessThanOrEqual(1e-5);
    expect(rel(fit.sigma, ql.sigma)).toBeLessThanOrEqual(1e-5);
    // priced exactly (QuantLib's engine prices carry its r* tolerance, ~1e-7), QuantLib's point is no better
    const cost = fit.rows.reduce((s, r) => s + r.priceError * r.priceError, 0);
    const atQuantLib = new HullWhite(usd, ql.a, ql.sigma);
    const qlCost = fit.rows.reduce((s, r) => s + (atQuantLib.swaption(r.expiry, r.tenor, r.forward) / r.marketPrice - 1) ** 2, 0);
    expect(cost).toBeLessThanOrEqual(qlCost);
    expect(rel(cost, ql.cost)).toBeLessThanOrEqual(1e-5);
    // measured: a ≈ 0.01531, σ ≈ 0.01100, RMS relative price error ≈ 2.2%
    expect(fit.a).toBeCloseTo(0.015312, 5);
    expect(fit.sigma).toBeCloseTo(0.010998, 5);
    expect(fit.rmsPriceError).toBeCloseTo(0.0218, 3);
  });

  it("the fit table is consistent: model vols reprice model prices, errors are model / market − 1", () => {
    for (const row of fit.rows) {
      const quote = { annuity: row.annuity, forward: row.forward, strike: row.forward, expiry: row.expiry, payer: true };
      expect(rel(blackSwaption({ ...quote, vol: row.modelVol }), row.modelPrice)).toBeLessThanOrEqual(1e-12);
      expect(rel(blackSwaption({ ...quote, vol: row.marketVol }), row.marketPrice)).toBeLessThanOrEqual(1e-15);
      expect(row.priceError).toBeCloseTo(row.modelPrice / row.marketPrice - 1, 15);
      expect(Math.abs(row.priceError)).toBeLessThan(0.05);
      expect(Math.abs(row.modelVol - row.marketVol)).toBeLessThan(0.02);
    }
    expect(fit.rows.map((r) => r.expiry)).toEqual([1, 2, 3, 4, 5, 7, 10]);
  });

  it("is deterministic", () => {
    const again = calibrateHullWhite(usd, TABLE12);
    expect(again.a).toBe(fit.a);
    expect(again.sigma).toBe(fit.sigma);
  });
});

describe("quote formulas", () => {
  it("Black and Bachelier: put–call parity, ATM closed-form inversion, limits", () => {
    const base = { annuity: 4.5, forward: 0.025, expiry: 3, payer: true };
    for (const strike of [0.01, 0.025, 0.04]) {
      const black = (payer: boolean) => blackSwaption({ ...base, strike, vol: 0.3, payer });
      const normal = (payer: boolean) => bachelierSwaption({ ...base, strike, vol: 0.008, payer });
      expect(black(true) - black(false)).toBeCloseTo(base.annuity * (base.forward - strike), 15);
      expect(normal(true) - normal(false)).toBeCloseTo(base.annuity * (base.forward - strike), 15);
    }
    const atm = { ...base, strike: base.forward };
    expect(rel(atmImpliedVol("LOGNORMAL", blackSwaption({ ...atm, vol: 0.451 }), 4.5, 0.025, 3), 0.451)).toBeLessThan(1e-14);
    expect(rel(atmImpliedVol("NORMAL", bachelierSwaption({ ...atm, vol: 0.0085 }), 4.5, 0.025, 3), 0.0085)).toBeLessThan(1e-14);
    // Bachelier ATM = A σ √(T/(2π))
    expect(bachelierSwaption({ ...atm, vol: 0.0085 })).toBeCloseTo(4.5 * 0.0085 * Math.sqrt(3 / (2 * Math.PI)), 16);
  });
});

describe("bad input and non-convergence: errors name the argument", () => {
  it("negative, zero or percent-typed volatilities; fewer than 2 quotes", () => {
    const bad = (j: number, vol: number) => TABLE12.map((q, k) => (k === j ? { ...q, vol } : q));
    let e = mcevErrorOf(() => calibrateHullWhite(usd, bad(2, -0.377)));
    expect([e.code, e.argument, e.index]).toEqual(["VALUE", "vols", 2]);
    expect(e.detail).toMatch(/not a volatility > 0/);
    e = mcevErrorOf(() => calibrateHullWhite(usd, bad(0, 0)));
    expect([e.argument, e.index]).toEqual(["vols", 0]);
    e = mcevErrorOf(() => calibrateHullWhite(usd, bad(1, 41.1)));
    expect(e.detail).toMatch(/as decimals/);
    e = mcevErrorOf(() => calibrateHullWhite(usd, [{ expiry: 1, tenor: 10, vol: 0.0085 }], { volType: "NORMAL" }));
    expect(e.argument).toBe("vols");
    expect(mcevErrorOf(() => calibrateHullWhite(usd, bad(3, NaN))).argument).toBe("vols");
  });

  it("expiries and tenors out of range, a tenor that is not a whole number of payments, a curve that cannot price", () => {
    const at = (j: number, q: Partial<CalibrationQuote>) => TABLE12.map((x, k) => (k === j ? { ...x, ...q } : x));
    let e = mcevErrorOf(() => calibrateHullWhite(usd, at(4, { expiry: 0 })));
    expect([e.argument, e.index]).toEqual(["expiries", 4]);
    e = mcevErrorOf(() => calibrateHullWhite(usd, at(1, { tenor: -10 })));
    expect([e.argument, e.index]).toEqual(["tenors", 1]);
    e = mcevErrorOf(() => calibrateHullWhite(usd, at(1, { tenor: 2.5 })));
    expect([e.argument, e.index]).toEqual(["tenors", 1]);
    e = mcevErrorOf(() => calibrateHullWhite(usd, at(0, { expiry: 1e6 })));
    expect([e.argument, e.index]).toEqual(["expiries", 0]);
    expect(mcevErrorOf(() => calibrateHullWhite(usd, TABLE12, { freq: 0 })).argument).toBe("freq");
  });

  it("Black volatilities on a curve with negative forward swap rates are refused (quote NORMAL instead)", () => {
    const negative = fitCurve({ terms: [1, 5, 10, 20], rates: [-0.006, -0.005, -0.003, -0.001], method: "LOGLINEAR" });
    const e = mcevErrorOf(() => calibrateHullWhite(negative, [{ expiry: 1, tenor: 5, vol: 0.3 }, { expiry: 2, tenor: 5, vol: 0.3 }]));
    expect(e.argument).toBe("vols");
    expect(e.detail).toMatch(/NORMAL/);
    // the same rates quoted NORMAL calibrate
    const quotes = [1, 2, 5].map((expiry) => ({ expiry, tenor: 5, vol: 0.005 }));
    const fit = calibrateHullWhite(negative, quotes, { volType: "NORMAL" });
    expect(Number.isFinite(fit.a) && Number.isFinite(fit.sigma)).toBe(true);
  });

  it("quotes no Hull–White model with a > 0 fits (normal vols rising with expiry) → #NUM! naming vols", () => {
    const rising = [1, 2, 5, 10].map((expiry) => ({ expiry, tenor: 10, vol: 0.004 * expiry }));
    const e = mcevErrorOf(() => calibrateHullWhite(usd, rising, { volType: "NORMAL" }));
    expect([e.code, e.argument]).toEqual(["NUM", "vols"]);
    expect(e.detail).toMatch(/did not converge/);
    expect(e.detail).toMatch(/bound/);
  });
});
