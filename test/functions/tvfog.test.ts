import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateWithRegistry } from "../../src/cli/evaluate";
import { parseCsv } from "../../src/cli/csv";
import { readLapse } from "../../src/core/assumptions/lapse";
import { readMortality } from "../../src/core/assumptions/mortality";
import { fitCurve } from "../../src/core/curves";
import { fromCells } from "../../src/core/projection/table";
import { readSavingsPoints } from "../../src/core/savings/modelPointTable";
import { readProductSpecs } from "../../src/core/savings/productSpec";
import { tvfogEstimate, valueVaBlock, Z95 } from "../../src/core/valuation/tvfog";
import type { Argument } from "../../src/functions/args";
import type { CellMatrix } from "../../src/functions/cells";
import { callFunction, listFunctions } from "../../src/functions/registry";
import { clearScenarioCache, scenarioCacheStats } from "../../src/functions/scenarioCache";
import { SHARED_STATE_FUNCTIONS } from "../../src/functions/worker/client";
import { tvfogFunctions } from "../../src/functions/tvfog";
import { mcevErrorOf } from "../helpers";

const root = join(__dirname, "..", "..");
const csv = (path: string) => parseCsv(readFileSync(join(root, path), "utf8"), path) as CellMatrix;
const POINTS = csv("examples/va/model_points.csv");
const SPECS = csv("examples/va/product_specs.csv");
const MORTALITY = csv("examples/assumptions/mortality.csv");
const LAPSE = csv("examples/assumptions/lapse.csv");
const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0124], [0.0209], [0.0251], [0.0264], [0.027], [0.0274]];
const usd = fitCurve({ terms: terms.flat(), rates: rates.flat() });
const va = (...rest: Argument[]) => callFunction("TVFOG.VA", [POINTS, SPECS, terms, rates, 0.02, 0.0115, 0.263, -0.4, "mortality", MORTALITY, "lapse", LAPSE, ...rest]) as CellMatrix;
const errorOf = (args: Argument[]) => mcevErrorOf(() => callFunction("TVFOG.VA", args));
const value = (out: CellMatrix, label: string) => out.find((r) => r[0] === label)?.[1] as number;

describe("MCEV.TVFOG (simple form)", () => {
  it("mean − CE, SE, 95% interval, count — two columns with the TVFOG first", () => {
    const pvs = [-12.1, -3.4, -8.8, -15.2, -9.9, -7.3];
    const out = callFunction("TVFOG", [pvs.map((x) => [x]), -5.2]) as CellMatrix;
    const e = tvfogEstimate(pvs, -5.2);
    expect(out).toEqual([
      ["tvfog", e.tvfog],
      ["standard error", e.standardError],
      ["lower 95%", e.tvfog - Z95 * e.standardError],
      ["upper 95%", e.tvfog + Z95 * e.standardError],
      ["scenarios", 6],
    ]);
    expect(e.tvfog).toBeCloseTo(-9.45 + 5.2, 12);
    // a row works as well as a column; antithetic pairs count the pair means
    const pairs = callFunction("TVFOG", [[pvs], -5.2, true]) as CellMatrix;
    expect(pairs[1]?.[1]).toBeCloseTo(tvfogEstimate(pvs, -5.2, true).standardError, 15);
  });

  it("bad input: #VALUE! naming the argument and the position", () => {
    expect(mcevErrorOf(() => callFunction("TVFOG", [[[1], ["x"], [3]], 0])).message).toBe('stochastic_pvs (row 2 of the range): is text "x"; expected a number');
    expect(mcevErrorOf(() => callFunction("TVFOG", [[[1], [2]], null])).message).toBe("ce_pv: is missing; expected a number");
    expect(mcevErrorOf(() => callFunction("TVFOG", [5, 0])).message).toMatch(/^stochastic_pvs: has 1 value; a standard error needs at least 2/);
    expect(mcevErrorOf(() => callFunction("TVFOG", [[[1], [2], [3]], 0, true])).message).toMatch(/^stochastic_pvs: has 3 values; antithetic pairs need an even number/);
  });
});

describe("MCEV.TVFOG.VA (block form)", () => {
  it("is registered with its contract and runs on the scenario functions' shared worker", () => {
    const sig = Object.fromEntries(listFunctions().map((f) => [f.name, f.parameters.map((p) => p.name + (p.optional ? "?" : "") + (p.repeating ? "..." : "")).join(",")]));
    expect(sig["TVFOG"]).toBe("stochastic_pvs,ce_pv,antithetic?");
    expect(sig["TVFOG.VA"]).toBe("model_points,product_specs,terms,rates,a,sigma,equity_vol,correlation,tables...");
    expect(SHARED_STATE_FUNCTIONS.has("TVFOG.VA")).toBe(true);
  });

  it("spills the core's valuation of the block on the same scenarios (USD 2011, Table 12 fit, 26.3%, −40%)", () => {
    const out = va("scenarios", 1000);
    expect(out.map((r) => r[0])).toEqual(["tvfog", "standard error", "lower 95%", "upper 95%", "scenarios", "mean stochastic PV", "certainty-equivalent PV", "mean GMDB cost", "CE GMDB cost", "mean GMAB cost", "CE GMAB cost", "months"]);
    const points = readSavingsPoints(fromCells("model_points", POINTS), readProductSpecs(fromCells("product_specs", SPECS))).points;
    const mortality = readMortality(fromCells("mortality", MORTALITY)).tables.unisex;
    const basis = { mortality, lapse: readLapse(fromCells("lapse", LAPSE)), coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
    const core = valueVaBlock({ points, basis }, { curve: usd, curveKey: "core", a: 0.02, sigma: 0.0115, equityVol: 0.263, correlation: -0.4, scenarios: 1000, seed: 0 });
    expect(value(out, "tvfog")).toBe(core.estimate.tvfog);
    expect(value(out, "standard error")).toBe(core.estimate.standardError);
    expect(value(out, "certainty-equivalent PV")).toBe(core.cePv);
    expect(value(out, "months")).toBe(core.steps);
    // a guarantee block: the TVFOG is a cost, clearly away from 0, and the guarantees cost more on average than in the CE scenario
    expect(value(out, "upper 95%")).toBeLessThan(0);
    expect(value(out, "mean GMDB cost")).toBeGreaterThan(value(out, "CE GMDB cost"));
    expect(value(out, "mean GMAB cost")).toBeGreaterThan(value(out, "CE GMAB cost"));
    expect(value(out, "tvfog")).toBeCloseTo(value(out, "mean stochastic PV") - value(out, "certainty-equivalent PV"), 6);
  });

  it("cells with the same scenario inputs share one cached scenario set (other block, other options)", () => {
    clearScenarioCache();
    va("scenarios", 400, "seed", 5);
    expect(scenarioCacheStats()).toMatchObject({ entries: 1, misses: 1, hits: 0 });
    va("scenarios", 400, "seed", 5, "expense_maint", 40, "equity_share", 0.5);
    expect(scenarioCacheStats()).toMatchObject({ entries: 1, misses: 1, hits: 1 });
    va("scenarios", 400, "seed", 6);
    expect(scenarioCacheStats()).toMatchObject({ entries: 2, misses: 2 });
  });

  it("options move what they should: more equity means a dearer guarantee; expenses lower the CE PV and leave the TVFOG", () => {
    const base = va("scenarios", 400);
    const cash = va("scenarios", 400, "equity_share", 0);
    expect(value(cash, "tvfog")).toBeGreaterThan(value(base, "tvfog"));
    const costly = va("scenarios", 400, "expense_maint", 100);
    expect(value(costly, "certainty-equivalent PV")).toBeLessThan(value(base, "certainty-equivalent PV"));
    // a deterministic expense changes the TVFOG only through the noise of the mean deflator: well inside one SE
    expect(Math.abs(value(costly, "tvfog") - value(base, "tvfog"))).toBeLessThan(value(base, "standard error"));
  });

  it("every example evaluates", () => {
    for (const spec of tvfogFunctions) {
      expect(spec.examples.length).toBeGreaterThanOrEqual(2);
      for (const formula of spec.examples) {
        const names = new Map<string, CellMatrix>([
          ["VA_POINTS", POINTS],
          ["VA_SPECS", SPECS],
          ["MORTALITY", MORTALITY],
          ["LAPSE", LAPSE],
        ]);
        expect(() => evaluateWithRegistry(formula, names), formula).not.toThrow();
      }
    }
  });

  it("bad input: clear errors naming the argument; never NaN", () => {
    const base: Argument[] = [POINTS, SPECS, terms, rates, 0.02, 0.0115, 0.263, -0.4, "mortality", MORTALITY];
    const withArg = (k: number, x: Argument) => base.map((v, i) => (i === k ? x : v));
    expect(errorOf(withArg(4, 0)).message).toMatch(/^a: 0 is not a mean reversion speed > 0/);
    expect(errorOf(withArg(5, -0.01)).message).toMatch(/^sigma: -0.01 is not a volatility > 0/);
    expect(errorOf(withArg(6, -0.2)).message).toMatch(/^equity_vol: -0.2 is not a volatility >= 0/);
    expect(errorOf(withArg(7, 1.4)).message).toMatch(/^correlation: 1.4 is not a correlation in \[−1, 1\]/);
    expect(errorOf(withArg(0, 3)).message).toMatch(/^model_points: is a single value/);
    expect(errorOf(withArg(2, [[5], [3], [15], [20], [25], [30]])).message).toMatch(/^terms \(row 2 of the range\): /);
    expect(errorOf([...base, "scenarios"]).message).toMatch(/^tables: has 3 arguments; give pairs/);
    expect(errorOf([...base, "volatility", 0.2]).message).toMatch(/^tables: pair 2: unknown name "volatility"/);
    expect(errorOf([...base, "scenarios", 2.5]).message).toMatch(/^tables: "scenarios": 2.5 is not a whole number of scenarios >= 2/);
    expect(errorOf([...base, "scenarios", 7]).message).toMatch(/^scenarios: 7 is odd; antithetic variates come in pairs/);
    expect(errorOf([...base, "equity_share", 1.5]).message).toMatch(/^tables: "equity_share": 1.5 is not a share/);
    expect(errorOf([...base, "generator", "HALTON"]).message).toMatch(/^tables: "generator": "HALTON" is not PSEUDO or SOBOL/);
    const badSpec = POINTS.map((r, i) => (i === 2 ? [r[0], "XYZ", ...r.slice(2)] : r)) as CellMatrix;
    expect(errorOf(withArg(0, badSpec)).message).toMatch(/^model_points: row 2, column spec_id: "XYZ" is not a spec_id of the product spec table/);
    const sexed = [["age", "sex", "q"], ...Array.from({ length: 103 }, (_, k) => [[18 + k, "M", 0.01], [18 + k, "F", 0.008]]).flat()] as CellMatrix;
    expect(errorOf(withArg(9, sexed)).message).toMatch(/^tables: "mortality" has rates by sex/);
    const young = [["age", "q"], [60, 0.01], [61, 0.01]] as CellMatrix;
    expect(errorOf(withArg(9, young)).message).toMatch(/^mortality: model point row 1 reaches attained ages/);
  });
});

describe("the Excel wrappers (in-process, as in Node)", () => {
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

  it("TVFOG spills; TVFOG.VA resolves to the registry's table, or rejects with #VALUE! naming the argument", async () => {
    const fns = await import("../../src/functions/excel/tvfog");
    const simple = fns.tvfog([[1], [2], [4]], 1);
    expect(simple[0]?.[0]).toBe("tvfog");
    expect(simple[0]?.[1]).toBeCloseTo(4 / 3, 14);
    const out = await fns.tvfogVa(POINTS, SPECS, terms, rates, 0.02, 0.0115, [[0.263]], -0.4, [[["mortality"]], MORTALITY, [["lapse"]], LAPSE, [["scenarios"]], [[200]]], {});
    expect(out).toEqual(va("scenarios", 200));
    await expect(fns.tvfogVa(POINTS, SPECS, terms, rates, -1, 0.0115, [[0.263]], -0.4, [], {})).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^a: -1 is not a mean reversion speed/) });
  });
});
