import { bench, describe } from "vitest";
import { fitCurve } from "../src/core/curves";
import { calibrateHullWhite, HullWhite } from "../src/core/esg";
import { callFunction } from "../src/functions/registry";

/**
 * Hull–White closed forms and calibration (issue 5), through the function registry as Excel and the
 * CLI call them, and on the core alone. Curve: USD swap zero curve at 31/12/2011 (seed 003 Table 10);
 * quotes: Table 12 (USD ATM Black vols, 10-year tenor, expiries 1–10). Run: `npm run bench`.
 */
const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0124], [0.0209], [0.0251], [0.0264], [0.027], [0.0274]];
const expiries = [[1], [2], [3], [4], [5], [7], [10]];
const vols = [[0.451], [0.411], [0.377], [0.357], [0.346], [0.329], [0.311]];
const usd = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] });
const model = new HullWhite(usd, 0.05, 0.01);
const table12 = [1, 2, 3, 4, 5, 7, 10].map((expiry, j) => ({ expiry, tenor: 10, vol: vols[j]?.[0] as number }));

describe("MCEV.HW.SWAPTION (registry, curve from the cache)", () => {
  bench("5y × 10y payer, annual", () => {
    callFunction("HW.SWAPTION", [0.05, 0.01, terms, rates, 5, 10, 0.03]);
  });
  bench("10y × 30y receiver, monthly fixed leg (360 bond options)", () => {
    callFunction("HW.SWAPTION", [0.05, 0.01, terms, rates, 10, 30, 0.03, false, 12]);
  });
  bench("grid of 10 expiries × 10 tenors (100 swaptions, one call)", () => {
    const e = Array.from({ length: 100 }, (_, i) => [1 + (i % 10)]);
    const t = Array.from({ length: 100 }, (_, i) => [1 + Math.floor(i / 10) * 3]);
    callFunction("HW.SWAPTION", [0.05, 0.01, terms, rates, e, t, 0.03]);
  });
});

describe("core: HullWhite.swaption", () => {
  bench("5y × 10y payer, annual", () => {
    model.swaption(5, 10, 0.03);
  });
});

describe("calibration to Table 12 (7 quotes, 4 starts)", () => {
  bench("MCEV.HW.CALIBRATE (registry)", () => {
    callFunction("HW.CALIBRATE", [terms, rates, expiries, 10, vols]);
  });
  bench("core calibrateHullWhite", () => {
    calibrateHullWhite(usd, table12);
  });
});
