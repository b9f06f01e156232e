import { describe, expect, it } from "vitest";
import { callFunction } from "../../src/functions/registry";
import type { CellMatrix } from "../../src/functions/cells";
import { mcevErrorOf } from "../helpers";
import { readRange } from "../triangles";

const tables = (...names: string[]) => names.flatMap((n) => [n, readRange(`examples/assumptions/${n}.csv`)]);
const points = readRange("examples/projection/term_points.csv");

describe("MCEV.PROJECT / MCEV.PROJECTPV", () => {
  it("PROJECT spills a header row and one row per month; PROJECTPV's net cash flow is the discounted sum of PROJECT's", () => {
    const args = [points, ...tables("mortality", "lapse", "expenses", "commission", "zero_curve"), "currency", "EUR"];
    const table = callFunction("PROJECT", args) as CellMatrix;
    const header = table[0] as string[];
    expect(header[0]).toBe("month");
    expect(table).toHaveLength(26); // two-year terms: months 0..24, plus the header
    const ncf = header.indexOf("net_cashflow");
    const df = header.indexOf("discount_factor");
    const pv = table.slice(1).reduce((a, row) => a + (row[ncf] as number) * (row[df] as number), 0);
    const pvs = callFunction("PROJECTPV", args) as CellMatrix;
    expect(pvs.find((r) => r[0] === "net_cashflow")?.[1]).toBeCloseTo(pv, 6);
    // new business at t = 0: 100 policies; the in-force block (50) is on the books before
    expect(table[1]?.[header.indexOf("new_business")]).toBe(100);
    expect(table[1]?.[header.indexOf("policies_if")]).toBe(50);
  });

  it("errors name the pair and the table", () => {
    expect(mcevErrorOf(() => callFunction("PROJECT", [points, "mortalty", readRange("examples/assumptions/mortality.csv")])).message).toMatch(/^tables: pair 1: unknown name "mortalty"/);
    expect(mcevErrorOf(() => callFunction("PROJECT", [points, "mortality"])).message).toMatch(/^tables: has 1 arguments; give pairs/);
    expect(mcevErrorOf(() => callFunction("PROJECT", [points, ...tables("lapse")])).message).toMatch(/mortality: is missing/);
    expect(mcevErrorOf(() => callFunction("PROJECT", [5, ...tables("mortality")])).message).toMatch(/^model_points: is a single value/);
  });
});

describe("MCEV.PROJECT in annual steps", () => {
  it('"steps_per_year", 1 gives one row per year, with the same in-force at anniversaries as the monthly run', () => {
    const yearly = readRange("examples/projection/term_points.csv").map((row, i) => (i === 0 ? row : row.map((v, j) => (j === 6 ? 0 : v)))); // duration 0: whole years
    const common = [...tables("mortality", "lapse", "expenses", "commission", "zero_curve"), "currency", "EUR"];
    const annual = callFunction("PROJECT", [yearly, ...common, "steps_per_year", 1]) as CellMatrix;
    const monthly = callFunction("PROJECT", [yearly, ...common]) as CellMatrix;
    expect(annual[0]?.[0]).toBe("year");
    expect(annual).toHaveLength(4); // years 0, 1, 2 and the header
    const col = (annual[0] as string[]).indexOf("policies_if");
    expect(annual[2]?.[col]).toBeCloseTo(monthly[13]?.[col] as number, 9);
  });
});
