import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { fromCells } from "../../../src/core/projection/table";
import { cashValueContext, cashValueModel, cashValueScenario } from "../../../src/core/savings/cashValueME";
import { runSavings, savingsHorizon } from "../../../src/core/savings/projection";
import { PV, SAVINGS_PV_LINES, savingsPeriodLine, type SavingsPeriodLine } from "../../../src/core/savings/result";
import { makeScenarios } from "../../../src/core/savings/scenarios";

/**
 * Conformance with lifelib's savings model CashValue_ME_EX4 in the benchmark configuration
 * (shared/benchmarks/lifelib-savings/README.md): 10,000 new-business cash-value points with a maturity
 * guarantee, one investment scenario from 242 given normal draws, monthly. The tables are read from the
 * shared benchmark folder beside the repository (not copied).
 */
const dir = join(__dirname, "../../../../shared/benchmarks/lifelib-savings");
const table = (path: string) => fromCells(path.split("/").pop() as string, parseCsv(readFileSync(join(dir, path), "utf8"), path));
const column = (path: string, name: string) => {
  const t = table(path);
  const k = t.header.indexOf(name);
  return t.rows.map((r) => r[k] as number);
};
const rel = (a: number, b: number) => Math.abs(a / b - 1);

const model = cashValueModel({
  modelPoints: table("CashValue_ME_EX4/model_point_table_10K.csv"),
  productSpecs: table("CashValue_ME_EX4/product_spec_table.csv"),
  surrenderCharges: table("CashValue_ME_EX4/surr_charge_table.csv"),
});
const points = model.table.points;
const basis = model.basis;
const scenario = cashValueScenario(table("CashValue_ME_EX4/std_norm_rand_seed1234.csv"));
const steps = savingsHorizon(points, basis);
const ctx = cashValueContext(table("CashValue_ME_EX4/disc_rate_ann.csv"), steps);
const result = runSavings(points, basis, scenario, ctx, { perPeriod: true, perPoint: true });

describe("lifelib CashValue_ME_EX4 (benchmark configuration, one scenario)", () => {
  it("total PV of net cash flows 3,507,113,709,040.1 to 1e-9 relative (published: NumPy 3507113709040.124, modelx …040.141, Julia …040.273)", () => {
    expect(points.count).toBe(10000);
    expect(steps).toBe(241);
    const total = result.pv[PV.net_cashflow] as number;
    // measured: 3507113709040.123, 3.3e-16 from NumPy's total
    expect(rel(total, 3507113709040.124)).toBeLessThan(1e-9);
    expect(rel(total, 3507113709040.141)).toBeLessThan(1e-9);
    expect(rel(total, 3507113709040.273)).toBeLessThan(1e-9);
    expect(rel(total, 3507113709040.124)).toBeLessThan(1e-14);
  });

  it("PV components of README §4.7 to 1e-12 (premiums, investment income, claims, expenses, commissions, AV change)", () => {
    expect(rel(result.pv[PV.premiums] as number, 147329478565934.9)).toBeLessThan(1e-12);
    expect(rel(result.pv[PV.investment_income] as number, 36504372888752.55)).toBeLessThan(1e-12);
    expect(rel(result.pv[PV.claims_maturity] as number, 150962840124308.7)).toBeLessThan(1e-12);
    expect(rel(result.pv[PV.expenses] as number, 54515315146.72)).toBeLessThan(1e-12);
    expect(rel(result.pv[PV.commissions] as number, 7366473928296.74)).toBeLessThan(1e-12);
    expect(rel(result.pv[PV.av_change] as number, 21942908377895.15)).toBeLessThan(1e-12);
    // no deaths, lapses, fees or COI in EX4
    for (const line of ["claims_death", "claims_surrender", "fees", "coi", "surrender_charges", "gmdb_cost"] as const) expect(result.pv[PV[line]]).toBe(0);
  });

  it("the returns from the 242 normals equal the file's inv_return_mth to one ulp of 1 + r (240 of 242 bit for bit)", () => {
    const given = column("CashValue_ME_EX4/std_norm_rand_seed1234.csv", "inv_return_mth");
    expect(scenario.steps).toBe(242);
    let same = 0;
    given.forEach((r, t) => {
      const ours = scenario.returns[t] as number;
      if (ours === r) same++;
      // Math.exp and NumPy's exp may differ in the last bit of e^x; r = e^x − 1 keeps that absolute error
      expect(Math.abs(ours - r)).toBeLessThanOrEqual(Number.EPSILON);
    });
    expect(same).toBeGreaterThanOrEqual(240);
  });

  it("discount factors: DF(1) = 0.9983347214509387 (README check value) and the expected file's column", () => {
    expect(Math.abs((ctx.discount[1] as number) - 0.9983347214509387)).toBeLessThan(1e-15);
    const df = column("expected/CashValue_ME_EX4_monthly.csv", "discount");
    df.forEach((x, t) => expect(Math.abs((ctx.discount[t] as number) - x)).toBeLessThan(1e-14));
  });

  it("every month's aggregate counts, AV and cash flows agree with the expected file (to 1e-12 of each column's largest value)", () => {
    const pairs: [string, SavingsPeriodLine][] = [
      ["pols_if_bef_decr", "policies_bef_decr"],
      ["pols_maturity", "maturities"],
      ["pols_new_biz", "new_business"],
      ["av_bef_mat", "av_bef_mat"],
      ["premiums", "premiums"],
      ["inv_income", "investment_income"],
      ["claims", "claims_maturity"],
      ["expenses", "expenses"],
      ["commissions", "commissions"],
      ["av_change", "av_change"],
      ["net_cf", "net_cashflow"],
    ];
    for (const [name, line] of pairs) {
      const expected = column("expected/CashValue_ME_EX4_monthly.csv", name);
      const ours = savingsPeriodLine(result, line);
      expect(expected.length).toBe(steps);
      const scale = Math.max(...expected.map(Math.abs));
      expected.forEach((x, t) => {
        if (Math.abs((ours[t] as number) - x) > 1e-12 * scale) throw new Error(`${name}, month ${t}: ${ours[t]} vs ${x}`);
      });
    }
  });

  it("README's sanity identity: net = loading·premiums − commissions − expenses − guarantee shortfall at maturity", () => {
    // PV of the loadings computed here from the tables: SINGLE pays P at t = 0, LEVEL pays P monthly for 12·term months
    let loading = 0;
    for (let i = 0; i < points.count; i++) {
      const P = points.premium[i] as number;
      const c = points.policyCount[i] as number;
      const L = points.loadRate[i] as number;
      if (points.premiumType[i] === 0) loading += L * P * c;
      else for (let t = 0; t < 12 * (points.policyTerm[i] as number); t++) loading += L * P * c * (ctx.discount[t] as number);
    }
    const pv = (line: keyof typeof PV) => result.pv[PV[line]] as number;
    const identity = loading - pv("commissions") - pv("expenses") - pv("gmab_cost");
    expect(rel(identity, pv("net_cashflow"))).toBeLessThan(1e-12);
    expect(pv("gmab_cost")).toBeGreaterThan(0);
  });

  it("per-point PVs add up to the total; the PV-only run and slices of points agree with the full run", () => {
    const byPoint = result.pvByPoint as Float64Array;
    expect(rel(byPoint.reduce((s, x) => s + x, 0), result.pv[PV.net_cashflow] as number)).toBeLessThan(1e-13);
    const fast = runSavings(points, basis, scenario, ctx);
    for (let k = 0; k < SAVINGS_PV_LINES.length; k++) expect(fast.pv[k]).toBe(result.pv[k]);
    const a = runSavings(points, basis, scenario, ctx, { from: 0, to: 3333 });
    const b = runSavings(points, basis, scenario, ctx, { from: 3333, to: points.count });
    expect(rel((a.pv[PV.net_cashflow] as number) + (b.pv[PV.net_cashflow] as number), result.pv[PV.net_cashflow] as number)).toBeLessThan(1e-13);
    // the discounted per-period net cash flows give the same total
    const net = savingsPeriodLine(result, "net_cashflow");
    let total = 0;
    for (let t = 0; t < steps; t++) total += (net[t] as number) * (ctx.discount[t] as number);
    expect(rel(total, result.pv[PV.net_cashflow] as number)).toBeLessThan(1e-13);
  });

  it("the scenario matrix: the same scenario three times gives three identical rows, and deflators equal to the curve change nothing", () => {
    const n = scenario.steps;
    const returns = new Float64Array(3 * n);
    const deflators = new Float64Array(3 * n);
    for (let s = 0; s < 3; s++) {
      returns.set(scenario.returns, s * n);
      for (let t = 0; t < n; t++) deflators[s * n + t] = t < steps ? (ctx.discount[t] as number) : 1;
    }
    const three = runSavings(points, basis, makeScenarios(3, n, returns, deflators), ctx);
    const L = SAVINGS_PV_LINES.length;
    for (let s = 0; s < 3; s++) for (let k = 0; k < L; k++) expect(three.pvByScenario[s * L + k]).toBe(result.pv[k]);
  });
});
