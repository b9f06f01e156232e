import fc from "fast-check";
import { mcevErrorOf } from "../helpers";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/cli/csv";
import {
  evaluateFormula,
  formatResult,
  formatResultJson,
  parseFormula,
  type FormulaContext,
} from "../../src/cli/formula";
import { McevError } from "../../src/core/errors";
import type { CellMatrix, CellValue } from "../../src/functions/cells";

type Args = (CellValue | CellMatrix)[];

/** A context whose functions record their calls; F.SUM adds numbers, F.ECHO returns its first argument, MCEV.* return 0. */
function fakeContext(names: Record<string, CellMatrix> = {}) {
  const calls: { name: string; args: Args }[] = [];
  const ctx: FormulaContext = {
    names: new Map(Object.entries(names)),
    callFunction(name, args) {
      calls.push({ name, args });
      if (name === "F.SUM") {
        let s = 0;
        for (const a of args) {
          if (Array.isArray(a)) for (const row of a) for (const v of row) s += typeof v === "number" ? v : 0;
          else if (typeof a === "number") s += a;
        }
        return s;
      }
      if (name === "F.ECHO") return args[0] ?? null;
      if (name.startsWith("MCEV.")) return 0;
      throw new McevError("VALUE", `unknown function ${name}`);
    },
  };
  return { ctx, calls };
}

const ev = (text: string, names: Record<string, CellMatrix> = {}) => evaluateFormula(text, fakeContext(names).ctx);

const errorOf = mcevErrorOf;

describe("literals", () => {
  it.each([
    ["=1", 1],
    ["1.5", 1.5],
    ["=.5", 0.5],
    ["=1e-3", 0.001],
    ["=1E+3", 1000],
    ["=2.", 2],
    ["=5%", 0.05],
    ["=  7  ", 7],
    ["  =  7", 7],
  ])("%s → %s", (f, v) => expect(ev(f)).toBe(v));

  it("strings with doubled quotes", () => {
    expect(ev('="say ""hi"""')).toBe('say "hi"');
    expect(ev('=""')).toBe("");
  });

  it("booleans, case-insensitive", () => {
    expect(ev("=TRUE")).toBe(true);
    expect(ev("=false")).toBe(false);
    expect(ev("=True")).toBe(true);
  });

  it("array constants", () => {
    expect(ev("={1,2;3,4}")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(ev('={-1, +2.5, "a,b", TRUE; 1e-3, -.5, "", false}')).toEqual([
      [-1, 2.5, "a,b", true],
      [0.001, -0.5, "", false],
    ]);
    expect(ev("={1;2;3}")).toEqual([[1], [2], [3]]);
    expect(ev("={5}")).toEqual([[5]]);
  });
});

describe("operators and precedence", () => {
  it.each<[string, CellValue]>([
    ["=1+2*3", 7],
    ["=(1+2)*3", 9],
    ["=-2^2", 4],
    ["=0-2^2", -4],
    ["=2^3^2", 64],
    ["=2^-1", 0.5],
    ["=50%*2", 1],
    ["=200%%", 0.02],
    ["=2^50%", Math.SQRT2],
    ["=10-4-3", 3],
    ["=12/2/3", 2],
    ["=--3", 3],
    ["=+-3", -3],
    ["=1+-1", 0],
    ['="a"&1', "a1"],
    ['="x"&1+2', "x3"],
    ['=1&2=12', false], // "12" (text) = 12 (number) is FALSE in Excel
    ['=1&2="12"', true],
    ["=TRUE&FALSE", "TRUEFALSE"],
    ["=0.1&\"\"", "0.1"],
    ["=1<2", true],
    ["=2<=2", true],
    ["=3>=4", false],
    ["=1<>1", false],
    ['="abc"="ABC"', true],
    ['="a"<"B"', true],
    ['=1<"a"', true], // numbers sort before text
    ['="z"<TRUE', true], // text sorts before booleans
    ["=1+2>2", true],
    ['="3"*2', 6], // numeric text converts in arithmetic
    ["=TRUE+TRUE", 2],
    ['=+"text"', "text"], // unary plus is a no-op, as in Excel
  ])("%s → %s", (f, v) => expect(ev(f)).toBe(v));

  it("element-wise arithmetic on ranges", () => {
    expect(ev("={1,2;3,4}*2")).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(ev("=-{1,2}")).toEqual([[-1, -2]]);
    expect(ev("={10,50}%")).toEqual([[0.1, 0.5]]);
    expect(ev("={1,2}={1,3}")).toEqual([[true, false]]);
    expect(ev('={1,2}&"x"')).toEqual([["1x", "2x"]]);
  });

  it("broadcasts a column against a row", () => {
    expect(ev("={1;2}+{10,20}")).toEqual([
      [11, 21],
      [12, 22],
    ]);
    expect(ev("={1,2;3,4}-{1,2}")).toEqual([
      [0, 0],
      [2, 2],
    ]);
    expect(ev("={1,2;3,4}*{10;100}")).toEqual([
      [10, 20],
      [300, 400],
    ]);
    expect(ev("={7}+{1,2}")).toEqual([[8, 9]]);
  });

  it("rejects mismatched range sizes", () => {
    const e = errorOf(() => ev("={1,2,3}+{1,2}"));
    expect(e.code).toBe("VALUE");
    expect(e.message).toBe('formula: the operator "+" at position 9 cannot combine a 1×3 range with a 1×2 range');
  });

  it("blank counts as 0 in arithmetic and as empty text in &", () => {
    const names = { blank: [[null]] as CellMatrix, r: [[1, null, 3]] as CellMatrix };
    expect(ev("=blank+1", names)).toEqual([[1]]);
    expect(ev('=blank&"x"', names)).toEqual([["x"]]);
    expect(ev("=r*2", names)).toEqual([[2, 0, 6]]);
    expect(ev("=r=0", names)).toEqual([[false, true, false]]);
    expect(ev('=r=""', names)).toEqual([[false, true, false]]);
  });

  it("an operator on scalars gives a scalar", () => {
    expect(ev("=F.ECHO(2)*3")).toBe(6);
    expect(ev("=F.ECHO({2})*3")).toEqual([[6]]);
  });
});

describe("function calls", () => {
  it("passes upper-cased names and evaluated arguments", () => {
    const { ctx, calls } = fakeContext({ Terms: [[1], [2]] });
    const r = evaluateFormula('=f.echo(mcev.hw.swaption(1, "a", TRUE, {1,2}, terms, -1+2))', ctx);
    expect(calls).toEqual([
      { name: "MCEV.HW.SWAPTION", args: [1, "a", true, [[1, 2]], [[1], [2]], 1] },
      { name: "F.ECHO", args: [0] },
    ]);
    expect(r).toBe(0);
  });

  it("nested calls", () => {
    const { ctx, calls } = fakeContext();
    expect(evaluateFormula("=F.SUM(F.SUM(1,2), F.ECHO(F.SUM({1,2;3,4})), 0.5)", ctx)).toBe(13.5);
    expect(calls.map((c) => c.name)).toEqual(["F.SUM", "F.SUM", "F.ECHO", "F.SUM"]);
    expect(calls[3]?.args).toEqual([3, 10, 0.5]);
  });

  it("omitted arguments are null", () => {
    const { ctx, calls } = fakeContext();
    evaluateFormula("=F.SUM(1, 2, 3, , 0.042)", ctx);
    evaluateFormula("=F.SUM(1,)", ctx);
    evaluateFormula("=F.SUM(,)", ctx);
    evaluateFormula("=F.SUM( )", ctx);
    evaluateFormula("=F.SUM()", ctx);
    evaluateFormula("=F.SUM(,1)", ctx);
    expect(calls.map((c) => c.args)).toEqual([[1, 2, 3, null, 0.042], [1, null], [null, null], [], [], [null, 1]]);
  });

  it("errors thrown by the function pass through", () => {
    const e = errorOf(() => ev("=NOPE(1)"));
    expect(e.message).toBe("unknown function NOPE");
  });
});

describe("names", () => {
  const names = { my_rates: [[0.01, 0.02]] as CellMatrix, Rates2: [[1]] as CellMatrix };

  it("are case-insensitive and give matrices", () => {
    expect(ev("=MY_RATES", names)).toEqual([[0.01, 0.02]]);
    expect(ev("=rates2*3", names)).toEqual([[3]]);
  });

  it("are copied, so the caller's ranges are not shared", () => {
    const { ctx, calls } = fakeContext(names);
    evaluateFormula("=F.ECHO(my_rates)", ctx);
    const arg = calls[0]?.args[0] as CellMatrix;
    expect(arg).toEqual(names.my_rates);
    expect(arg).not.toBe(names.my_rates);
  });

  it("an unknown name is an error naming it", () => {
    const e = errorOf(() => ev("=1 + terms", names));
    expect(e.code).toBe("VALUE");
    expect(e.message).toBe('formula: unknown name "terms" at position 6');
  });
});

describe("errors", () => {
  const message = (f: string) => errorOf(() => ev(f)).message;

  it("unbalanced parentheses", () => {
    expect(message("=(1+2")).toBe('formula: unexpected end of formula at position 6; expected an operator or ")" to close "(" at position 2');
    expect(message("=F.SUM(1,2")).toBe(
      'formula: unexpected end of formula at position 11; expected "," or ")" to close "(" at position 7',
    );
    expect(message("=1+2)")).toBe(
      'formula: unexpected ")" at position 5; expected an operator or the end of the formula (no "(" to close)',
    );
    expect(message("=F.SUM(1+)")).toBe('formula: unexpected ")" at position 10; expected a value');
  });

  it("syntax errors have code VALUE", () => {
    expect(errorOf(() => parseFormula("=(")).code).toBe("VALUE");
  });

  it("unterminated string", () => {
    expect(message('=1&"abc')).toBe("formula: unterminated string starting at position 4");
    expect(message('="a""')).toBe("formula: unterminated string starting at position 2");
  });

  it("ragged array constant", () => {
    expect(message("={1,2;3}")).toBe(
      "formula: the array constant at position 2 has rows of different lengths (row 1 has 2 values, row 2 has 1)",
    );
  });

  it("bad array elements", () => {
    expect(message("={1,,2}")).toBe('formula: unexpected "," at position 5; expected a number, text, TRUE or FALSE in the array constant');
    expect(message("={1+2}")).toBe('formula: unexpected "+" at position 4; expected ",", ";" or "}" to close "{" at position 2');
    expect(message("={x}")).toBe('formula: unexpected name "x" at position 3; expected a number, text, TRUE or FALSE in the array constant');
  });

  it("other syntax errors", () => {
    expect(message("")).toBe("formula: the formula is empty");
    expect(message("=")).toBe("formula: the formula is empty");
    expect(message("=1 2")).toBe("formula: unexpected number 2 at position 4; expected an operator or the end of the formula");
    expect(message("=1$")).toBe('formula: unexpected character "$" at position 3');
    expect(message("=1.2.3")).toBe('formula: unexpected character "." at position 5; a number ends at position 4');
    expect(message("=1e")).toBe('formula: unexpected character "e" at position 3; a number ends at position 2');
    expect(message("=1e999")).toBe("formula: number 1e999 at position 2 is out of range");
    expect(message("=*2")).toBe('formula: unexpected "*" at position 2; expected a value');
    expect(message("==1")).toBe('formula: unexpected "=" at position 2; expected a value');
    expect(message("=" + "(".repeat(300) + "1" + ")".repeat(300))).toBe("formula: the formula is nested more than 256 levels deep");
  });

  it("division by zero has code NUM", () => {
    const e = errorOf(() => ev("=1/(2-2)"));
    expect(e.code).toBe("NUM");
    expect(e.message).toBe("formula: division by zero at position 3");
    expect(errorOf(() => ev("={1,2}/{1,0}")).code).toBe("NUM");
    expect(errorOf(() => ev("=0^-1")).code).toBe("NUM");
  });

  it("non-finite results have code NUM", () => {
    expect(errorOf(() => ev("=(-8)^(1/3)")).code).toBe("NUM");
    expect(errorOf(() => ev("=1e308*10")).code).toBe("NUM");
    expect(errorOf(() => ev("=0^0")).code).toBe("NUM");
  });

  it("text in arithmetic names the operator", () => {
    expect(message('=1+"abc"')).toBe('formula: the operator "+" at position 3 needs numbers, got text "abc"');
    expect(message('=-"abc"')).toBe('formula: the operator "-" at position 2 needs numbers, got text "abc"');
    expect(message('={1,"x"}*2')).toBe('formula: the operator "*" at position 9 needs numbers, got text "x"');
    expect(message('="x"%')).toBe('formula: the operator "%" at position 5 needs numbers, got text "x"');
  });
});

describe("parseFormula", () => {
  it("builds an AST", () => {
    expect(parseFormula("=mcev.df(x, , -1%)")).toEqual({
      kind: "call",
      name: "MCEV.DF",
      pos: 2,
      args: [
        { kind: "name", name: "x", pos: 10 },
        { kind: "omitted", pos: 13 },
        {
          kind: "percent",
          pos: 17,
          operand: { kind: "unary", op: "-", pos: 15, operand: { kind: "number", value: 1, pos: 16 } },
        },
      ],
    });
  });
});

describe("formatResult", () => {
  it.each<[CellValue | CellMatrix, string]>([
    [0.1 + 0.2, "0.30000000000000004"],
    [0.1, "0.1"],
    [1e21, "1e+21"],
    [-0, "0"],
    [1e-7, "1e-7"],
    [-2.5, "-2.5"],
    [true, "TRUE"],
    [false, "FALSE"],
    [null, ""],
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    [
      [
        [1, "x,y", null],
        [true, 0.5, ""],
      ],
      '1,"x,y",\nTRUE,0.5,',
    ],
    [[], ""],
  ])("%j → %j", (v, s) => expect(formatResult(v)).toBe(s));

  it("formatResultJson", () => {
    expect(formatResultJson(1.5)).toBe("[[1.5]]");
    expect(formatResultJson(null)).toBe("[[null]]");
    expect(formatResultJson([[1, "a"], [true, null]])).toBe('[[1,"a"],[true,null]]');
  });
});

describe("properties", () => {
  it("evaluateFormula(String(x)) is exactly x for finite doubles", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = evaluateFormula(String(x), fakeContext().ctx);
        expect(r).toBe(x === 0 ? 0 : x); // String(-0) is "0"
        expect(evaluateFormula("=" + String(x), fakeContext().ctx)).toBe(r);
      }),
      { numRuns: 2000 },
    );
  });

  it("parseCsv(formatResult(m)) is m for matrices of finite numbers", () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
      .chain(([r, c]) =>
        fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: c, maxLength: c }), {
          minLength: r,
          maxLength: r,
        }),
      );
    fc.assert(
      fc.property(matrix, (m) => {
        const expected = m.map((row) => row.map((x) => (x === 0 ? 0 : x)));
        expect(parseCsv(formatResult(m), "m.csv")).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
