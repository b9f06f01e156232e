import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { readTableTree } from "../../../src/cli/tables";
import { readLapse } from "../../../src/core/assumptions/lapse";
import { readMortality } from "../../../src/core/assumptions/mortality";
import { calibrateHullWhite } from "../../../src/core/esg/calibration";
import { fromCells, type HeaderTable } from "../../../src/core/projection/table";
import { readSavingsPoints } from "../../../src/core/savings/modelPointTable";
import { readProductSpecs } from "../../../src/core/savings/productSpec";
import { valueGroup, type GroupValuation } from "../../../src/core/valuation/group";
import { groupInputFromTables } from "../../../src/core/valuation/groupTables";
import { runCurve, toCents } from "../../../src/core/valuation/run";
import { valueVaBlock } from "../../../src/core/valuation/tvfog";
import { mcevErrorOf } from "../../helpers";

/**
 * The valuation run with a variable-annuity block in an entity: the block's certainty-equivalent PV of
 * profits joins the PVFP and its time value is the TVFOG, both after the entity's tax; the market shocks
 * (equity, equity and swaption volatilities) act on it and on nothing else.
 */
const root = join(__dirname, "..", "..", "..");
const csvTable = (path: string, name: string): HeaderTable => fromCells(name, parseCsv(readFileSync(join(root, path), "utf8"), path));
const sample = readTableTree(join(root, "examples", "reinsurer"));
// the sample without any VA block of its own, then the examples/va block added to the US entity
const withoutVa = Object.fromEntries(Object.entries(sample).filter(([k]) => !/(^|\/)(va_[a-z_]+|esg|swaption_vols)$/.test(k)));
const esgTable = (rows: (string | number | boolean)[][]): HeaderTable => ({ name: "esg", header: ["name", "value"], rows });
const ESG = esgTable([
  ["a", 0.02],
  ["sigma", 0.0115],
  ["equity_vol", 0.263],
  ["correlation", -0.4],
  ["scenarios", 1000],
  ["seed", 11],
]);
const vaTables = (esg: HeaderTable = ESG, extra: Record<string, HeaderTable> = {}): Record<string, HeaderTable> => ({
  ...withoutVa,
  "us_yrt/va_model_points": csvTable("examples/va/model_points.csv", "us_yrt/va_model_points"),
  "us_yrt/va_product_specs": csvTable("examples/va/product_specs.csv", "us_yrt/va_product_specs"),
  esg,
  ...extra,
});
const plain = valueGroup(groupInputFromTables(withoutVa));
const input = groupInputFromTables(vaTables());
const base = valueGroup(input);
const us = (g: GroupValuation) => g.entities[0]?.valuation as GroupValuation["entities"][number]["valuation"];
const D = (x: number) => new Decimal(x);

describe("an entity with a VA block (the examples/va block in the US entity, USD 2011 curve)", () => {
  it("TVFOG = (1 − tax)·(mean stochastic PV − CE PV) and PVFP += (1 − tax)·CE PV, in cents; other entities unchanged", () => {
    const v = us(base);
    const va = v.variableAnnuity;
    expect(va).toBeDefined();
    if (!va) return;
    // the same block valued directly in the core, on the entity's curve, mortality and lapses
    const set = input.entities[0]?.set;
    if (!set) return;
    const points = readSavingsPoints(csvTable("examples/va/model_points.csv", "p"), readProductSpecs(csvTable("examples/va/product_specs.csv", "s"))).points;
    const basis = { mortality: readMortality(sample["mortality"] as HeaderTable).tables.unisex, lapse: readLapse(sample["lapse"] as HeaderTable), coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
    const direct = valueVaBlock({ points, basis }, { curve: runCurve(set, { currency: "USD" }), curveKey: "direct", a: 0.02, sigma: 0.0115, equityVol: 0.263, correlation: -0.4, scenarios: 1000, seed: 11 });
    expect(va.beforeTax.estimate.tvfog).toBe(direct.estimate.tvfog);
    expect(va.beforeTax.cePv).toBe(direct.cePv);
    expect(v.taxRate).toBe(0.35);
    expect(va.tvfog).toBe(toCents(0.65 * direct.estimate.tvfog));
    expect(va.pvfp).toBe(toCents(0.65 * direct.cePv));
    expect(v.tvfog).toBe(va.tvfog);
    expect(v.tvfog).toBeLessThan(0);
    expect(va.upper).toBeLessThan(0);
    expect(va.standardError).toBeCloseTo(0.65 * direct.estimate.standardError, 6);
    expect(va.scenarios).toBe(1000);
    // PVFP = the traditional business's PVFP + the VA block's CE PVFP; VIF and MCEV still add up exactly
    expect(D(v.pvfp).equals(D(us(plain).pvfp).plus(D(va.pvfp)))).toBe(true);
    expect(D(v.vif).equals(D(v.pvfp).plus(D(v.tvfog)).plus(D(v.fcrc)).plus(D(v.cornhr)))).toBe(true);
    expect(D(v.mcev).equals(D(v.snw).plus(D(v.vif)))).toBe(true);
    // capital and the other entities are untouched
    expect(v.fcrc).toBe(us(plain).fcrc);
    expect(v.cornhr).toBe(us(plain).cornhr);
    expect(v.newBusiness?.vnb).toBe(us(plain).newBusiness?.vnb);
    for (const k of [1, 2]) expect(base.entities[k]?.valuation.mcev).toBe(plain.entities[k]?.valuation.mcev);
    expect(us(plain).tvfog).toBe(0);
    expect(us(plain).variableAnnuity).toBeUndefined();
  });

  it("market shocks act on the block: equity −10% and vols +25% cost value; an interest shock moves it too", () => {
    const tv = (g: GroupValuation) => us(g).tvfog;
    const vaValue = (g: GroupValuation) => (us(g).variableAnnuity?.pvfp as number) + tv(g);
    const equity = valueGroup(input, { equity: 0.9 });
    // lower account values: less fee income and dearer guarantees (part of it now intrinsic, in the CE PV)
    expect(us(equity).variableAnnuity?.pvfp).toBeLessThan(us(base).variableAnnuity?.pvfp as number);
    expect(vaValue(equity)).toBeLessThan(vaValue(base));
    expect(us(equity).variableAnnuity?.beforeTax.ce.gmdb[0]).toBeGreaterThan(us(base).variableAnnuity?.beforeTax.ce.gmdb[0] as number);
    const eqVol = valueGroup(input, { equityVolatility: 1.25 });
    expect(tv(eqVol)).toBeLessThan(tv(base));
    expect(us(eqVol).variableAnnuity?.pvfp).toBe(us(base).variableAnnuity?.pvfp); // the CE run has no volatility
    const swVol = valueGroup(input, { swaptionVolatility: 1.25 });
    expect(tv(swVol)).not.toBe(tv(base));
    expect(us(swVol).variableAnnuity?.pvfp).toBe(us(base).variableAnnuity?.pvfp);
    const rates = valueGroup(input, { interest: 0.01 });
    expect(us(rates).variableAnnuity?.pvfp).not.toBe(us(base).variableAnnuity?.pvfp);
    expect(tv(rates)).toBeGreaterThan(tv(base)); // higher rates: the guarantees are further out of the money
    // the market shocks leave the entities without a VA block alone
    for (const g of [equity, eqVol, swVol]) for (const k of [1, 2]) expect(g.entities[k]?.valuation.mcev).toBe(base.entities[k]?.valuation.mcev);
    // mortality acts through the entity's table
    expect(tv(valueGroup(input, { mortality: 1.2 }))).not.toBe(tv(base));
  });

  it("a and σ calibrated to swaption_vols (seed 003 Table 12) give the block the calibrated model", () => {
    const swaptions: HeaderTable = { name: "swaption_vols", header: ["expiry", "tenor", "vol"], rows: [1, 2, 3, 4, 5, 7, 10].map((e, j) => [e, 10, [0.451, 0.411, 0.377, 0.357, 0.346, 0.329, 0.311][j] as number]) };
    const noParams = esgTable([
      ["equity_vol", 0.263],
      ["correlation", -0.4],
      ["scenarios", 200],
      ["seed", 11],
    ]);
    const calibrated = valueGroup(groupInputFromTables(vaTables(noParams, { swaption_vols: swaptions })));
    const set = input.entities[0]?.set;
    if (!set) return;
    const fit = calibrateHullWhite(runCurve(set, { currency: "USD" }), swaptions.rows.map((r) => ({ expiry: r[0] as number, tenor: r[1] as number, vol: r[2] as number })));
    const given = valueGroup(
      groupInputFromTables(
        vaTables(
          esgTable([
            ["a", fit.a],
            ["sigma", fit.sigma],
            ["equity_vol", 0.263],
            ["correlation", -0.4],
            ["scenarios", 200],
            ["seed", 11],
          ]),
        ),
      ),
    );
    expect(us(calibrated).tvfog).toBe(us(given).tvfog);
    expect(fit.a).toBeGreaterThan(0);
  });

  it("bad VA tables: errors name the entity and the table", () => {
    const run = (tables: Record<string, HeaderTable>) => mcevErrorOf(() => valueGroup(groupInputFromTables(tables)));
    const noSpecs = vaTables();
    delete noSpecs["us_yrt/va_product_specs"];
    expect(mcevErrorOf(() => groupInputFromTables(noSpecs)).message).toMatch(/^va_product_specs: is missing/);
    const noEsg = vaTables();
    delete noEsg.esg;
    expect(mcevErrorOf(() => groupInputFromTables(noEsg)).message).toMatch(/^esg: is missing/);
    expect(mcevErrorOf(() => groupInputFromTables(vaTables(esgTable([["a", 0.02], ["equity_vol", 0.2], ["correlation", 0]])))).message).toMatch(/^esg: gives a but not sigma/);
    expect(mcevErrorOf(() => groupInputFromTables(vaTables(esgTable([["a", 0.02], ["sigma", 0.01], ["equity_vol", 0.2], ["correlation", -1.5]])))).message).toMatch(/^esg: row 4, column value: -1.5 is not a correlation between −1 and 1/);
    expect(mcevErrorOf(() => groupInputFromTables(vaTables(esgTable([["a", 0.02], ["sigma", 0.01], ["equity_vol", 0.2], ["correlation", 0], ["scenarios", 101]])))).message).toMatch(/^esg: scenarios: 101 is odd/);
    const future = vaTables();
    const mp = future["us_yrt/va_model_points"] as HeaderTable;
    future["us_yrt/va_model_points"] = { ...mp, rows: mp.rows.map((r, i) => (i === 1 ? r.map((x, c) => (mp.header[c] === "duration_mth" ? -3 : x)) : r)) };
    expect(mcevErrorOf(() => groupInputFromTables(future)).message).toMatch(/^us_yrt\/va_model_points: row 2, column duration_mth: -3 is a policy issued after the valuation date/);
    // errors met while valuing name the entity
    const huge = vaTables(esgTable([["a", 0.02], ["sigma", 0.9], ["equity_vol", 2], ["correlation", 0], ["scenarios", 20]]));
    const e = run(huge);
    expect(e.message).toMatch(/^entity US YRT/);
  });
});
