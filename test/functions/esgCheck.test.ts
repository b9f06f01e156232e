import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fitCurve } from "../../src/core/curves";
import { McevError } from "../../src/core/errors";
import { martingaleTests } from "../../src/core/esg/martingale";
import { scenarioKey, simulateScenarios } from "../../src/core/esg/simulation";
import type { CellMatrix } from "../../src/functions/cells";
import { ESG_CHECK_HEADER, esgSpec } from "../../src/functions/esgCheck";
import { callFunction } from "../../src/functions/registry";
import { cachedScenarios, clearScenarioCache, SCENARIO_CACHE_LIMITS, scenarioCacheStats } from "../../src/functions/scenarioCache";

const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0124], [0.0209], [0.0251], [0.0264], [0.027], [0.0274]];
const usd = fitCurve({ terms: terms.flat(), rates: rates.flat() });

function thrown(f: () => unknown): McevError {
  try {
    f();
  } catch (e) {
    if (e instanceof McevError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

beforeEach(() => clearScenarioCache());

describe("MCEV.ESG.CHECK", () => {
  it("spills the header and one row per year; the numbers are the core's martingale tests of the same scenarios", () => {
    const out = callFunction("ESG.CHECK", [terms, rates, 0.02, 0.0115, 0.263, -0.4, 1000, 10]) as CellMatrix;
    expect(out).toHaveLength(11);
    expect(out[0]).toEqual([...ESG_CHECK_HEADER]);
    const set = simulateScenarios({ curve: usd, curveHorizon: 30, a: 0.02, sigma: 0.0115, equityVol: 0.263, correlation: -0.4, scenarios: 1000, years: 10, seed: 0 });
    const report = martingaleTests(set);
    for (let y = 1; y <= 10; y++) {
      const z = report.zcb[y - 1];
      const e = report.equity[y - 1];
      expect(out[y]).toEqual([y, z?.expected, z?.mean, z?.se, z?.lower, z?.upper, z?.pass, e?.expected, e?.mean, e?.se, e?.lower, e?.upper, e?.pass]);
      expect(out[y]?.[1]).toBe(usd.discount(y));
      expect(out[y]?.[7]).toBe(1);
      expect(typeof out[y]?.[6]).toBe("boolean");
    }
  });

  it("blank optional arguments take the defaults: 1,000 scenarios, years to the last term (at most 30), seed 0, antithetic, no dividends, PSEUDO", () => {
    const spec = esgSpec([terms, rates, 0.02, 0.0115, 0.263, -0.4, null, null, null, null, null, null]);
    expect([spec.scenarios, spec.years, spec.seed, spec.antithetic, spec.dividendYield, spec.generator, spec.stepsPerYear, spec.curveHorizon]).toEqual([1000, 30, 0, true, 0, "PSEUDO", 12, 30]);
    // Excel desktop passes a referenced blank cell as 0
    expect(esgSpec([terms, rates, 0.02, 0.0115, 0.263, -0.4, 0, 0, 0, null, 0, 0]).scenarios).toBe(1000);
    const short = esgSpec([[[1], [12.5]], [[0.01], [0.02]], 0.02, 0.0115, 0.263, -0.4]);
    expect(short.years).toBe(12);
    expect(esgSpec([[[1], [40]], [[0.01], [0.02]], 0.02, 0.0115, 0.263, -0.4]).years).toBe(30);
  });

  it("equity_vol as two columns (term, implied vol), dividend yield and SOBOL", () => {
    const out = callFunction("ESG.CHECK", [terms, rates, 0.02, 0.0115, [[1, 0.3], [5, 0.27], [10, 0.25]], -0.4, 2000, 5, 7, true, 0.02, "sobol"]) as CellMatrix;
    expect(out).toHaveLength(6);
    out.slice(1).forEach((row, i) => expect(row[7]).toBe(Math.exp(-0.02 * (i + 1))));
    const spec = esgSpec([terms, rates, 0.02, 0.0115, [[1, 0.3], [5, 0.27], [10, 0.25]], -0.4, 2000, 5, 7, true, 0.02, "sobol"]);
    expect(spec.equityVol).toEqual({ terms: Float64Array.of(1, 5, 10), vols: Float64Array.of(0.3, 0.27, 0.25) });
    expect(spec.generator).toBe("SOBOL");
  });

  it("cells with the same scenario inputs share one cached scenario set", () => {
    const args = [terms, rates, 0.02, 0.0115, 0.263, -0.4, 500, 5, 3];
    const first = callFunction("ESG.CHECK", args);
    expect(scenarioCacheStats()).toMatchObject({ entries: 1, hits: 0, misses: 1 });
    expect(callFunction("ESG.CHECK", args)).toEqual(first);
    expect(scenarioCacheStats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
    // the same set through the core spec, e.g. from another function
    expect(cachedScenarios(esgSpec(args))).toBe(cachedScenarios(esgSpec(args)));
    callFunction("ESG.CHECK", [terms, rates, 0.02, 0.0115, 0.263, -0.4, 500, 5, 4]);
    expect(scenarioCacheStats()).toMatchObject({ entries: 2, misses: 2 });
    // least recently used first out
    for (let seed = 10; seed < 10 + SCENARIO_CACHE_LIMITS.entries; seed++) callFunction("ESG.CHECK", [terms, rates, 0.02, 0.0115, 0.263, -0.4, 4, 1, seed]);
    expect(scenarioCacheStats().entries).toBe(SCENARIO_CACHE_LIMITS.entries);
    const before = scenarioCacheStats().misses;
    callFunction("ESG.CHECK", args);
    expect(scenarioCacheStats().misses).toBe(before + 1);
    // the key names the curve by its inputs
    expect(scenarioKey(esgSpec(args))).toContain("|key:MONOTONECONVEX|5,10,15,20,25,30|0.0124,0.0209,0.0251,0.0264,0.027,0.0274|");
  });

  it("bad input: #VALUE! naming the argument", () => {
    const base = [terms, rates, 0.02, 0.0115, 0.263, -0.4, 100, 5];
    const at = (i: number, v: unknown) => base.map((x, j) => (j === i ? v : x)) as never[];
    const cases: [number, unknown, RegExp][] = [
      [3, 0, /^sigma: 0 is not a volatility > 0/],
      [3, null, /^sigma: is missing; expected a number/],
      [2, -0.1, /^a: -0.1 is not a mean reversion speed > 0/],
      [4, -0.2, /^equity_vol: -0.2 is not a volatility >= 0/],
      [4, [[1, 0.2, 3]], /^equity_vol: is a 1 × 3 range; give one volatility, or two columns/],
      [4, [[1, 0.3], [2, 0.2]], /^equity_vol: the total variance v²T falls/],
      [4, [[1, "x"]], /^equity_vol \(column 2 of the range\): is text "x"; expected a number/],
      [5, 1.5, /^correlation: 1.5 is not a correlation in \[−1, 1\]/],
      [6, 1, /^scenarios: 1 is not a whole number >= 2/],
      [6, 101, /^scenarios: 101 is odd; antithetic variates come in pairs/],
      [7, 31, /^years: 31 is beyond the curve's last term 30/],
      [7, 2.5, /^years: 2.5 is not a whole number >= 1/],
    ];
    for (const [i, v, message] of cases) {
      const e = thrown(() => callFunction("ESG.CHECK", at(i, v)));
      expect(e.code, String(message)).toBe("VALUE");
      expect(e.message).toMatch(message);
    }
    expect(thrown(() => callFunction("ESG.CHECK", [...base, 0, "maybe"])).message).toMatch(/^antithetic: is text "maybe"; expected TRUE or FALSE/);
    expect(thrown(() => callFunction("ESG.CHECK", [...base, 0, true, 0, "HALTON"])).message).toBe('generator: "HALTON" is not PSEUDO or SOBOL');
    expect(thrown(() => callFunction("ESG.CHECK", [...base, -1])).message).toMatch(/^seed: -1 is not a whole number >= 0/);
    expect(thrown(() => callFunction("ESG.CHECK", [[[5], [3]], [[0.01], [0.02]], 0.02, 0.01, 0.2, 0])).message).toMatch(/^terms \(row 2 of the range\)/);
  });
});

describe("the Excel wrapper", () => {
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

  it("runs the registry call asynchronously (in-process where there is no Worker) and rejects with #VALUE! and the message", async () => {
    const { esgcheck } = await import("../../src/functions/excel/esgCheck");
    const invocation = {} as CustomFunctions.CancelableInvocation;
    const out = await esgcheck(terms, rates, 0.02, 0.0115, [[0.263]], -0.4, 200, 3, null, null, null, null, invocation);
    expect(out).toEqual(callFunction("ESG.CHECK", [terms, rates, 0.02, 0.0115, 0.263, -0.4, 200, 3]));
    await expect(esgcheck(terms, rates, 0.02, 0, [[0.263]], -0.4, 200, 3, null, null, null, null, invocation)).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^sigma: 0 is not a volatility > 0/) });
  });
});
