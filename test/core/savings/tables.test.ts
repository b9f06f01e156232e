import { describe, expect, it } from "vitest";
import { McevError } from "../../../src/core/errors";
import { inflationIndex } from "../../../src/core/projection/discount";
import type { ProjectionContext } from "../../../src/core/projection/engine";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import type { HeaderTable } from "../../../src/core/projection/table";
import type { SavingsBasis } from "../../../src/core/savings/basis";
import { GUARANTEE, LEVEL, SINGLE, makeSavingsPoints } from "../../../src/core/savings/modelPoints";
import { readSavingsPoints } from "../../../src/core/savings/modelPointTable";
import { readProductSpecs } from "../../../src/core/savings/productSpec";
import { runSavings, savingsHorizon } from "../../../src/core/savings/projection";
import { PV, SAVINGS_PERIOD_LINES, SAVINGS_PV_LINES } from "../../../src/core/savings/result";
import { constantReturns, lognormalReturns, makeScenarios } from "../../../src/core/savings/scenarios";
import { readSurrenderCharges, surrenderChargeRate } from "../../../src/core/savings/surrenderCharge";

/** The savings tables' readers and the engine's refusals: every error names the argument, and where it can the row and column. */
const t = (name: string, header: string[], rows: (number | string | boolean | null)[][]): HeaderTable => ({ name, header, rows });
const charges = readSurrenderCharges(
  t("surr_charge_table", ["duration", "type_1", "type_2", "type_3"], [
    [0, 0.1, 0.08, 0.05],
    [1, 0.09, 0.07, 0.04],
    [2, 0.08, 0.06, 0.03],
  ]),
);
const lifelibSpecs = t("product_spec_table", ["spec_id", "premium_type", "has_surr_charge", "surr_charge_id", "load_prem_rate", "is_wl"], [
  ["A", "SINGLE", false, null, 0, false],
  ["B", "SINGLE", true, "type_1", 0, false],
  ["C", "LEVEL", false, null, 0.1, false],
  ["D", "LEVEL", true, "type_3", 0.05, false],
]);
const refusal = (f: () => unknown): McevError => {
  try {
    f();
  } catch (e) {
    if (e instanceof McevError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("surrender charges", () => {
  it("reads patterns by policy year; the last year continues", () => {
    expect(charges.ids).toEqual(["type_1", "type_2", "type_3"]);
    expect(surrenderChargeRate(charges, 0, 1)).toBe(0.09);
    expect(surrenderChargeRate(charges, 2, 2)).toBe(0.03);
    expect(surrenderChargeRate(charges, 2, 40)).toBe(0.03);
  });
  it("refuses years out of order and rates outside 0..1, naming row and column", () => {
    expect(refusal(() => readSurrenderCharges(t("surr_charge_table", ["duration", "type_1"], [[0, 0.1], [2, 0.05]]))).message).toBe("surr_charge_table: row 2, column duration: 2 is not policy year 1; the years start at 0 and are consecutive");
    expect(refusal(() => readSurrenderCharges(t("surr_charge_table", ["duration", "type_1"], [[0, 1.5]]))).message).toBe("surr_charge_table: row 1, column type_1: 1.5 is not a rate between 0 and 1");
    expect(refusal(() => readSurrenderCharges(t("surr_charge_table", ["year", "type_1"], [[0, 0.1]]))).message).toMatch(/^surr_charge_table: has no column "duration"/);
  });
});

describe("product specs", () => {
  const specs = readProductSpecs(lifelibSpecs, charges);
  it("lifelib's four specs: premium type, load, surrender-charge column; guarantees default to the sum assured", () => {
    expect(specs.get("A")).toEqual({ premiumType: SINGLE, loadRate: 0, feeRate: 0, surrenderCharge: -1, deathGuarantee: GUARANTEE.SUM_ASSURED, maturityGuarantee: GUARANTEE.SUM_ASSURED, rollUpRate: 0, wholeLife: 0 });
    expect(specs.get("B")?.surrenderCharge).toBe(0);
    expect(specs.get("C")?.premiumType).toBe(LEVEL);
    expect(specs.get("C")?.loadRate).toBe(0.1);
    expect(specs.get("D")?.surrenderCharge).toBe(2);
  });
  it("optional fee and guarantee columns, codes in any case", () => {
    const va = readProductSpecs(t("product_spec_table", ["spec_id", "premium_type", "fee_rate", "gmdb", "gmab", "roll_up_rate"], [["VA", "single", 0.015, "roll_up", "return_of_premium", 0.05]]));
    expect(va.get("VA")).toEqual({ premiumType: SINGLE, loadRate: 0, feeRate: 0.015, surrenderCharge: -1, deathGuarantee: GUARANTEE.ROLL_UP, maturityGuarantee: GUARANTEE.RETURN_OF_PREMIUM, rollUpRate: 0.05, wholeLife: 0 });
  });
  it("refuses bad codes, a charge without a pattern, an unknown pattern and a repeated spec", () => {
    expect(refusal(() => readProductSpecs(t("product_spec_table", ["spec_id", "premium_type", "gmdb"], [["X", "LEVEL", "ratchet"]]))).message).toBe(
      'product_spec_table: row 1, column gmdb: "ratchet" is not a guarantee: NONE, SUM_ASSURED, RETURN_OF_PREMIUM, ROLL_UP',
    );
    expect(refusal(() => readProductSpecs(t("product_spec_table", ["spec_id", "premium_type"], [["X", "MONTHLY"]]))).message).toBe('product_spec_table: row 1, column premium_type: "MONTHLY" is not a premium type: SINGLE or LEVEL');
    expect(refusal(() => readProductSpecs(t("product_spec_table", ["spec_id", "premium_type", "has_surr_charge", "surr_charge_id"], [["X", "LEVEL", true, null]]), charges)).message).toBe(
      "product_spec_table: row 1, column surr_charge_id: is blank; has_surr_charge is TRUE, so give a column of surr_charge_table",
    );
    expect(refusal(() => readProductSpecs(t("product_spec_table", ["spec_id", "premium_type", "has_surr_charge", "surr_charge_id"], [["X", "LEVEL", true, "type_9"]]), charges)).message).toBe(
      'product_spec_table: row 1, column surr_charge_id: "type_9" is not a column of surr_charge_table (type_1, type_2, type_3)',
    );
    expect(refusal(() => readProductSpecs(t("product_spec_table", ["spec_id", "premium_type"], [["X", "LEVEL"], ["X", "SINGLE"]]))).message).toBe("product_spec_table: row 2, column spec_id: a second row for spec X (the first is row 1)");
  });
});

describe("model points", () => {
  const specs = readProductSpecs(lifelibSpecs, charges);
  const header = ["spec_id", "age_at_entry", "sex", "policy_term", "policy_count", "sum_assured", "duration_mth", "premium_pp", "av_pp_init", "accum_prem_init_pp"];
  it("lifelib's layout without an id column: points are numbered by row; the spec's features are joined on", () => {
    const table = readSavingsPoints(t("model_point_table", header, [["D", 19, "M", 14, 263.8, 308575, 0, 209922, 0, 0], ["B", 24, "M", 14, 654.8, 361588, 0, 301119, 0, 0]]), specs);
    expect(table.ids).toEqual([1, 2]);
    const p = table.points;
    expect(Array.from(p.premiumType)).toEqual([LEVEL, SINGLE]);
    expect(Array.from(p.loadRate)).toEqual([0.05, 0]);
    expect(Array.from(p.surrenderCharge)).toEqual([2, 0]);
    expect(Array.from(p.policyCount)).toEqual([263.8, 654.8]);
  });
  it("refuses an unknown spec, a negative count and a repeated id, naming row and column", () => {
    expect(refusal(() => readSavingsPoints(t("model_point_table", header, [["E", 19, "M", 14, 263.8, 308575, 0, 209922, 0, 0]]), specs)).message).toBe('model_point_table: row 1, column spec_id: "E" is not a spec_id of the product spec table (A, B, C, D)');
    expect(refusal(() => readSavingsPoints(t("model_point_table", header, [["A", 19, "M", 14, -1, 308575, 0, 209922, 0, 0]]), specs)).message).toBe("model_point_table: row 1, column policy_count: -1 is not a number of policies >= 0");
    expect(refusal(() => readSavingsPoints(t("model_point_table", ["point_id", ...header], [[7, "A", 19, "M", 14, 1, 308575, 0, 209922, 0, 0], [7, "A", 19, "M", 14, 1, 308575, 0, 209922, 0, 0]]), specs)).message).toBe(
      "model_point_table: row 2, column point_id: a second row for point 7 (the first is row 1)",
    );
  });
  it("makeSavingsPoints checks its columns", () => {
    expect(refusal(() => makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [1], sumAssured: [0], premium: [NaN] })).message).toBe("model_points (value 1): row 1, column premium_pp: NaN is not an amount >= 0");
    expect(refusal(() => makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [1], sumAssured: [0], premium: [1], maturityGuarantee: [4] })).message).toBe("model_points (value 1): row 1, column gmab: 4 is not a guarantee code 0..3");
    expect(refusal(() => makeSavingsPoints({ ageAtEntry: [40, 41], policyTerm: [10], policyCount: [1, 1], sumAssured: [0, 0], premium: [1, 1] })).message).toBe("model_points: column policy_term has 1 rows, age_at_entry has 2");
  });
});

describe("scenarios and the engine's refusals", () => {
  const basis: SavingsBasis = { coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
  const points = makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [1], sumAssured: [1000], premium: [1000], premiumType: [SINGLE] });
  const steps = savingsHorizon(points);
  const ctx: ProjectionContext = { steps, stepsPerYear: 12, discount: new Float64Array(steps).fill(1), inflation: inflationIndex(0, steps) };

  it("the line lists: PV lines in the per-period lines, and the index maps agree", () => {
    SAVINGS_PV_LINES.forEach((line, k) => expect(PV[line]).toBe(k));
    for (const line of SAVINGS_PV_LINES) expect(SAVINGS_PERIOD_LINES).toContain(line);
  });
  it("scenarios: shape, returns at or below −100%, deflators <= 0, non-finite normals, negative volatility", () => {
    expect(refusal(() => makeScenarios(2, 3, new Float64Array(5))).message).toBe("returns: has 5 values; 2 scenarios × 3 months need 6");
    expect(refusal(() => makeScenarios(2, 3, Float64Array.of(0, 0, 0, 0, -1, 0))).message).toBe("returns (value 5): scenario 2, month 1: -1 is not a return above −100%");
    expect(refusal(() => makeScenarios(1, 2, new Float64Array(2), Float64Array.of(1, 0))).message).toBe("deflators (value 2): scenario 1, month 1: 0 is not a deflator > 0");
    expect(refusal(() => lognormalReturns(Float64Array.of(0, Infinity), 1, 2, 0.02, 0.1)).message).toBe("normals (value 2): scenario 1, month 1: Infinity is not a finite number");
    expect(refusal(() => lognormalReturns(new Float64Array(2), 1, 2, 0.02, -0.1)).message).toBe("sigma: -0.1 is not a volatility >= 0");
  });
  it("the engine: too few months of returns, annual steps, a slice out of range, ages outside the table, whole life without a table", () => {
    expect(refusal(() => runSavings(points, basis, constantReturns(0, 100), ctx)).message).toBe("returns: have 100 months per scenario; the projection needs 121");
    expect(refusal(() => runSavings(points, basis, constantReturns(0, steps), { ...ctx, stepsPerYear: 1 })).message).toBe("steps_per_year: 1: the account-value engine runs monthly steps only (12)");
    expect(refusal(() => runSavings(points, basis, constantReturns(0, steps), ctx, { from: 0, to: 2 })).message).toBe("model_points: the slice 0..2 is outside 0..1");
    const young = makeMortalityTable(20, new Array(26).fill(0.001), 1);
    expect(refusal(() => runSavings(points, { ...basis, mortality: young }, constantReturns(0, steps), ctx)).message).toBe("mortality: model point row 1 reaches attained ages 40..49, outside the table's 20..45");
    const wl = makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [1], sumAssured: [0], premium: [1], wholeLife: [1] });
    expect(refusal(() => runSavings(wl, basis, constantReturns(0, steps), ctx)).message).toBe("mortality: model point row 1 is whole life (is_wl): its term runs to the mortality table's last age, and no mortality table was given");
    const charged = makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [1], sumAssured: [0], premium: [1], surrenderCharge: [3] });
    expect(refusal(() => runSavings(charged, { ...basis, surrenderCharges: charges }, constantReturns(0, steps), ctx)).message).toBe("surr_charge_table: model point row 1 has surrender-charge column 4, and the table has 3 columns");
    expect(refusal(() => runSavings(points, { ...basis, commissionRate: -0.1 }, constantReturns(0, steps), ctx)).message).toBe("commission_rate: -0.1 is not a share of premium between 0 and 10");
  });
  it("charges larger than the account value leave it negative (as lifelib) and every output finite", () => {
    const mortality = makeMortalityTable(0, new Array(131).fill(0.5), 1);
    const run = runSavings(points, { ...basis, mortality, coiMultiple: 10 }, constantReturns(-0.5, steps), ctx, { perPeriod: true, perPoint: true });
    expect(run.pv[PV.coi]).toBeGreaterThan(0);
    expect([...run.pv, ...(run.perPeriod ?? []), ...(run.pvByPoint ?? [])].every(Number.isFinite)).toBe(true);
  });
});
