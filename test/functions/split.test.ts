import { describe, expect, it } from "vitest";
import { McevError } from "../../src/core/errors";
import type { CellMatrix } from "../../src/functions/cells";
import { callFunction } from "../../src/functions/registry";
import { answer } from "../../src/functions/worker/protocol";
import { mergeParts, splitModelPoints, withRowOffset } from "../../src/functions/worker/split";
import { readRange } from "../triangles";

const names = ["mortality", "mortality_improvement", "lapse", "expenses", "commission", "premium_rates", "reinsurance", "yrt_rates", "tax", "capital", "zero_curve"];
const args = [readRange("examples/assumptions/model_points.csv"), ...names.flatMap((n) => [n, readRange(`examples/assumptions/${n}.csv`)]), "currency", "EUR", "tax_jurisdiction", "France", "valuation_year", 2011];
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("splitting one projection call across workers", () => {
  for (const k of [2, 3, 10]) {
    it(`${k} slices of the sample portfolio (every product, different horizons) merge into the single run`, () => {
      const slices = splitModelPoints(args, k);
      expect(slices).toHaveLength(k);
      expect(slices.reduce((a, s) => a + ((s.args[0] as CellMatrix).length - 1), 0)).toBe(10);
      for (const name of ["PROJECT", "PROJECTPV"]) {
        const whole = callFunction(name, args) as CellMatrix;
        const merged = mergeParts(name, slices.map((s) => callFunction(name, s.args) as CellMatrix));
        expect(merged.length).toBe(whole.length);
        expect(merged[0]).toEqual(whole[0]);
        merged.slice(1).forEach((row, r) =>
          row.forEach((x, c) => {
            const y = whole[r + 1]?.[c];
            if (typeof y === "number") expect(close(x as number, y), `${name} row ${r + 1} column ${whole[0]?.[c]}`).toBe(true);
            else expect(x).toBe(y);
          }),
        );
      }
    });
  }

  it("an error in a slice names the row of the user's whole table", () => {
    const bad = readRange("examples/assumptions/model_points.csv").map((row) => [...row]);
    (bad[8] as unknown[])[6] = -5; // data row 8, sum_assured
    const slices = splitModelPoints([bad, ...args.slice(1)], 3);
    const last = slices[2] as { args: CellMatrix[]; rowOffset: number };
    const reply = answer({ name: "PROJECTPV", args: last.args, rowOffset: last.rowOffset });
    expect("error" in reply && reply.error.message).toMatch(/^model_points: row 8, column sum_assured: -5 is not an amount >= 0/);
    expect((withRowOffset(new McevError("VALUE", "model point row 2 reaches attained ages", { argument: "mortality" }), 5) as Error).message).toMatch(/model point row 7 /);
  });
});
