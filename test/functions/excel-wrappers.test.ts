import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The JSDoc wrappers as Excel calls them, with a stand-in for the CustomFunctions global of the
 * custom-functions runtime (Error with code and message, ErrorCode values as Office.js defines them).
 */
class StubError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

beforeAll(() => {
  (globalThis as Record<string, unknown>).CustomFunctions = { Error: StubError, ErrorCode };
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).CustomFunctions;
});

const fns = await import("../../src/functions/excel/curves");
const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0173], [0.0243], [0.0274], [0.0275], [0.0265], [0.0255]];

function thrown(f: () => unknown): StubError {
  try {
    f();
  } catch (e) {
    if (e instanceof StubError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("Excel wrappers", () => {
  it("DF spills a column for a column of t, and a 1 × 1 array for a single cell", () => {
    const out = fns.df(terms, rates, [[1], [7], [45]]);
    expect(out).toHaveLength(3);
    expect(out[0]?.[0]).toBeCloseTo(Math.pow(1.0173, -1), 2);
    expect(fns.df(terms, rates, 7 as unknown as number[][])).toEqual([[out[1]?.[0]]]);
  });

  it("omitted optional arguments arrive as null or undefined and mean the default", () => {
    const a = fns.zero(terms, rates, [[12]]);
    const b = fns.zero(terms, rates, [[12]], null, null, null, null);
    const c = fns.zero(terms, rates, [[12]], "", undefined, "", null);
    const d = fns.zero(terms, rates, [[12]], "MonotoneConvex");
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(d).toEqual(a);
  });

  it("the issue's example: ZERO with SMITHWILSON and UFR 4.2% reprices the 10-year node", () => {
    const out = fns.zero([[5], [10], [15], [20], [25], [30]], rates, [[1], [7], [10], [45]], "SMITHWILSON", 0.042);
    expect(out[2]?.[0]).toBeCloseTo(0.0243, 14);
  });

  it("bad input throws #VALUE! with the message naming the argument and position", () => {
    const e = thrown(() => fns.df([[5], [15], [10]], [[0.01], [0.02], [0.03]], [[1]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^terms \(row 3 of the range\): 10 is not greater than the previous term 15/);
    const blank = thrown(() => fns.pv([[100], [null]], [[1], [2]], terms, rates));
    expect(blank.code).toBe("#VALUE!");
    expect(blank.message).toBe("cashflows (row 2 of the range): is blank; expected a number");
  });

  it("numeric failure throws #NUM! (Excel shows no message for it)", () => {
    const e = thrown(() => fns.pv([[1]], [[10]], terms, rates, "LINEAR", -1.5));
    expect(e.code).toBe("#NUM!");
    expect(e.message).toBe("");
  });

  it("scalar functions return numbers", () => {
    expect(typeof fns.swalpha(terms, rates, 0.042)).toBe("number");
    expect(fns.pvfp([[100]], [[1], [30]], [[0.05], [0.05]])).toBeCloseTo(100 / 1.05, 12);
  });
});

describe("long calls: Web Worker protocol and cancelation", async () => {
  const projection = await import("../../src/functions/excel/projection");
  const { answer, unwrap } = await import("../../src/functions/worker/protocol");
  const { readRange } = await import("../triangles");
  const points = readRange("examples/projection/term_points.csv");
  const args = ["mortality", readRange("examples/assumptions/mortality.csv"), "zero_curve", readRange("examples/assumptions/zero_curve.csv"), "currency", "EUR"];

  it("PROJECT resolves to the registry's table (in-process where no Worker exists)", async () => {
    const table = await projection.project(points, args as unknown as unknown[][][], {} as CustomFunctions.CancelableInvocation);
    expect(table[0]?.[0]).toBe("month");
    expect(table).toHaveLength(26);
  });

  it("a canceled call rejects and does not compute", async () => {
    const invocation = {} as { onCanceled?: () => void };
    const pending = projection.projectpv(points, args as unknown as unknown[][][], invocation as CustomFunctions.CancelableInvocation);
    invocation.onCanceled?.();
    await expect(pending).rejects.toBeInstanceOf(StubError);
  });

  it("errors come back as CustomFunctions.Error with the message", async () => {
    const bad = projection.project(points, ["mortalty", readRange("examples/assumptions/mortality.csv")] as unknown as unknown[][][], {} as CustomFunctions.CancelableInvocation);
    await expect(bad).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^tables: pair 1: unknown name "mortalty"/) });
  });

  it("the worker's messages are structured-cloneable and round-trip errors", () => {
    const reply = answer({ name: "DF", args: [[[1], [2]], [[0.01], [-5]], 1] });
    expect(structuredClone(reply)).toEqual(reply);
    expect(() => unwrap(reply)).toThrow(/^rates \(row 2 of the range\): -5 is at or below −100%/);
    expect(unwrap(answer({ name: "DF", args: [[[1], [2]], [[0.01], [0.02]], 0] }))).toBe(1);
  });
});
