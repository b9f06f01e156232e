import { describe, expect, it } from "vitest";
import { callFunction } from "../../src/functions/registry";
import type { CellMatrix } from "../../src/functions/cells";
import { mcevErrorOf } from "../helpers";
import { RAA_PATH, readRange } from "../triangles";

const raa = readRange(RAA_PATH);
const premium = readRange("examples/triangles/raa-premium.csv");
const call = (name: string, ...args: Parameters<typeof callFunction>[1]) => callFunction(name, args) as CellMatrix;

describe("per-origin tables: one row per origin, then Total; headers on request", () => {
  it("CHAINLADDER", () => {
    const t = call("CHAINLADDER", raa, null, true);
    expect(t[0]).toEqual(["Latest", "CDF to ultimate", "Ultimate", "IBNR"]);
    expect(t).toHaveLength(12);
    const total = t[11] as CellMatrix[number];
    expect(total[0]).toBe(160987);
    expect(total[1]).toBe("");
    expect(Math.round(total[3] as number)).toBe(52135);
    expect(call("CHAINLADDER", raa)).toHaveLength(11);
  });

  it("LDF spills one row (with headers two)", () => {
    expect(call("LDF", raa)).toHaveLength(1);
    const h = call("LDF", raa, "SIMPLE", 5, true);
    expect(h[0]?.[0]).toBe("1-2");
    expect(h[1]).toHaveLength(9);
  });

  it("BF, BENKTANDER, CAPECOD, ELR, RESERVES, RANGE, RUNOFF have the documented columns", () => {
    expect(call("BF", raa, premium, 0.55, null, true)[0]).toEqual(["Latest", "Expected ultimate", "% unreported", "IBNR", "Ultimate"]);
    expect(call("BENKTANDER", raa, premium, 0.55, 2, null, true)[0]).toEqual(["Latest", "Expected ultimate", "% unreported", "IBNR", "Ultimate"]);
    expect(call("CAPECOD", raa, premium, null, null, null, true)[0]).toEqual(["Latest", "Used-up premium", "ELR", "IBNR", "Ultimate"]);
    expect(call("ELR", [[1000], [2000]], 0.6, [[500], [1600]], true)).toEqual([["Latest", "Ultimate", "IBNR"], [500, 600, 100], [1600, 1200, -400], [2100, 1800, -300]]);
    expect(call("RANGE", raa, premium, 0.55, "BF", null, true)[0]).toEqual(["CL", "BF", "BENKTANDER", "CAPECOD", "ELR", "Low", "High", "Selected (BF)"]);
    expect(call("RANGE", raa)[0]).toHaveLength(5);
    const runoff = call("RUNOFF", raa, null, null, null, true);
    expect(runoff[0]).toEqual(["Period", "Expected payment", "Bucket (years)", "Amount"]);
    expect(runoff.slice(1, 5).map((r) => r[2])).toEqual(["0-1", "1-3", "3-5", "> 5"]);
    expect(runoff[10]?.[0]).toBe("Total");
    expect(runoff[10]?.[1]).toBeCloseTo(runoff[5]?.[3] as number, 8); // both totals are the reserve
  });

  it("MACK: Taylor–Ashe total S.E. 2,447,095 (Mack 1993), columns and CV", () => {
    const t = call("MACK", readRange("test/reference/reserving/genins.csv"), null, null, null, null, true);
    expect(t[0]).toEqual(["Latest", "Ultimate", "IBNR", "Mack S.E.", "CV"]);
    const total = t[11] as number[];
    expect(Math.round(total[3] as number)).toBe(2447095);
    expect(total[4]).toBeCloseTo((total[3] as number) / (total[2] as number), 15);
    const estimated = call("MACK", raa, true, "LOGLINEAR");
    expect(estimated[0]?.[2]).toBeGreaterThan(0); // the oldest origin gets IBNR from the estimated tail
    expect(mcevErrorOf(() => callFunction("MACK", [raa, null, "ROBUST"])).message).toMatch(/^sigma_rule: /);
  });

  it("BOOTSTRAP: seeded and reproducible, chain ladder beside the simulated mean, percentiles ordered", () => {
    const a = call("BOOTSTRAP", raa, 2000, 7, null, null, true);
    const b = call("BOOTSTRAP", raa, 2000, 7, null, null, true);
    expect(a).toEqual(b);
    expect(a[0]).toEqual(["Chain ladder", "Mean", "S.E.", "MC S.E. of mean", "50%", "75%", "90%", "95%", "99.5%"]);
    const total = a[11] as number[];
    expect(Math.round(total[0] as number)).toBe(52135);
    expect(total[3]).toBeCloseTo((total[2] as number) / Math.sqrt(2000), 12);
    expect(Math.abs((total[1] as number) - (total[0] as number))).toBeLessThan(0.1 * (total[0] as number));
    for (let k = 5; k < 9; k++) expect(total[k]).toBeGreaterThanOrEqual(total[k - 1] as number);
    expect(call("BOOTSTRAP", raa, 500, 8)).not.toEqual(call("BOOTSTRAP", raa, 500, 7));
    expect(call("BOOTSTRAP", raa, 100, 1, [[0.25], [0.995]], null, true)[0]).toEqual(["Chain ladder", "Mean", "S.E.", "MC S.E. of mean", "25%", "99.5%"]);
    expect(mcevErrorOf(() => callFunction("BOOTSTRAP", [raa, null])).message).toMatch(/^sims: is missing/);
    expect(mcevErrorOf(() => callFunction("BOOTSTRAP", [raa, 10.5])).message).toMatch(/^sims: 10.5 is not a whole number/);
  });

  it("RANGE: low <= every method <= high, and Selected is the chosen method's column", () => {
    const t = call("RANGE", raa, premium, 0.55, "CAPECOD");
    for (const row of t) {
      const methods = row.slice(0, 5) as number[];
      expect(row[5]).toBe(Math.min(...methods));
      expect(row[6]).toBe(Math.max(...methods));
      expect(row[7]).toBe(row[3]);
    }
  });

  it("RESERVES splits the ultimate into paid, case reserves and IBNR", () => {
    const paid = [[100, 150, 170], [120, 160, null], [90, null, null]];
    const incurred = [[160, 190, 200], [170, 210, null], [150, null, null]];
    const t = call("RESERVES", paid, incurred);
    for (const row of t as number[][]) {
      const [p, cases, ibnr, total, ult] = row as [number, number, number, number, number];
      expect(p + cases + ibnr).toBeCloseTo(ult, 9);
      expect(total).toBeCloseTo(cases + ibnr, 9);
    }
    expect(t[0]?.slice(0, 3)).toEqual([170, 30, 0]);
  });
});

describe("Excel desktop passes blank cells as 0", () => {
  it("zeros after the latest diagonal of a range with no blank are read as blanks", () => {
    const zeros = raa.map((row) => row.map((v) => (v === null ? 0 : v)));
    expect(call("CHAINLADDER", zeros)).toEqual(call("CHAINLADDER", raa));
    expect(call("MCEV.RUNOFF", zeros)).toEqual(call("RUNOFF", raa));
  });
  it("trapezoids and quarterly triangles with zeros for blanks read as with blanks", () => {
    const trapezoid = raa.slice(0, 5);
    const zeros = (m: CellMatrix) => m.map((row) => row.map((v) => (v === null ? 0 : v)));
    expect(call("CHAINLADDER", zeros(trapezoid))).toEqual(call("CHAINLADDER", trapezoid));
    const quarterly: CellMatrix = [
      [10, 20, 30, 40, 50, 55, 58, 60, 61, 62, 62.5, 63],
      [12, 25, 33, 45, 52, 58, 61, 63, null, null, null, null],
      [9, 21, 29, 41, null, null, null, null, null, null, null, null],
    ];
    expect(call("CHAINLADDER", zeros(quarterly))).toEqual(call("CHAINLADDER", quarterly));
    // an origin with nothing reported yet (a row of zeros) keeps one observed 0
    const withEmptyOrigin = [...zeros(raa), new Array(10).fill(0)];
    expect(call("CHAINLADDER", withEmptyOrigin)[10]).toEqual([0, 8.920233896752476, 0, 0]);
  });

  it("a fully developed rectangle keeps its amounts", () => {
    const full = [[100, 150], [110, 160]];
    expect(call("CHAINLADDER", full)[2]?.[3]).toBe(0);
  });
});

describe("bad input: #VALUE! naming the cell", () => {
  it("text inside the triangle", () => {
    const bad = raa.map((row) => [...row]);
    (bad[2] as unknown[])[3] = "n/a";
    const e = mcevErrorOf(() => callFunction("CHAINLADDER", [bad]));
    expect(e.message).toBe('triangle (row 3, column 4 of the range): is text "n/a"; expected a number or a blank cell');
  });
  it("a ragged row", () => {
    const bad = raa.map((row) => [...row]);
    (bad[1] as unknown[])[4] = null;
    expect(mcevErrorOf(() => callFunction("CHAINLADDER", [bad])).message).toMatch(/^triangle \(row 2, column 6 of the range\): has a value after a blank in origin 2/);
  });
  it("a single row", () => {
    expect(mcevErrorOf(() => callFunction("CHAINLADDER", [[[1, 2, 3]]])).message).toMatch(/^triangle: has 1 row; a triangle needs at least two origin periods/);
  });
  it("premium of the wrong length, negative loss ratio, unknown method", () => {
    expect(mcevErrorOf(() => callFunction("BF", [raa, [[1], [2]], 0.5])).message).toMatch(/^premium: has 2 values but the triangle has 10 origin periods/);
    expect(mcevErrorOf(() => callFunction("BF", [raa, premium, -0.2])).message).toMatch(/^elr: -0.2 is not a loss ratio >= 0/);
    expect(mcevErrorOf(() => callFunction("RESERVES", [raa, raa, "MAGIC"])).message).toMatch(/^method: unknown method "MAGIC"/);
    expect(mcevErrorOf(() => callFunction("RESERVES", [raa, raa, "BF"])).message).toMatch(/^premium: is missing; the BF method needs one premium per origin/);
    expect(mcevErrorOf(() => callFunction("RUNOFF", [raa, null, [[3], [1]]])).message).toMatch(/^buckets \(row 2 of the range\): 1 is not above the previous bound 3/);
    expect(mcevErrorOf(() => callFunction("RANGE", [raa, null, 0.6])).message).toMatch(/^elr: is given without premium/);
    const paid = [[100, 150, 170], [120, 160, null], [90, null, null]];
    expect(mcevErrorOf(() => callFunction("RESERVES", [paid, [[160, 190, 200], [170, 210, null], [150, 155, null]]])).message).toMatch(/^incurred \(row 3, column 2 of the range\): origin 3 has 2 development periods but paid has 1; both triangles must end on the same diagonal/);
    expect(mcevErrorOf(() => callFunction("RESERVES", [paid, [[160, 190], [170, null], [150, null]]])).message).toMatch(/^incurred: is 3 × 2 but paid is 3 × 3/);
    // a core error about "the triangle" names the incurred range in RESERVES
    expect(mcevErrorOf(() => callFunction("RESERVES", [paid, [[0, 190, 200], [0, 210, null], [0, null, null]], "BF", [[1], [1], [1]], 0.5])).message).toMatch(/^incurred \(row 1, column 1 of the range\): the amounts at development period 1 add up to 0/);
    expect(mcevErrorOf(() => callFunction("RESERVES", [paid, [[160, 190, 200], [170, 210, null], [150, null, null]], "ELR", [[1], [2]], 0.5])).message).toMatch(/^premium: has 2 values but the triangle has 3 origin periods/);
    expect(mcevErrorOf(() => callFunction("LDF", [raa, "GEOMETRIC"])).message).toMatch(/^average: unknown average "GEOMETRIC"/);
    expect(mcevErrorOf(() => callFunction("LDF", [raa, null, 2.5])).message).toMatch(/^periods: 2.5 is not a whole number >= 1/);
  });
  it("SURVIVALRATIO and EGPI shapes", () => {
    expect(callFunction("SURVIVALRATIO", [[[1200], [800]], [[95, 110, 105, 100, 98], [60, 70, 80, 75, 85]]])).toEqual([[1200 / 101], [800 / 80]]);
    expect(mcevErrorOf(() => callFunction("SURVIVALRATIO", [[[1], [2]], [[1, 2, 3]]])).message).toMatch(/^paid: has 1 rows but reserves has 2 values/);
    expect(callFunction("EGPI", [[[1500], [800]], [[1125], [820]]])).toEqual([[375], [-20]]);
    expect(callFunction("EGPI", [1500, 1125])).toBe(375);
  });
});
