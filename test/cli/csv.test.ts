import { mcevErrorOf } from "../helpers";
import { describe, expect, it } from "vitest";
import { cellFromText, parseCsv } from "../../src/cli/csv";

const csv = (text: string) => parseCsv(text, "rates.csv");

const errorOf = mcevErrorOf;

describe("parseCsv", () => {
  it("reads numbers, text, booleans and blanks", () => {
    expect(csv("1,-2.5,1e-3,abc\nTRUE,false,,  7 ")).toEqual([
      [1, -2.5, 0.001, "abc"],
      [true, false, null, 7],
    ]);
  });

  it("LF and CRLF, with or without a trailing newline", () => {
    const expected = [
      [1, 2],
      [3, 4],
    ];
    expect(csv("1,2\n3,4")).toEqual(expected);
    expect(csv("1,2\n3,4\n")).toEqual(expected);
    expect(csv("1,2\r\n3,4\r\n")).toEqual(expected);
    expect(csv("1,2\r\n3,4")).toEqual(expected);
    expect(csv("1,2\r3,4\r")).toEqual(expected); // old Mac line ends
  });

  it("drops trailing empty lines but keeps empty lines in the middle", () => {
    expect(csv("1\n\n3\n\n\n")).toEqual([[1], [null], [3]]);
    expect(csv("1,2\n\n3,4")).toEqual([
      [1, 2],
      [null, null],
      [3, 4],
    ]);
  });

  it("strips a UTF-8 BOM", () => {
    expect(csv("\uFEFFa,1\n")).toEqual([["a", 1]]);
  });

  it("quoted fields: commas, doubled quotes, line breaks", () => {
    expect(csv('"a,b","say ""hi""","two\nlines","x\r\ny"\n')).toEqual([["a,b", 'say "hi"', "two\nlines", "x\r\ny"]]);
  });

  it("quoted numbers and booleans are converted, as Excel does; quoted empty is blank", () => {
    expect(csv('"1.5","TRUE","","  "')).toEqual([[1.5, true, null, "  "]]);
  });

  it("keeps text as written", () => {
    expect(csv(" hello , 0x10,Infinity,1e999,5%,$3,1,000")).toEqual([[" hello ", " 0x10", "Infinity", "1e999", "5%", "$3", 1, 0]]);
    expect(csv('5" pipe,x')).toEqual([['5" pipe', "x"]]); // a stray quote in an unquoted field is kept
  });

  it("pads short rows with blanks to the widest row", () => {
    expect(csv("1\n2,3,4\n5,6")).toEqual([
      [1, null, null],
      [2, 3, 4],
      [5, 6, null],
    ]);
  });

  it("a row of commas is a row of blanks", () => {
    expect(csv(",,\n1")).toEqual([
      [null, null, null],
      [1, null, null],
    ]);
  });

  it("an empty file is an error", () => {
    for (const text of ["", "\n", "\r\n\r\n", "\uFEFF"]) {
      const e = errorOf(() => csv(text));
      expect(e.code).toBe("VALUE");
      expect(e.message).toBe("rates.csv: the file is empty");
    }
  });

  it("an unterminated quoted field is an error", () => {
    expect(errorOf(() => csv('a\nb,"open\nmore')).message).toBe("rates.csv: line 2: a quoted field is not closed");
  });

  it("text after a closing quote is an error", () => {
    expect(errorOf(() => csv('x\n"a\nb"c,d')).message).toBe(
      "rates.csv: line 3: unexpected text after a closing quote (a quote inside a quoted field must be doubled)",
    );
  });

  it("reads 100k rows quickly", () => {
    const line = '0.0123,-4.5e-3,"quoted, text",TRUE,,42\n';
    const text = line.repeat(100_000);
    const t0 = performance.now();
    const m = csv(text);
    const ms = performance.now() - t0;
    expect(m.length).toBe(100_000);
    expect(m[99_999]).toEqual([0.0123, -0.0045, "quoted, text", true, null, 42]);
    expect(ms).toBeLessThan(2000);
  });
});

describe("cellFromText", () => {
  it.each([
    ["", null],
    ["0", 0],
    ["-0", -0],
    ["+5", 5],
    [".5", 0.5],
    ["5.", 5],
    ["1E+3", 1000],
    [" 12 ", 12],
    ["007", 7],
    ["true", true],
    [" FALSE ", false],
    ["TRUEX", "TRUEX"],
    ["0b1", "0b1"],
    ["0O7", "0O7"],
    ["-Infinity", "-Infinity"],
    ["NaN", "NaN"],
    ["1_000", "1_000"],
  ])("%j → %j", (text, value) => expect(cellFromText(text)).toBe(value));
});
