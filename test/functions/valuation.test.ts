import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { evaluateWithRegistry } from "../../src/cli/evaluate";
import { fitCurve } from "../../src/core/curves";
import type { Argument } from "../../src/functions/args";
import type { CellMatrix } from "../../src/functions/cells";
import { callFunction, findFunction, listFunctions } from "../../src/functions/registry";
import { valuationFunctions } from "../../src/functions/valuation";
import { mcevErrorOf } from "../helpers";

const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0173], [0.0243], [0.0274], [0.0275], [0.0265], [0.0255]];
const eur = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0173, 0.0243, 0.0274, 0.0275, 0.0265, 0.0255] });
const col = (...xs: number[]) => xs.map((x) => [x]);
const call = (name: string, ...args: Argument[]) => callFunction(name, args);
const errorOf = (name: string, ...args: Argument[]) => mcevErrorOf(() => callFunction(name, args));

describe("valuation functions in the registry", () => {
  it("are registered with the contract's parameters, in order", () => {
    const sig = Object.fromEntries(listFunctions().map((f) => [f.name, f.parameters.map((p) => p.name + (p.optional ? "?" : "")).join(",")]));
    expect(sig).toMatchObject({
      FCRC: "rc,terms,rates,tax,invexp?,method?",
      CORNHR: "nhrbc,terms,rates,coc,tax?,method?",
      NHRBC: "impacts,correlation",
      VIF: "pvfp,tvfog,fcrc,cornhr",
      COMPONENTS: "snw,rc,pvfp,tvfog,fcrc,cornhr,headers?",
      PVNBP: "premiums,terms,rates,timing?,method?",
      NBMARGIN: "vnb,pvnbp",
      IRR: "cashflows,times?",
      IDR: "cashflows,times?,value?",
      RDR: "govt10y,margin",
      COLI: "capital,rdr,return_rate,tax",
      TEV: "anav,pvfp_rdr,coli,table?",
    });
    expect(findFunction("mcev.cornhr")?.name).toBe("CORNHR");
  });

  it("every example evaluates without error", () => {
    for (const spec of valuationFunctions) {
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(1);
      for (const formula of spec.examples) expect(() => evaluateWithRegistry(formula), formula).not.toThrow();
    }
  });

  it("FCRC and CORNHR: hand formulas on the EUR curve; rows and columns alike; the method is passed on", () => {
    const rc = [100, 90, 80];
    let hand = 0;
    rc.forEach((c, i) => {
      const t = i + 1;
      const f = eur.discount(t - 1) / eur.discount(t) - 1;
      hand += eur.discount(t) * c * (f * 0.33 + 0.001 * 0.67);
    });
    expect(call("FCRC", col(...rc), terms, rates, 0.33, 0.001)).toBeCloseTo(-hand, 12);
    expect(call("FCRC", [rc], [[5, 10, 15, 20, 25, 30]], [[0.0173, 0.0243, 0.0274, 0.0275, 0.0265, 0.0255]], 0.33, 0.001)).toBeCloseTo(-hand, 12);
    expect(call("FCRC", col(...rc), terms, rates, 0.33, null, "LINEAR")).not.toBe(call("FCRC", col(...rc), terms, rates, 0.33));
    const cornhr = -0.04 * (100 * eur.discount(1) + 90 * eur.discount(2) + 80 * eur.discount(3));
    expect(call("CORNHR", col(...rc), terms, rates, 0.04)).toBeCloseTo(cornhr, 12);
    expect(call("CORNHR", col(...rc), terms, rates, 0.04, 0.33)).toBeCloseTo(cornhr * 0.67, 12);
  });

  it("NHRBC: a 3 × 3 example by hand; the matrix must match the impacts", () => {
    const c = [
      [1, 0.25, 0],
      [0.25, 1, 0.5],
      [0, 0.5, 1],
    ];
    const q = 120 ** 2 + 80 ** 2 + 50 ** 2 + 2 * (0.25 * 120 * 80 + 0.5 * 80 * 50);
    expect(call("NHRBC", col(-120, -80, -50), c)).toBeCloseTo(Math.sqrt(q), 10);
    expect(call("NHRBC", [[-120, -80, -50]], c)).toBeCloseTo(Math.sqrt(q), 10);
    expect(errorOf("NHRBC", col(-120, -80), c).message).toBe(
      "correlation: is a 3 × 3 range but impacts has 2 values; expected a 2 × 2 matrix, one row and one column per risk",
    );
    const notPsd = errorOf("NHRBC", col(-1, -1, -1), [
      [1, 0.9, -0.9],
      [0.9, 1, 0.9],
      [-0.9, 0.9, 1],
    ]);
    expect(notPsd.code).toBe("NUM");
    expect(notPsd.message).toMatch(/^correlation \(row 3, column 3 of the range\): is not positive semi-definite/);
    const asym = errorOf("NHRBC", col(-1, -1), [
      [1, 0.2],
      [0.3, 1],
    ]);
    expect(asym.message).toBe("correlation (row 2, column 1 of the range): 0.3 differs from 0.2 in row 1, column 2; a correlation matrix is symmetric");
    expect(errorOf("NHRBC", [[-1, 2], [3, 4]], [[1]]).message).toMatch(/^impacts: is a 2 × 2 range; expected one row or one column/);
  });

  it("VIF and COMPONENTS: seed 003 Table 1 (2010), with and without headers", () => {
    expect(call("VIF", 1631.7, -9.8, -44.9, -441.9)).toBe(1135.1);
    const table = call("COMPONENTS", 1075.8, 525.4, 1631.7, -9.8, -44.9, -441.9) as CellMatrix;
    expect(table.map((r) => r[1])).toEqual([1075.8, 525.4, 550.4, 1135.1, 1631.7, -9.8, -44.9, -441.9, 2210.9]);
    expect(table[2]?.[0]).toBe("Free surplus (FS)");
    expect(table[8]?.[0]).toBe("Market consistent embedded value (MCEV)");
    const withHeaders = call("COMPONENTS", 1075.8, 525.4, 1631.7, -9.8, -44.9, -441.9, true) as CellMatrix;
    expect(withHeaders[0]).toEqual(["Component", "Value"]);
    expect(withHeaders.slice(1)).toEqual(table);
  });

  it("positive costs are refused with a message naming the argument", () => {
    const e = errorOf("VIF", 1631.7, -9.8, 44.9, -441.9);
    expect(e.code).toBe("VALUE");
    expect(e.message).toMatch(/^fcrc: 44.9 is positive; the frictional cost of required capital \(FCRC\) is a cost and is entered as a negative number \(e.g. -44.9\)/);
    expect(errorOf("COMPONENTS", 1075.8, 525.4, 1631.7, -9.8, -44.9, 441.9).message).toMatch(/^cornhr: 441.9 is positive/);
    expect(errorOf("TEV", 282.6, 639.5, 64.5).message).toMatch(/^coli: 64.5 is positive/);
  });

  it("negative capital is refused with the argument and its position", () => {
    expect(errorOf("FCRC", col(100, -5, 80), terms, rates, 0.33).message).toBe("rc (row 2 of the range): -5 is negative; required capital is an amount >= 0");
    expect(errorOf("CORNHR", [[100, 90, -1]], terms, rates, 0.04).message).toMatch(/^nhrbc \(column 3 of the range\): -1 is negative/);
    expect(errorOf("COLI", col(100, -1), 0.072, 0.03, 0.3).message).toMatch(/^capital \(row 2 of the range\): -1 is negative/);
    expect(errorOf("COMPONENTS", 1075.8, -525.4, 1631.7, -9.8, -44.9, -441.9).message).toMatch(/^rc: -525.4 is negative/);
  });

  it("PVNBP: BEGIN by default (premiums in advance); MID and END as asked", () => {
    const p = col(100, 90, 80);
    expect(call("PVNBP", p, terms, rates)).toBeCloseTo(100 + 90 * eur.discount(1) + 80 * eur.discount(2), 12);
    expect(call("PVNBP", p, terms, rates, "BEGIN")).toBe(call("PVNBP", p, terms, rates));
    expect(call("PVNBP", p, terms, rates, 0)).toBe(call("PVNBP", p, terms, rates)); // a blank cell on Excel desktop
    expect(call("PVNBP", p, terms, rates, "end")).toBeCloseTo(100 * eur.discount(1) + 90 * eur.discount(2) + 80 * eur.discount(3), 12);
    expect(call("PVNBP", p, terms, rates, "MID")).toBeCloseTo(100 * eur.discount(0.5) + 90 * eur.discount(1.5) + 80 * eur.discount(2.5), 12);
    expect(errorOf("PVNBP", p, terms, rates, "ANNUAL").message).toMatch(/^timing: unknown timing "ANNUAL"/);
  });

  it("NBMARGIN: 123.7 / 4298.4; #NUM! for PVNBP 0", () => {
    expect(call("NBMARGIN", 123.7, 4298.4)).toBe(123.7 / 4298.4);
    expect(errorOf("NBMARGIN", 123.7, 0).code).toBe("NUM");
  });

  it("IRR and IDR: times default, mismatched lengths, no sign change", () => {
    expect(call("IRR", col(-100, 110))).toBeCloseTo(0.1, 12);
    expect(call("IRR", [[-100, 0, 121]])).toBeCloseTo(0.1, 12);
    expect(call("IRR", col(-100, 121), col(0, 2))).toBeCloseTo(0.1, 12);
    expect(errorOf("IRR", col(-100, 30, 40), col(0, 1)).message).toBe("times: has 2 values but cashflows has 3; give one time per cash flow");
    const none = errorOf("IRR", col(100, 30, 40));
    expect([none.code, none.message]).toEqual(["NUM", "cashflows: no sign change in the cash flows: no IRR"]);
    expect(call("IDR", col(30, 40, 50), null, 100)).toBeCloseTo(call("IRR", col(-100, 30, 40, 50)) as number, 12);
    expect(call("IDR", col(-100, 30, 40, 50))).toBe(call("IRR", col(-100, 30, 40, 50)));
    expect(errorOf("IDR", col(30, 40), col(1, 2, 3), 100).argument).toBe("times");
  });

  it("RDR: seed 001's 7.20%, 7.74%, 7.80%; COLI closed form; TEV 857.6 and its table", () => {
    expect(call("RDR", 0.037, 0.035)).toBe(0.072);
    expect(call("RDR", 0.0424, 0.035)).toBe(0.0774);
    expect(call("RDR", 0.043, 0.035)).toBe(0.078);
    const j = 0.039;
    const v = 1 / 1.072;
    expect(call("COLI", col(100, 100, 100, 100, 100), 0.072, j, 0)).toBeCloseTo((-100 * (0.072 - j) * (1 - v ** 5)) / 0.072, 12);
    expect(call("TEV", 282.6, 639.5, -64.5)).toBe(857.6);
    expect(call("TEV", 282.6, 639.5, -64.5, true)).toEqual([
      ["Adjusted net asset value (ANAV)", 282.6],
      ["Value of in-force before cost of locking-in (PVIF)", 639.5],
      ["Cost of locking-in the solvency margin (COLI)", -64.5],
      ["Value of in-force after cost of locking-in", 575],
      ["Embedded value (EV)", 857.6],
    ]);
  });
});

/** The JSDoc wrappers as Excel calls them, with a stand-in for the CustomFunctions global. */
class StubError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" };

describe("Excel wrappers", () => {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: StubError, ErrorCode };
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

  it("spill the tables, return scalars, and turn errors into #VALUE! / #NUM!", async () => {
    const fns = await import("../../src/functions/excel/valuation");
    expect(fns.components(1075.8, 525.4, 1631.7, -9.8, -44.9, -441.9)).toHaveLength(9);
    expect(fns.tev(282.6, 639.5, -64.5)).toEqual([[857.6]]);
    expect(fns.rdr(0.037, 0.035)).toBe(0.072);
    expect(fns.irr([[-100], [110]])).toBeCloseTo(0.1, 12);
    expect(fns.pvnbp([[100]], terms, rates, undefined, null)).toBe(100);
    const value = thrown(() => fns.vif(1631.7, 9.8, -44.9, -441.9));
    expect(value.code).toBe("#VALUE!");
    expect(value.message).toMatch(/^tvfog: 9.8 is positive/);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(thrown(() => fns.irr([[1], [2]])).code).toBe("#NUM!");
    expect(warn).toHaveBeenCalledWith("#NUM!: cashflows: no sign change in the cash flows: no IRR");
    warn.mockRestore();
  });
});
