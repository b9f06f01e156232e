import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { basicTermBasis, basicTermContext, modelPointsFromTable, premiumRates } from "../../../src/core/projection/basicTerm";
import { runProjection } from "../../../src/core/projection/engine";
import { termAssurance } from "../../../src/core/projection/products/termAssurance";
import { perPeriodLine } from "../../../src/core/projection/result";
import { fromCells } from "../../../src/core/projection/table";

/**
 * Conformance with lifelib's BasicTerm_M and BasicTerm_ME (shared/benchmarks/lifelib-basicterm/README.md):
 * the engine, configured through ordinary assumption tables, reproduces the published totals.
 */
const dir = join(__dirname, "../../../../shared/benchmarks/lifelib-basicterm");
const table = (path: string) => fromCells(path.split("/").pop() as string, parseCsv(readFileSync(join(dir, path), "utf8"), path));
const csvColumns = (path: string) => {
  const t = table(path);
  return (name: string) => {
    const k = t.header.indexOf(name);
    return t.rows.map((r) => r[k] as number);
  };
};
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("BasicTerm_M: 10,000 new-business points, premium solved in the model", () => {
  const points = modelPointsFromTable(table("BasicTerm_M/model_point_table.csv"), { forceSingleNewPolicy: true });
  const basis = basicTermBasis(table("BasicTerm_M/mort_table.csv"), { kind: "solved", loading: 0.5 });
  const steps = termAssurance.horizon(points);
  const ctx = basicTermContext(table("BasicTerm_M/disc_rate_ann.csv"), steps);
  const result = runProjection(termAssurance, points, basis, ctx, { perPeriod: true, perPoint: true });

  it("total PV of net cash flows 14,489,630.534601545 to 1e-12 relative (README §3: 14,489,630.53460 to 5 decimals)", () => {
    expect(steps).toBe(241);
    expect(rel(result.pv[4] as number, 14489630.534601545)).toBeLessThan(1e-12);
    expect((result.pv[4] as number).toFixed(5)).toBe("14489630.53460");
  });

  it("PV components: premiums 99,647,591.5767, claims 66,431,712.0745, expenses 9,257,014.1442, commissions 9,469,234.8235", () => {
    expect(rel(result.pv[0] as number, 99647591.5767)).toBeLessThan(1e-11);
    expect(rel(result.pv[1] as number, 66431712.0745)).toBeLessThan(1e-11);
    expect(rel(result.pv[2] as number, 9257014.1442)).toBeLessThan(1e-11);
    expect(rel(result.pv[3] as number, 9469234.8235)).toBeLessThan(1e-11);
  });

  it("per point: premiums equal and PVs within 1e-9 of the expected file; point 1 P = 94.84", () => {
    expect(result.premiumByPoint[0]).toBe(94.84);
    const expected = csvColumns("expected/BasicTerm_M_per_point.csv");
    const premium = expected("premium_pp");
    const pv = expected("pv_net_cf");
    let worst = 0;
    for (let i = 0; i < points.count; i++) {
      expect(result.premiumByPoint[i]).toBe(premium[i]);
      worst = Math.max(worst, Math.abs((result.pvByPoint?.[i] as number) - (pv[i] as number)));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it("the PV-only fast path (by policy year, one pass) agrees with the per-period path per point", () => {
    const fast = runProjection(termAssurance, points, basis, ctx, { perPeriod: false, perPoint: true });
    expect(Array.from(fast.premiumByPoint)).toEqual(Array.from(result.premiumByPoint));
    expect(rel(fast.pv[4] as number, result.pv[4] as number)).toBeLessThan(1e-13);
    for (let k = 0; k < 4; k++) expect(rel(fast.pv[k] as number, result.pv[k] as number)).toBeLessThan(1e-13);
    let worst = 0;
    for (let i = 0; i < points.count; i++) worst = Math.max(worst, Math.abs((fast.pvByPoint?.[i] as number) - (result.pvByPoint?.[i] as number)));
    expect(worst).toBeLessThan(1e-9);
  });

  it("per month: policies in force, deaths and net cash flow agree with the expected file", () => {
    const expected = csvColumns("expected/BasicTerm_M_monthly.csv");
    // M's IF(t) counts the new policy at t = 0: our exposed count, after new business
    const inforce = perPeriodLine(result, "policies_bef_decr");
    const deaths = perPeriodLine(result, "deaths");
    const expIf = expected("pols_if");
    const expDeaths = expected("pols_death");
    for (let t = 0; t < steps; t++) {
      expect(Math.abs((inforce[t] as number) - (expIf[t] as number))).toBeLessThan(1e-9 * Math.max(1, expIf[t] as number));
      expect(Math.abs((deaths[t] as number) - (expDeaths[t] as number))).toBeLessThan(1e-9 * Math.max(1, expDeaths[t] as number));
    }
  });
});

describe("BasicTerm_ME: in force and new business, premium from a rate table", () => {
  const points = modelPointsFromTable(table("BasicTerm_ME/model_point_table.csv"));
  const basis = basicTermBasis(table("BasicTerm_ME/mort_table.csv"), { kind: "rateTable", rate: premiumRates(table("BasicTerm_ME/premium_table.csv")) });
  const steps = termAssurance.horizon(points);
  const ctx = basicTermContext(table("BasicTerm_ME/disc_rate_ann.csv"), steps);
  const result = runProjection(termAssurance, points, basis, ctx, { perPeriod: true, perPoint: true });

  it("total PV of net cash flows 215,146,132.0684814 to 1e-12 relative", () => {
    expect(steps).toBe(277);
    expect(rel(result.pv[4] as number, 215146132.0684814)).toBeLessThan(1e-12);
  });

  it("components, policy 1 and the t = 0 counts (BM 414,469, MAT 1,430, NB 2,155, BD 415,194)", () => {
    expect(rel(result.pv[0] as number, 3444084588.3038)).toBeLessThan(1e-11);
    expect(rel(result.pv[1] as number, 2896704750.2962)).toBeLessThan(1e-11);
    expect(rel(result.pv[2] as number, 241121193.0471)).toBeLessThan(1e-11);
    expect(rel(result.pv[3] as number, 91112512.8921)).toBeLessThan(1e-11);
    expect(rel(result.pvByPoint?.[0] as number, 108625.0056238838)).toBeLessThan(1e-12);
    expect(perPeriodLine(result, "policies_if")[0]).toBe(414469);
    expect(perPeriodLine(result, "maturities")[0]).toBe(1430);
    expect(perPeriodLine(result, "new_business")[0]).toBe(2155);
    expect(perPeriodLine(result, "policies_bef_decr")[0]).toBe(415194);
  });

  it("the PV-only fast path agrees with the per-period path", () => {
    const fast = runProjection(termAssurance, points, basis, ctx, { perPeriod: false, perPoint: true });
    for (let k = 0; k < 5; k++) expect(rel(fast.pv[k] as number, result.pv[k] as number)).toBeLessThan(1e-13);
    let worst = 0;
    for (let i = 0; i < points.count; i++) worst = Math.max(worst, Math.abs((fast.pvByPoint?.[i] as number) - (result.pvByPoint?.[i] as number)));
    expect(worst).toBeLessThan(1e-8);
  });

  it("per point PVs within 1e-8 of the expected file", () => {
    const pv = csvColumns("expected/BasicTerm_ME_per_point.csv")("pv_net_cf");
    let worst = 0;
    for (let i = 0; i < points.count; i++) worst = Math.max(worst, Math.abs((result.pvByPoint?.[i] as number) - (pv[i] as number)));
    expect(worst).toBeLessThan(1e-8);
  });

  it("results are additive: two slices of the points add up to the whole run", () => {
    const a = runProjection(termAssurance, points, basis, ctx, { perPeriod: false, from: 0, to: 4321 });
    const b = runProjection(termAssurance, points, basis, ctx, { perPeriod: false, from: 4321, to: points.count });
    expect(rel((a.pv[4] as number) + (b.pv[4] as number), result.pv[4] as number)).toBeLessThan(1e-13);
  });
});
