import { join } from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { readTableTree } from "../../src/cli/tables";
import { groupInputFromTables } from "../../src/core/valuation/groupTables";
import { valueGroup } from "../../src/core/valuation/group";
import { buildReport } from "../../src/core/valuation/report";
import { RunCancelled, runSensitivities, totals } from "../../src/core/valuation/sensitivities";

const input = groupInputFromTables(readTableTree(join(__dirname, "../../examples/reinsurer")));

describe("runSensitivities (seed 003 Tables 6–7 layout)", () => {
  const specs = [
    { id: "rates-up", name: "Interest rates +100 bps", shock: { interest: 0.01 } },
    { id: "lapse-down", name: "Lapse rates -10%", shock: { lapse: 0.9 } },
    { id: "discount-up", name: "Discount rate +0.50%", shock: { discountRate: 0.005 } },
  ];
  const progress: string[] = [];
  const run = runSensitivities(input, specs, { onProgress: (done, total, name) => progress.push(`${done}/${total} ${name}`) });

  it("the base case is the base run's reported totals; each row is a shocked run's totals", () => {
    expect(run.base).toEqual(totals(buildReport(valueGroup(input))));
    expect(run.rows[0]?.value).toEqual(totals(buildReport(valueGroup(input, { interest: 0.01 }))));
    expect(run.reportingCurrency).toBe("EUR");
    expect(progress).toEqual(["1/4 Base case", "2/4 Interest rates +100 bps", "3/4 Lapse rates -10%", "4/4 Discount rate +0.50%"]);
  });

  it("change = value − base exactly as printed, % change = change / |base|", () => {
    for (const r of run.rows) {
      for (const k of ["mcev", "vnb", "tev"] as const) {
        expect(new Decimal(r.change[k]).equals(new Decimal(r.value[k]).minus(run.base[k]))).toBe(true);
        expect(r.percent[k]).toBeCloseTo(r.change[k] / Math.abs(run.base[k]), 12);
      }
    }
    // the RDR shift moves only the traditional EV
    const rdr = run.rows[2];
    expect(rdr?.change.mcev).toBe(0);
    expect(rdr?.change.vnb).toBe(0);
    expect(rdr?.change.tev).toBeLessThan(0);
  });

  it("a cancel between runs stops the set", () => {
    let calls = 0;
    expect(() => runSensitivities(input, specs, { isCancelled: () => ++calls > 2 })).toThrow(RunCancelled);
  });
});
