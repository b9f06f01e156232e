import { mcevErrorOf } from "../helpers";
import { describe, expect, it } from "vitest";
import { McevError } from "../../src/core";
import { callFunction, findFunction, listFunctions } from "../../src/functions/registry";
import type { Argument } from "../../src/functions/args";

const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0173], [0.0243], [0.0274], [0.0275], [0.0265], [0.0255]];

const errorOf = (name: string, args: Argument[]): McevError => mcevErrorOf(() => callFunction(name, args));

describe("registry", () => {
  it("finds functions by bare, namespaced and lower-case names", () => {
    expect(findFunction("DF")?.name).toBe("DF");
    expect(findFunction("MCEV.DF")?.name).toBe("DF");
    expect(findFunction("mcev.pvfp")?.name).toBe("PVFP");
    expect(findFunction("MCEV.NOPE")).toBeUndefined();
  });

  it("lists the curve and present-value functions of the contract, with their parameters in order", () => {
    const sig = Object.fromEntries(listFunctions().map((f) => [f.name, f.parameters.map((p) => p.name + (p.optional ? "?" : "")).join(",")]));
    expect(sig.DF).toBe("terms,rates,t,method?,ufr?,alpha?,llp?");
    expect(sig.ZERO).toBe("terms,rates,t,method?,ufr?,alpha?,llp?");
    expect(sig.FWD).toBe("terms,rates,t1,t2,method?,ufr?,alpha?,llp?");
    expect(sig.SWALPHA).toBe("terms,rates,ufr,llp?");
    expect(sig.PV?.startsWith("cashflows,times,terms,rates,method?,shift?")).toBe(true);
    expect(sig.PVFP?.startsWith("profits,terms,rates,timing?,shift?,method?")).toBe(true);
  });
});

describe("shapes: a range of t spills a result of the same shape", () => {
  it("column in, column out; row in, row out; scalar in, scalar out", () => {
    const col = callFunction("DF", [terms, rates, [[1], [7], [45]]]) as number[][];
    expect(col).toHaveLength(3);
    expect(col.every((r) => r.length === 1)).toBe(true);
    const row = callFunction("DF", [terms, rates, [[1, 7, 45]]]) as number[][];
    expect(row).toHaveLength(1);
    expect(row[0]).toHaveLength(3);
    expect(row[0]).toEqual(col.map((r) => r[0]));
    const scalar = callFunction("DF", [terms, rates, 7]);
    expect(scalar).toBe(col[1]?.[0]);
    const block = callFunction("ZERO", [terms, rates, [[1, 2], [3, 4]], "LINEAR"]) as number[][];
    expect(block).toEqual([[0.0173, 0.0173], [0.0173, 0.0173]]);
  });

  it("terms and rates may be rows or columns", () => {
    const a = callFunction("DF", [terms, rates, 12]);
    const b = callFunction("DF", [[terms.map((r) => r[0] as number)], [rates.map((r) => r[0] as number)], 12]);
    expect(a).toBe(b);
  });

  it("FWD takes ranges of t1 and t2 of the same size, or one single value", () => {
    const f = callFunction("FWD", [terms, rates, [[0], [10]], [[1], [11]], "LOGLINEAR"]) as number[][];
    expect(f).toHaveLength(2);
    const g = callFunction("FWD", [terms, rates, 0, [[1], [11]], "LOGLINEAR"]) as number[][];
    expect(g[0]?.[0]).toBe(f[0]?.[0]);
    // forward over [0, t] is the zero rate at t
    expect(g[1]?.[0]).toBeCloseTo(callFunction("ZERO", [terms, rates, 11, "LOGLINEAR"]) as number, 15);
  });
});

describe("Excel desktop passes blank cells as 0", () => {
  it("0 in method, timing, ufr, alpha and llp means not given: same numbers as blank (web) cells", () => {
    const web = callFunction("DF", [terms, rates, [[7]], null, null, null, null]);
    expect(callFunction("DF", [terms, rates, [[7]], 0, 0, 0, 0])).toEqual(web);
    const sw = callFunction("DF", [terms, rates, [[7]], "SMITHWILSON", 0.042, null, null]);
    expect(callFunction("DF", [terms, rates, [[7]], "SMITHWILSON", 0.042, 0, 0])).toEqual(sw);
    const pv = callFunction("PVFP", [[[1], [2]], terms, rates, null, null, null]);
    expect(callFunction("PVFP", [[[1], [2]], terms, rates, 0, 0, 0, 0, 0, 0])).toBe(pv);
  });
});

describe("present values", () => {
  it("PV of a single cash flow is the cash flow times its discount factor", () => {
    const pv = callFunction("PV", [[[250]], [[7]], terms, rates]) as number;
    expect(pv).toBeCloseTo(250 * (callFunction("DF", [terms, rates, 7]) as number), 12);
  });

  it("PV is linear in the cash flows", () => {
    const a = [[100], [-20], [55.5]];
    const b = [[3], [0], [-7]];
    const times = [[0.5], [12], [41]];
    const pa = callFunction("PV", [a, times, terms, rates]) as number;
    const pb = callFunction("PV", [b, times, terms, rates]) as number;
    const sum = a.map((r, i) => [2 * (r[0] as number) + 3 * (b[i]?.[0] as number)]);
    expect(callFunction("PV", [sum, times, terms, rates]) as number).toBeCloseTo(2 * pa + 3 * pb, 10);
  });

  it("the shift is added to the annually compounded zero rates: on a flat 3% curve, +1% discounts at 4%", () => {
    const flatTerms = [[1], [30]];
    const flat = [[0.03], [0.03]];
    const pv = callFunction("PV", [[[100], [100]], [[1], [2]], flatTerms, flat, "LINEAR", 0.01]) as number;
    expect(pv).toBeCloseTo(100 / 1.04 + 100 / 1.04 ** 2, 12);
  });

  it("PVFP discounts year t at t (END), t − ½ (MID), t − 1 (BEGIN)", () => {
    const flatTerms = [[1], [30]];
    const flat = [[0.05], [0.05]];
    const profits = [[10], [20], [30]];
    const end = 10 / 1.05 + 20 / 1.05 ** 2 + 30 / 1.05 ** 3;
    expect(callFunction("PVFP", [profits, flatTerms, flat]) as number).toBeCloseTo(end, 12);
    expect(callFunction("PVFP", [profits, flatTerms, flat, "mid"]) as number).toBeCloseTo(end * Math.sqrt(1.05), 12);
    expect(callFunction("PVFP", [profits, flatTerms, flat, "BEGIN"]) as number).toBeCloseTo(end * 1.05, 12);
    // +100 bp then the same at −100 bp around the shifted base gives the base back
    expect(callFunction("PVFP", [profits, flatTerms, [[0.04], [0.04]], null, 0.01]) as number).toBeCloseTo(end, 12);
  });
});

describe("bad input: #VALUE! naming the argument and the position; never NaN", () => {
  const cases: [string, string, Argument[], string, RegExp][] = [
    ["terms not ascending", "DF", [[[5], [15], [10]], [[0.01], [0.02], [0.03]], 1], "VALUE", /^terms \(row 3 of the range\): 10 is not greater than the previous term 15/],
    ["mismatched lengths", "DF", [terms, [[0.01], [0.02]], 1], "VALUE", /^rates: has 2 values but terms has 6/],
    ["text inside rates", "ZERO", [terms, [[0.01], [0.02], ["2.7%"], [0.03], [0.03], [0.03]], 1], "VALUE", /^rates \(row 3 of the range\): is text "2.7%"; expected a number/],
    ["blank inside terms", "DF", [[[5, null, 15]], [[0.01, 0.02, 0.03]], 1], "VALUE", /^terms \(column 2 of the range\): is blank; expected a number/],
    ["empty string inside a block", "DF", [terms, rates, [[1, 2], ["", 4]]], "VALUE", /^t \(row 2, column 1 of the range\): is blank; expected a number/],
    ["boolean inside t", "DF", [terms, rates, [[1], [true]]], "VALUE", /^t \(row 2 of the range\): is the logical value TRUE; expected a number/],
    ["rate at −100%", "DF", [[[1], [2]], [[0.01], [-1.5]], 1], "VALUE", /^rates \(row 2 of the range\): -1.5 is at or below −100%/],
    ["negative t", "DF", [terms, rates, [[1], [-2]]], "VALUE", /^t \(row 2 of the range\): -2 is negative; expected a time >= 0/],
    ["unknown method", "ZERO", [terms, rates, 1, "cubic"], "VALUE", /^method: unknown method "cubic"/],
    ["SMITHWILSON without ufr", "DF", [terms, rates, 1, "SMITHWILSON"], "VALUE", /^ufr: SMITHWILSON needs an ultimate forward rate/],
    ["empty range", "DF", [[], rates, 1], "VALUE", /^terms: is an empty range/],
    ["missing required argument", "DF", [terms, rates], "VALUE", /^t: is missing/],
    ["too many arguments", "SWALPHA", [terms, rates, 0.042, 30, 1], "VALUE", /takes at most 4 arguments, got 5/],
    ["t2 before t1", "FWD", [terms, rates, 5, 4], "VALUE", /^t2: 4 is before t1 = 5/],
    ["t1 after a single t2", "FWD", [terms, rates, [[1], [9]], 5], "VALUE", /^t1 \(row 2 of the range\): 9 is after t2 = 5/],
    ["SWALPHA without ufr (a blank cell)", "SWALPHA", [terms, rates, null], "VALUE", /^ufr: SMITHWILSON needs an ultimate forward rate/],
    ["SWALPHA with ufr 0 (Excel desktop's blank cell)", "SWALPHA", [terms, rates, 0], "VALUE", /^ufr: SMITHWILSON needs an ultimate forward rate.*blank and 0 count as not given/],
    ["a UFR with a method that does not use it", "DF", [terms, rates, 7, "LINEAR", 0.042], "VALUE", /^ufr: only SMITHWILSON uses ufr/],
    ["a number as method", "DF", [terms, rates, 7, 3], "VALUE", /^method: is 3; expected text/],
    ["PV lengths", "PV", [[[1], [2]], [[1]], terms, rates], "VALUE", /^times: has 1 values but cashflows has 2/],
    ["PV negative time", "PV", [[[1], [2]], [[1], [-1]], terms, rates], "VALUE", /^times \(row 2 of the range\): -1 is negative/],
    ["unknown timing", "PVFP", [[[1]], terms, rates, "LATE"], "VALUE", /^timing: unknown timing "LATE"; expected END, MID or BEGIN/],
    ["a range where one value is expected", "PVFP", [[[1]], terms, rates, null, [[0.01], [0.02]]], "VALUE", /^shift: expected a single value, got a 2 × 1 range/],
    ["shift below −100%", "PV", [[[1]], [[10]], terms, rates, "LINEAR", -1.5], "NUM", /at or below −100%/],
  ];
  for (const [what, fn, args, code, message] of cases) {
    it(what, () => {
      const e = errorOf(fn, args);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
    });
  }

  it("a result that overflows is #NUM!, not Infinity", () => {
    const e = errorOf("DF", [[[1]], [[-0.999999]], 1e6, "LOGLINEAR"]);
    expect(e.code).toBe("NUM");
  });
});
