import { bench, describe } from "vitest";
import { fitCurve, pvfp } from "../src/core";
import { callFunction } from "../src/functions/registry";

/**
 * MCEV.PVFP over 600 cash flows, called through the function registry exactly as Excel and the CLI
 * call it (argument normalisation, curve fit, discounting, result checks). Run: `npm run bench`.
 */
const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0173], [0.0243], [0.0274], [0.0275], [0.0265], [0.0255]];
const profits = Array.from({ length: 600 }, (_, k) => [100 * Math.pow(0.995, k)]);
const monthly = Array.from({ length: 600 }, (_, k) => [(k + 1) / 12]);

describe("MCEV.PVFP, 600 profits, EUR 2011 curve (6 nodes)", () => {
  bench("MONOTONECONVEX (default)", () => {
    callFunction("PVFP", [profits, terms, rates]);
  });
  bench("LOGLINEAR", () => {
    callFunction("PVFP", [profits, terms, rates, "END", null, "LOGLINEAR"]);
  });
  bench("LINEAR, +100 bp shift", () => {
    callFunction("PVFP", [profits, terms, rates, "END", 0.01, "LINEAR"]);
  });
  bench("SMITHWILSON, alpha given", () => {
    callFunction("PVFP", [profits, terms, rates, "END", null, "SMITHWILSON", 0.042, 0.125686]);
  });
  bench("SMITHWILSON, EIOPA alpha (fitted curve reused from the cache)", () => {
    callFunction("PVFP", [profits, terms, rates, "END", null, "SMITHWILSON", 0.042]);
  });
});

describe("MCEV.PV, 600 monthly cash flows", () => {
  bench("MONOTONECONVEX (default)", () => {
    callFunction("PV", [profits, monthly, terms, rates]);
  });
});

describe("core only (no registry): fit + PVFP of 600 profits", () => {
  const t = [5, 10, 15, 20, 25, 30];
  const r = [0.0173, 0.0243, 0.0274, 0.0275, 0.0265, 0.0255];
  const p = Float64Array.from(profits, (row) => row[0] as number);
  bench("MONOTONECONVEX fit + pvfp", () => {
    pvfp(fitCurve({ terms: t, rates: r, method: "MONOTONECONVEX" }), p);
  });
  bench("SMITHWILSON fit with EIOPA alpha search + pvfp", () => {
    pvfp(fitCurve({ terms: t, rates: r, method: "SMITHWILSON", ufr: 0.042 }), p);
  });
});
