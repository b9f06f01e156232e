import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { evaluateWithRegistry } from "../../src/cli/evaluate";
import { fitCurve } from "../../src/core/curves";
import { calibrateHullWhite, HullWhite } from "../../src/core/esg";
import type { Argument } from "../../src/functions/args";
import type { CellMatrix } from "../../src/functions/cells";
import { esgFunctions } from "../../src/functions/esg";
import { callFunction, findFunction, listFunctions } from "../../src/functions/registry";
import { mcevErrorOf } from "../helpers";

/** USD swap zero curve at 31/12/2011, seed 003 Table 10, as worksheet columns. */
const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0124], [0.0209], [0.0251], [0.0264], [0.027], [0.0274]];
const usd = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] });
const col = (...xs: number[]) => xs.map((x) => [x]);
const call = (name: string, ...args: Argument[]) => callFunction(name, args);
const errorOf = (name: string, ...args: Argument[]) => mcevErrorOf(() => callFunction(name, args));

/** Seed 003 Table 12: USD ATM swaption Black vols, 10-year tenor, 31/12/2011. */
const expiries = col(1, 2, 3, 4, 5, 7, 10);
const vols = col(0.451, 0.411, 0.377, 0.357, 0.346, 0.329, 0.311);

describe("Hull–White functions in the registry", () => {
  it("are registered with the contract's parameters, in order (curve method arguments last)", () => {
    const sig = Object.fromEntries(listFunctions().map((f) => [f.name, f.parameters.map((p) => p.name + (p.optional ? "?" : "")).join(",")]));
    expect(sig).toMatchObject({
      "HW.ZCBOPTION": "a,sigma,terms,rates,T,S,K,type?,method?,ufr?,alpha?,llp?",
      "HW.SWAPTION": "a,sigma,terms,rates,expiry,tenor,strike,payer?,freq?,method?,ufr?,alpha?,llp?",
      "HW.CALIBRATE": "terms,rates,expiries,tenors,vols,voltype?,freq?,method?,ufr?,alpha?,llp?",
    });
    expect(findFunction("mcev.hw.swaption")?.name).toBe("HW.SWAPTION");
    expect(findFunction("MCEV.HW.CALIBRATE")?.name).toBe("HW.CALIBRATE");
  });

  it("every example evaluates without error", () => {
    for (const spec of esgFunctions) {
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(2);
      for (const formula of spec.examples) expect(() => evaluateWithRegistry(formula), formula).not.toThrow();
    }
  });

  it("the textbook example as a formula: Hull's 1y call on a 5y zero, flat 10% continuous → 0.439 per 100", () => {
    const v = evaluateWithRegistry("=100*MCEV.HW.ZCBOPTION(0.08,0.01,1,0.10517091807564763,1,5,0.68,,\"LOGLINEAR\")");
    expect(typeof v === "number" && Math.abs(v - 0.439) < 5e-4).toBe(true);
  });
});

describe("HW.ZCBOPTION and HW.SWAPTION", () => {
  const model = new HullWhite(usd, 0.05, 0.01);

  it("a single value gives a number; ranges spill in their shape; single values broadcast", () => {
    expect(call("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, 5, 0.9)).toBe(model.zcbOption(1, 5, 0.9, "CALL"));
    expect(call("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, col(2, 5, 10), 0.9, "put")).toEqual(col(...[2, 5, 10].map((s) => model.zcbOption(1, s, 0.9, "PUT"))));
    expect(call("HW.ZCBOPTION", 0.05, 0.01, terms, rates, [[1, 2]], [[5, 6]], [[0.9, 0.85]])).toEqual([[model.zcbOption(1, 5, 0.9), model.zcbOption(2, 6, 0.85)]]);
    expect(call("HW.SWAPTION", 0.05, 0.01, terms, rates, 5, 10, 0.03)).toBe(model.swaption(5, 10, 0.03, true, 1));
    expect(call("HW.SWAPTION", 0.05, 0.01, terms, rates, col(1, 5, 10), 10, 0.03, false, 2)).toEqual(col(...[1, 5, 10].map((e) => model.swaption(e, 10, 0.03, false, 2))));
  });

  it("defaults: CALL, payer, annual, MONOTONECONVEX; a blank or 0 freq is annual; method and Smith–Wilson arguments pass to the curve", () => {
    const base = call("HW.SWAPTION", 0.05, 0.01, terms, rates, 5, 10, 0.03);
    expect(call("HW.SWAPTION", 0.05, 0.01, terms, rates, 5, 10, 0.03, true, 1, "MONOTONECONVEX")).toBe(base);
    expect(call("HW.SWAPTION", 0.05, 0.01, terms, rates, 5, 10, 0.03, null, 0)).toBe(base);
    expect(call("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, 5, 0.9, "")).toBe(call("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, 5, 0.9, "CALL"));
    const sw = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274], ufr: 0.042 });
    expect(call("HW.SWAPTION", 0.05, 0.01, terms, rates, 20, 30, 0.03, true, 1, null, 0.042)).toBe(new HullWhite(sw, 0.05, 0.01).swaption(20, 30, 0.03));
  });

  it("bad input: errors name the argument and the position in its range", () => {
    expect(errorOf("HW.ZCBOPTION", 0, 0.01, terms, rates, 1, 5, 0.9).message).toMatch(/^a: 0 is not a mean reversion speed > 0/);
    expect(errorOf("HW.ZCBOPTION", 0.05, -0.01, terms, rates, 1, 5, 0.9).message).toMatch(/^sigma: -0.01 is not a volatility > 0/);
    expect(errorOf("HW.ZCBOPTION", 0.05, null, terms, rates, 1, 5, 0.9).message).toMatch(/^sigma: is missing/);
    expect(errorOf("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, col(5, 1, 10), 0.9).message).toMatch(/^S \(row 2 of the range\): 1 is not after the expiry T = 1/);
    expect(errorOf("HW.ZCBOPTION", 0.05, 0.01, terms, rates, col(1, 2), col(5, 6, 7), 0.9).message).toMatch(/^T: has 2 values but S has 3/);
    expect(errorOf("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, 5, 0.9, "STRADDLE").message).toMatch(/^type: unknown option type/);
    expect(errorOf("HW.ZCBOPTION", 0.05, 0.01, terms, rates, 1, 1e6, 0.9).message).toMatch(/^S: the curve gives no usable discount factor/);
    expect(errorOf("HW.SWAPTION", 0.05, 0.01, terms, rates, col(1, -5), 10, 0.03).message).toMatch(/^expiry \(row 2 of the range\): -5 is not a time > 0/);
    expect(errorOf("HW.SWAPTION", 0.05, 0.01, terms, rates, 1, 2.5, 0.03).message).toMatch(/^tenor: 2.5 × freq 1 = 2.5 is not a whole number/);
    expect(errorOf("HW.SWAPTION", 0.05, 0.01, terms, rates, 1, 10, 0.03, true, 1.5).message).toMatch(/^freq: 1.5 is not a whole number/);
    expect(errorOf("HW.SWAPTION", 0.05, 0.01, terms, rates, 1, 10, 0.03, "maybe").message).toMatch(/^payer: is text "maybe"; expected TRUE or FALSE/);
    expect(errorOf("HW.SWAPTION", 0.05, 0.01, terms, rates, 1, 10, -2).message).toMatch(/^strike: -2 is at or below −freq/);
    expect(errorOf("HW.SWAPTION", 0.05, 0.01, terms, col(0.01, 0.02), 1, 10, 0.03).argument).toBe("rates");
  });
});

describe("HW.CALIBRATE", () => {
  const core = calibrateHullWhite(usd, [1, 2, 3, 4, 5, 7, 10].map((e, j) => ({ expiry: e, tenor: 10, vol: vols[j]?.[0] as number })));

  it("spills a, σ, a header row and the fit table (Table 12 on the USD curve of Table 10)", () => {
    const out = call("HW.CALIBRATE", terms, rates, expiries, 10, vols) as CellMatrix;
    expect(out).toHaveLength(3 + 7);
    expect(out.every((row) => row.length === 8)).toBe(true);
    expect(out[0]).toEqual(["a", core.a, "", "", "", "", "", ""]);
    expect(out[1]).toEqual(["sigma", core.sigma, "", "", "", "", "", ""]);
    expect(out[2]).toEqual(["expiry", "tenor", "forward", "market vol", "model vol", "market price", "model price", "price error"]);
    core.rows.forEach((r, j) => expect(out[3 + j]).toEqual([r.expiry, r.tenor, r.forward, r.marketVol, r.modelVol, r.marketPrice, r.modelPrice, r.priceError]));
  });

  it("a block of expiries × tenors (blank cells skipped) and a list give the same fit", () => {
    const e = col(1, 5, 10);
    const t = [[5, 10]];
    const block = [
      [0.0095, 0.0092],
      [0.0098, null],
      [0.0091, 0.0087],
    ];
    const grid = call("HW.CALIBRATE", terms, rates, e, t, block, "NORMAL") as CellMatrix;
    const list = call("HW.CALIBRATE", terms, rates, col(1, 1, 5, 10, 10), col(5, 10, 5, 5, 10), col(0.0095, 0.0092, 0.0098, 0.0091, 0.0087), "normal") as CellMatrix;
    expect(grid).toEqual(list);
    expect(grid).toHaveLength(3 + 5);
  });

  it("bad input: negative vols, blank in a list, shape mismatch, voltype; no convergence → #NUM! naming vols", () => {
    const neg = col(0.451, 0.411, -0.377, 0.357, 0.346, 0.329, 0.311);
    expect(errorOf("HW.CALIBRATE", terms, rates, expiries, 10, neg).message).toMatch(/^vols \(row 3 of the range\): -0.377 is not a volatility > 0/);
    const block = [
      [0.0095, 0.0092],
      [0.0098, -0.001],
    ];
    expect(errorOf("HW.CALIBRATE", terms, rates, col(1, 5), [[5, 10]], block, "NORMAL").message).toMatch(/^vols \(row 2, column 2 of the range\): -0.001/);
    expect(errorOf("HW.CALIBRATE", terms, rates, col(1, 0), [[5, 10]], block.map((r) => r.map(Math.abs)), "NORMAL").message).toMatch(/^expiries \(row 2 of the range\): 0 is not an expiry > 0/);
    // one tenor and a column of vols is a one-column block: a blank is a missing quote; with one tenor per row it is a list
    const gappy: CellMatrix = [[0.451], [null], [0.377], [0.357], [0.346], [0.329], [0.311]];
    expect(call("HW.CALIBRATE", terms, rates, expiries, 10, gappy)).toHaveLength(3 + 6);
    expect(errorOf("HW.CALIBRATE", terms, rates, expiries, col(10, 10, 10, 10, 10, 10, 10), gappy).message).toMatch(/^vols \(row 2 of the range\): is blank/);
    expect(errorOf("HW.CALIBRATE", terms, rates, col(1, 2), 10, vols).message).toMatch(/^expiries: has 2 values but vols has 7/);
    expect(errorOf("HW.CALIBRATE", terms, rates, expiries, 10, vols, "SABR").message).toMatch(/^voltype: unknown volatility type "SABR"/);
    const rising = errorOf("HW.CALIBRATE", terms, rates, col(1, 2, 5, 10), 10, col(0.004, 0.008, 0.02, 0.04), "NORMAL");
    expect([rising.code, rising.argument]).toEqual(["NUM", "vols"]);
    expect(rising.message).toMatch(/^vols: the calibration did not converge/);
  });
});

describe("Excel wrappers", () => {
  class StubError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: StubError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  });
  const thrown = (f: () => unknown): StubError => {
    try {
      f();
    } catch (e) {
      if (e instanceof StubError) return e;
      throw e;
    }
    throw new Error("did not throw");
  };

  it("spill (a single value as 1 × 1), take omitted arguments as undefined, and turn errors into #VALUE! / #NUM!", async () => {
    const fns = await import("../../src/functions/excel/esg");
    expect(fns.hwSwaption(0.05, 0.01, terms, rates, 5 as unknown as number[][], 10 as unknown as number[][], 0.03 as unknown as number[][])).toEqual([[call("HW.SWAPTION", 0.05, 0.01, terms, rates, 5, 10, 0.03)]]);
    expect(fns.hwZcbOption(0.05, 0.01, terms, rates, [[1]], [[2], [5]], [[0.9]], undefined, null)).toHaveLength(2);
    expect(fns.hwCalibrate(terms, rates, expiries, [[10]], vols)).toHaveLength(10);
    const bad = thrown(() => fns.hwSwaption(0.05, 0, terms, rates, [[5]], [[10]], [[0.03]]));
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toMatch(/^sigma: 0 is not a volatility > 0/);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(thrown(() => fns.hwCalibrate(terms, rates, col(1, 2, 5, 10), [[10]], col(0.004, 0.008, 0.02, 0.04), "NORMAL")).code).toBe("#NUM!");
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^#NUM!: vols: the calibration did not converge/));
    warn.mockRestore();
  });
});
