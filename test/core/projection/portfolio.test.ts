import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { readAssumptionSet } from "../../../src/core/assumptions";
import { projectPortfolio } from "../../../src/core/projection/portfolio";
import { presentValueOfLine } from "../../../src/core/projection/profit";
import { LINE, perPeriodLine } from "../../../src/core/projection/result";
import { fromCells, type HeaderTable } from "../../../src/core/projection/table";

const root = join(__dirname, "../../..");
function tablesIn(dir: string, only?: string[]): Record<string, HeaderTable> {
  const out: Record<string, HeaderTable> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".csv"))) {
    const name = f.replace(/\.csv$/, "");
    if (only && !only.includes(name)) continue;
    out[name] = fromCells(name, parseCsv(readFileSync(join(dir, f), "utf8"), f));
  }
  return out;
}
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("a portfolio from ordinary assumption tables", () => {
  it("BasicTerm_ME from lifelib's files plus lapse, expenses and commission tables: 215,146,132.0684814 to 1e-12", () => {
    const tables = {
      ...tablesIn(join(root, "../shared/benchmarks/lifelib-basicterm/BasicTerm_ME")),
      ...tablesIn(join(root, "examples/assumptions"), ["lapse", "expenses", "commission"]),
    };
    const set = readAssumptionSet(tables, { defaultProduct: "TERM" });
    const run = projectPortfolio(set, { perPeriod: false });
    expect(rel(run.pv[4] as number, 215146132.0684814)).toBeLessThan(1e-12);
    // the model points carry a sex column: one group per sex, all TERM
    expect(run.groups.every((g) => g.product === "TERM")).toBe(true);
    expect(run.groups.reduce((a, g) => a + g.modelPoints, 0)).toBe(10000);
  });

  const set = readAssumptionSet(tablesIn(join(root, "examples/assumptions")));
  const run = projectPortfolio(set, { taxJurisdiction: "France", currency: "EUR" });

  it("runs every product of the example model points, and the groups add up to the total", () => {
    expect(new Set(run.groups.map((g) => g.product))).toEqual(new Set(["TERM", "DECREASING_TERM", "ANNUITY", "YRT", "QUOTA_SHARE"]));
    for (let k = 0; k < 5; k++) {
      const sum = run.groups.reduce((a, g) => a + (g.pv[k] as number), 0);
      expect(Math.abs(sum - (run.pv[k] as number))).toBeLessThan(1e-6 * Math.max(1, Math.abs(run.pv[k] as number)));
    }
  });

  it("the per-period net cash flow discounted gives the PV; the profit identity Σ PBT·DF(t+1) = PV(NCF) + reserve(0)", () => {
    const pvNcf = presentValueOfLine(run, run.discount, LINE.net_cashflow, false);
    expect(rel(pvNcf, run.pv[4] as number)).toBeLessThan(1e-10);
    const pvPbt = presentValueOfLine(run, run.discount, LINE.profit_before_tax, true);
    expect(rel(pvPbt, pvNcf + (perPeriodLine(run, "reserve")[0] as number))).toBeLessThan(1e-10);
    const tax = perPeriodLine(run, "tax");
    const pbt = perPeriodLine(run, "profit_before_tax");
    for (let t = 0; t < run.steps; t += 37) expect(tax[t]).toBeCloseTo(0.344 * (pbt[t] as number), 6);
  });

  it("percent_of_premium expenses add that share of the premiums, for every product and both paths", () => {
    const tables = tablesIn(join(root, "examples/assumptions"));
    tables.expenses = fromCells("expenses", [["name", "value"], ["acquisition_per_policy", 300], ["maintenance_per_policy_per_year", 60], ["percent_of_premium", 0.05], ["inflation", 0.01]]);
    const withPct = readAssumptionSet(tables);
    for (const perPeriod of [true, false]) {
      const a = projectPortfolio(withPct, { perPeriod, taxJurisdiction: "France", currency: "EUR" });
      const b = projectPortfolio(set, { perPeriod, taxJurisdiction: "France", currency: "EUR" });
      expect(rel((a.pv[2] as number) - (b.pv[2] as number), 0.05 * (b.pv[0] as number))).toBeLessThan(1e-10);
      expect(rel(a.pv[0] as number, b.pv[0] as number)).toBeLessThan(1e-14);
    }
  });

  it("PV-only and per-period runs agree", () => {
    const fast = projectPortfolio(set, { perPeriod: false, taxJurisdiction: "France", currency: "EUR" });
    for (let k = 0; k < 5; k++) expect(rel(fast.pv[k] as number, run.pv[k] as number)).toBeLessThan(1e-12);
  });
});
