import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/cli/csv";
import {
  curveNodes,
  forSex,
  ImprovementRate,
  readAssumptionSet,
  readCapital,
  readCommission,
  readDiscountRates,
  readExpenses,
  readLapse,
  readModelPoints,
  readMortality,
  readMortalityImprovement,
  readPremiumRates,
  readReinsurance,
  readTax,
  readYrtRates,
  readZeroCurve,
  splitModelPoints,
  taxRate,
  TABLE_NAMES,
} from "../../src/core/assumptions";
import * as fields from "../../src/core/assumptions/fields";
import { fitCurve } from "../../src/core/curves";
import { McevError } from "../../src/core/errors";
import { discountSpotByYear, inflationIndex } from "../../src/core/projection/discount";
import { improvementRate } from "../../src/core/projection/improvement";
import { runProjection } from "../../src/core/projection/engine";
import { termAssurance } from "../../src/core/projection/products/termAssurance";
import { fromCells, type HeaderTable } from "../../src/core/projection/table";
import * as v from "valibot";
import { mcevErrorOf } from "../helpers";

const examples = join(__dirname, "../../examples/assumptions");
const basicTerm = join(__dirname, "../../../shared/benchmarks/lifelib-basicterm");

/** A table from CSV text, as the CLI reads it. */
const csv = (name: string, text: string): HeaderTable => fromCells(name, parseCsv(text, name));
const file = (dir: string, path: string, name = path.split("/").pop()?.replace(/\.csv$/, "") as string) => csv(name, readFileSync(join(dir, path), "utf8"));
const example = (kind: string) => file(examples, `${kind}.csv`);

/** The message of the McevError #VALUE! that `f` throws. */
function refusal(f: () => unknown): string {
  const e: McevError = mcevErrorOf(f);
  expect(e.code).toBe("VALUE");
  return e.message;
}

describe("examples/assumptions: every file reads", () => {
  const files = readdirSync(examples).filter((f) => f.endsWith(".csv"));

  it("one file per table kind (one reference curve: zero_curve; annuitants on the life table), and readAssumptionSet reads them all (with the cross-checks)", () => {
    expect(files.map((f) => f.replace(/\.csv$/, "")).sort()).toEqual(TABLE_NAMES.filter((n) => n !== "discount_rates" && n !== "annuity_mortality").sort());
    const tables = Object.fromEntries(files.map((f) => [f.replace(/\.csv$/, ""), file(examples, f)]));
    const set = readAssumptionSet(tables);
    expect(Object.keys(set).sort()).toEqual(
      ["capital", "commission", "expenses", "lapse", "modelPoints", "mortality", "mortalityImprovement", "premiumRates", "reinsurance", "tax", "yrtRates", "zeroCurve"].sort(),
    );
  });

  it("model_points: ten points, two of each product, both sexes", () => {
    const mp = readModelPoints(example("model_points"));
    expect(mp.points.count).toBe(10);
    expect(mp.product).toEqual(["TERM", "TERM", "DECREASING_TERM", "DECREASING_TERM", "ANNUITY", "ANNUITY", "YRT", "YRT", "QUOTA_SHARE", "QUOTA_SHARE"]);
    expect(mp.sex).toEqual(["M", "F", "M", "F", "M", "F", "M", "F", "M", "F"]);
    expect([...mp.points.durationMonths]).toEqual([1, 210, 0, 24, 0, 36, 0, 60, 12, 0]);
    expect(mp.points.premium).toBeUndefined();
    const groups = splitModelPoints(mp);
    expect(groups.map((g) => [g.product, [...g.rows]])).toEqual([
      ["TERM", [0, 1]],
      ["DECREASING_TERM", [2, 3]],
      ["ANNUITY", [4, 5]],
      ["YRT", [6, 7]],
      ["QUOTA_SHARE", [8, 9]],
    ]);
    expect([...(groups[3]?.points.sumAssured ?? [])]).toEqual([1000000, 800000]);
    expect(splitModelPoints(mp, { bySex: true }).map((g) => `${g.product}/${g.sex}`)).toHaveLength(10);
  });

  it("mortality: lifelib's select-and-ultimate table, ages 18..120, 5 select years", () => {
    const m = readMortality(example("mortality"));
    expect(m.selectYears).toBe(5);
    const t = m.tables.unisex;
    expect([t?.minAge, t?.maxAge, t?.columns]).toEqual([18, 120, 6]);
    expect(t?.q[0]).toBe(0.0002310671048780701);
  });

  it("the other kinds", () => {
    expect(readMortalityImprovement(example("mortality_improvement"))).toEqual({ unisex: { kind: "flat", rate: 0.01 } });
    expect([...readLapse(example("lapse")).annual]).toEqual([0.1, 0.08, 0.06, 0.04, 0.02]);
    expect(readExpenses(example("expenses"))).toEqual({ acquisitionPerPolicy: 300, maintenancePerPolicyPerYear: 60, percentOfPremium: 0, inflation: 0.01 });
    expect(readCommission(example("commission"))).toEqual({ commissionFirstYear: 1, commissionRenewal: 0 });
    const tax = readTax(example("tax"));
    expect([...tax.byKey]).toEqual([["FRANCE", 0.344], ["GERMANY", 0.325], ["USA", 0.35], ["UK", 0.24], ["IRELAND", 0.125]]);
    expect(taxRate(tax, "usa")).toBe(0.35);
    expect(readReinsurance(example("reinsurance"))).toEqual({ quotaShare: 0.5, retention: 500000, commissionFirstYear: 0.2, commissionRenewal: 0.1 });
    const yrt = readYrtRates(example("yrt_rates")).unisex;
    expect([yrt?.minAge, yrt?.maxAge, yrt?.rates.length]).toEqual([18, 120, 103]);
    expect(readCapital(example("capital"))).toEqual({ capitalReserveShare: 0.04, capitalSumAtRiskShare: 0.003, minimum: { capitalReserveShare: 0.0267, capitalSumAtRiskShare: 0.002 } });
    const premium = readPremiumRates(example("premium_rates"));
    expect(premium.count).toBe(120);
    expect(premium.rate(20, 10)).toBe(4.640975421603339e-5);
    expect(premium.rate(20, 11)).toBeUndefined();
    const discount = readDiscountRates(file(basicTerm, "BasicTerm_ME/disc_rate_ann.csv", "discount_rates"));
    expect(discount.spotByYear.length).toBe(151);
    expect(discount.spotByYear[1]).toBe(0.00555);
  });

  it("zero_curve: the four 2011 swap curves of seed 003 Table 10, ready for fitCurve", () => {
    const curves = readZeroCurve(example("zero_curve"));
    expect([...curves.byCurrency.keys()]).toEqual(["EUR", "USD", "GBP", "CAD"]);
    const eur = curveNodes(curves, "eur");
    expect([...eur.terms]).toEqual([5, 10, 15, 20, 25, 30]);
    expect([...eur.rates]).toEqual([0.0173, 0.0243, 0.0274, 0.0275, 0.0265, 0.0255]);
    expect(fitCurve({ ...eur, method: "LINEAR" }).zeroRate(10)).toBeCloseTo(0.0243, 12);
    // the wide layout of examples/curves gives the same nodes
    const wide = readZeroCurve(file(join(examples, "../curves"), "swap-zero-2011-12-31.csv", "zero_curve"));
    expect([...curveNodes(wide, "EUR").rates]).toEqual([...eur.rates]);
    expect([...wide.byCurrency.keys()]).toEqual(["EUR", "USD", "GBP", "CAD"]);
  });

  it("the TERM points run through the engine with the example tables (wiring smoke test)", () => {
    const set = readAssumptionSet({
      model_points: example("model_points"),
      mortality: example("mortality"),
      lapse: example("lapse"),
      expenses: example("expenses"),
      commission: example("commission"),
      premium_rates: example("premium_rates"),
      discount_rates: file(basicTerm, "BasicTerm_ME/disc_rate_ann.csv", "discount_rates"),
    });
    const term = splitModelPoints(set.modelPoints as NonNullable<typeof set.modelPoints>).find((g) => g.product === "TERM");
    if (!term || !set.mortality?.tables.unisex || !set.lapse || !set.expenses || !set.commission || !set.premiumRates || !set.discountRates) throw new Error("incomplete set");
    const basis = { mortality: set.mortality.tables.unisex, lapse: set.lapse, premium: { kind: "rateTable" as const, rate: set.premiumRates.rate }, ...set.expenses, ...set.commission };
    const steps = termAssurance.horizon(term.points);
    const ctx = { steps, stepsPerYear: 12, discount: discountSpotByYear(set.discountRates.spotByYear, steps + 1), inflation: inflationIndex(set.expenses.inflation, steps) };
    const result = runProjection(termAssurance, term.points, basis, ctx, { perPeriod: false });
    expect(result.premiumByPoint[0]).toBe(94.84); // lifelib BasicTerm_ME point 1: 622,000 × the rate for (47, 10)
    expect(Number.isFinite(result.pv[4])).toBe(true);
  });
});

describe("lifelib BasicTerm CSVs read as they are", () => {
  it("BasicTerm_M: point_id, no duration_mth; the README's facts about the data", () => {
    const t = file(basicTerm, "BasicTerm_M/model_point_table.csv");
    const mp = readModelPoints(t);
    expect(mp.points.count).toBe(10000);
    expect(mp.ids[9999]).toBe(10000);
    // point 1: age 47, term 10, sum assured 622,000 (README §4.2); terms 10/15/20 in 3,480/3,168/3,352 points
    expect([mp.points.ageAtEntry[0], mp.points.policyTerm[0], mp.points.sumAssured[0]]).toEqual([47, 10, 622000]);
    expect([10, 15, 20].map((n) => mp.points.policyTerm.filter((x) => x === n).length)).toEqual([3480, 3168, 3352]);
    expect(mp.points.policyCount.every((c) => c === 1)).toBe(true);
    expect(mp.points.durationMonths.every((d) => d === 0)).toBe(true);
    expect(new Set(mp.product)).toEqual(new Set(["TERM"]));
    expect(new Set(mp.sex)).toEqual(new Set(["M", "F"]));
  });

  it("BasicTerm_ME: policy_id and duration_mth; the run's default product", () => {
    const t = file(basicTerm, "BasicTerm_ME/model_point_table.csv");
    const mp = readModelPoints(t, { defaultProduct: "DECREASING_TERM" });
    // README §2: 1,730 future (negative) durations, 46 new business at t = 0; policy 1 has duration 1
    expect(mp.points.durationMonths.filter((d) => d < 0).length).toBe(1730);
    expect(mp.points.durationMonths.filter((d) => d === 0).length).toBe(46);
    expect(mp.points.durationMonths[0]).toBe(1);
    expect(mp.product[0]).toBe("DECREASING_TERM");
  });

  it("mortality, premium table and discount rates read exactly", () => {
    const mort = readMortality(file(basicTerm, "BasicTerm_M/mort_table.csv")).tables.unisex;
    expect([mort?.minAge, mort?.maxAge, mort?.columns]).toEqual([18, 120, 6]);
    expect(mort?.q[0]).toBe(0.0002310671048780701); // age 18, policy year 0, as written in the file
    expect(mort?.q[(115 - 18) * 6]).toBe(1); // ages 115..120 are all 1
    const rates = readPremiumRates(file(basicTerm, "BasicTerm_ME/premium_table.csv"));
    expect(rates.count).toBe(120);
    expect(Math.round(622000 * (rates.rate(47, 10) as number) * 100) / 100).toBe(94.84); // policy 1's premium (README §4.3)
    const spot = readDiscountRates(file(basicTerm, "BasicTerm_ME/disc_rate_ann.csv")).spotByYear;
    expect([spot.length, spot[0], spot[1]]).toEqual([151, 0, 0.00555]);
  });

  it("readAssumptionSet takes lifelib's file names as aliases", () => {
    const dir = "BasicTerm_ME";
    const names = ["model_point_table", "mort_table", "premium_table", "disc_rate_ann"];
    const set = readAssumptionSet(Object.fromEntries(names.map((n) => [`${n}.csv`, file(basicTerm, `${dir}/${n}.csv`)])));
    expect(set.modelPoints?.points.count).toBe(10000);
    expect(set.mortality?.selectYears).toBe(5);
    expect(set.premiumRates?.count).toBe(120);
    expect(set.discountRates?.spotByYear.length).toBe(151);
  });
});

describe("bad input: one error naming the table, the row and the column", () => {
  const mpHeader = "policy_id,product,sex,age_at_entry,policy_term,policy_count,sum_assured\n";
  const points = (rows: string) => csv("model_points", mpHeader + rows);

  it("an unknown product", () => {
    expect(refusal(() => readModelPoints(points("1,TERM,M,40,10,1,1000\n2,TERMX,F,40,10,1,1000\n")))).toBe(
      'model_points: row 2, column product: "TERMX" is not a product: TERM, DECREASING_TERM, ANNUITY, YRT, QUOTA_SHARE',
    );
    // lower case is accepted; a blank cell takes the default
    expect(readModelPoints(points("1,term,M,40,10,1,1000\n2,,F,40,10,1,1000\n"), { defaultProduct: "ANNUITY" }).product).toEqual(["TERM", "ANNUITY"]);
  });

  it("a missing column", () => {
    expect(refusal(() => readModelPoints(csv("model_points", "policy_id,age_at_entry,policy_term,policy_count\n1,40,10,1\n")))).toBe(
      'model_points: has no column "sum_assured"; its columns are policy_id, age_at_entry, policy_term, policy_count',
    );
    expect(refusal(() => readModelPoints(csv("mp.csv", "age_at_entry,policy_term,policy_count,sum_assured\n40,10,1,1000\n")))).toBe(
      'mp.csv: has no column "policy_id" or "point_id" or "id"; its columns are age_at_entry, policy_term, policy_count, sum_assured',
    );
    expect(refusal(() => readLapse(csv("lapse", "rate\n0.1\n")))).toBe('lapse: has no column "policy_year" or "duration"; its columns are rate');
  });

  it("a column the table does not know (a typo in an optional column is not ignored)", () => {
    expect(refusal(() => readModelPoints(csv("model_points", "policy_id,age_at_entry,policy_term,policy_count,sum_assured,premuim\n1,40,10,1,1000,5\n")))).toBe(
      'model_points: has a column "premuim" it does not know; the columns it knows are policy_id, product, sex, age_at_entry, policy_term, policy_count, sum_assured, duration_mth, premium',
    );
  });

  it("negative sum assured", () => {
    expect(refusal(() => readModelPoints(points("1,TERM,M,40,10,1,1000\n2,TERM,M,40,10,1,1000\n3,TERM,M,40,10,1,-5\n")))).toBe(
      "model_points: row 3, column sum_assured: -5 is not an amount >= 0",
    );
  });

  it("text in a numeric column, a blank required cell, a fractional age, an age above 130", () => {
    expect(refusal(() => readModelPoints(points("1,TERM,M,40,ten,1,1000\n")))).toBe(
      'model_points: row 1, column policy_term: "ten" is not a policy term, a whole number of years from 1 to 130',
    );
    expect(refusal(() => readModelPoints(points("1,TERM,M,40,10,,1000\n")))).toBe("model_points: row 1, column policy_count: is blank; give a number of policies >= 0");
    expect(refusal(() => readModelPoints(points("1,TERM,M,40.5,10,1,1000\n")))).toBe(
      "model_points: row 1, column age_at_entry: 40.5 is not an age, a whole number from 0 to 130",
    );
    expect(refusal(() => readMortality(csv("mortality", "Age,0\n131,0.5\n")))).toBe("mortality: row 1, column Age: 131 is not an age, a whole number from 0 to 130");
    expect(refusal(() => readDiscountRates(csv("discount_rates", "year,zero_spot\n0,0\n1,1%\n")))).toBe(
      'discount_rates: row 2, column zero_spot: "1%" is not an interest rate above -1 and below 1 (a decimal: 0.0243 for 2.43%)',
    );
  });

  it("a rate above 1", () => {
    expect(refusal(() => readLapse(csv("lapse", "policy_year,rate\n1,0.1\n2,1.5\n")))).toBe("lapse: row 2, column rate: 1.5 is not a rate between 0 and 1 (a decimal: 0.05 for 5%)");
    expect(refusal(() => readMortality(csv("mortality", "Age,0,1\n30,0.001,0.002\n31,0.001,1.2\n")))).toBe('mortality: row 2, column "1": 1.2 is not a probability between 0 and 1');
    expect(refusal(() => readTax(csv("tax", "jurisdiction,rate\nFrance,34.4\n")))).toBe("tax: row 1, column rate: 34.4 is not a rate between 0 and 1 (a decimal: 0.05 for 5%)");
  });

  it("duplicate keys: ids, (age, sex), (age, term), jurisdictions, (currency, term), parameter names", () => {
    expect(refusal(() => readModelPoints(points("7,TERM,M,40,10,1,1000\n8,TERM,M,40,10,1,1000\n7,TERM,M,40,10,1,1000\n")))).toBe(
      "model_points: row 3, column policy_id: a second row for id 7 (the first is row 1)",
    );
    expect(refusal(() => readMortality(csv("mortality", "Age,sex,0\n30,M,0.001\n30,F,0.001\n31,M,0.001\n30,M,0.001\n")))).toBe(
      "mortality: row 4, column Age: a second row for age 30, sex M (the first is row 1)",
    );
    expect(refusal(() => readPremiumRates(csv("premium_rates", "age_at_entry,policy_term,premium_rate\n20,10,0.0001\n20,15,0.0001\n20,10,0.0002\n")))).toBe(
      "premium_rates: row 3, column policy_term: a second row for age at entry 20 and policy term 10 (the first is row 1)",
    );
    expect(refusal(() => readTax(csv("tax", "country,rate\nFrance,0.344\nfrance,0.361\n")))).toBe("tax: row 2, column country: a second row for france (the first is row 1)");
    expect(refusal(() => readZeroCurve(csv("zero_curve", "currency,term,rate\nEUR,5,0.01\nEUR,5,0.02\n")))).toBe(
      "zero_curve: row 2, column term: a second row for term 5 in EUR (the first is row 1)",
    );
    expect(refusal(() => readExpenses(csv("expenses", "name,value\nacquisition_per_policy,300\nmaintenance_per_policy_per_year,60\ninflation,0.01\nacquisition_per_policy,200\n")))).toBe(
      "expenses: row 4, column name: a second row for acquisition_per_policy (the first is row 1)",
    );
    expect(refusal(() => readLapse(csv("lapse", "policy_year,rate\n1,0.1\n1,0.08\n")))).toBe("lapse: row 2, column policy_year: a second row for policy_year 1 (the first is row 1)");
  });

  it("ages: not consecutive, not sorted, and outside the mortality table for a model point", () => {
    expect(refusal(() => readMortality(csv("mortality", "Age,0\n30,0.001\n31,0.001\n34,0.001\n")))).toBe(
      "mortality: row 3, column Age: age 34 does not follow age 31; ages must be consecutive (32..33 are missing)",
    );
    expect(refusal(() => readYrtRates(csv("yrt_rates", "age,sex,rate\n30,F,0.001\n31,F,0.001\n30,M,0.001\n29,M,0.001\n")))).toBe(
      "yrt_rates: row 4, column age: age 29 comes after age 30 (sex M); sort the rows by age",
    );
    const mortality = csv("mortality", "Age,0,1\n18,0.001,0.002\n19,0.001,0.002\n20,0.001,0.002\n21,0.001,0.002\n22,0.001,0.002\n");
    expect(refusal(() => readAssumptionSet({ model_points: points("1,TERM,M,18,5,1,1000\n2,TERM,F,20,5,1,1000\n"), mortality }))).toBe(
      "model_points: row 2, column age_at_entry: age at entry 20 with policy term 5 reaches attained ages 20..24, outside the mortality table's ages 18..22",
    );
    // in force for 3 years: the ages still to run are 23..24 — still outside
    const inForce = csv("model_points", "policy_id,age_at_entry,policy_term,policy_count,sum_assured,duration_mth\n1,20,5,1,1000,36\n2,20,3,1,1000,36\n");
    expect(refusal(() => readAssumptionSet({ model_points: inForce, mortality }))).toContain("row 1, column age_at_entry: age at entry 20 with policy term 5 reaches attained ages 23..24");
  });

  it("mortality by sex: both sexes in one table; a sex the table lacks is refused with the model point's row", () => {
    const both = csv("mortality", "age,sex,0,1\n40,M,0.002,0.003\n41,M,0.0022,0.0033\n40,F,0.001,0.0015\n41,F,0.0011,0.0016\n");
    const m = readMortality(both);
    expect(m.tables.unisex).toBeUndefined();
    expect([...(m.tables.F?.q ?? [])]).toEqual([0.001, 0.0015, 0.0011, 0.0016]);
    const maleOnly = csv("mortality", "age,sex,0\n40,M,0.002\n41,M,0.0022\n");
    expect(refusal(() => readAssumptionSet({ model_points: points("1,TERM,M,40,2,1,1000\n2,TERM,F,40,2,1,1000\n"), mortality: maleOnly }))).toBe(
      "model_points: row 2, column sex: F, but the mortality table has no rates for sex F",
    );
    expect(refusal(() => readAssumptionSet({ model_points: csv("model_points", "id,age_at_entry,policy_term,policy_count,sum_assured\n1,40,2,1,1000\n"), mortality: both }))).toBe(
      "model_points: has no sex column, and the mortality table has rates by sex",
    );
  });

  it("key/value tables: an unknown name, a missing required name, a bad value, two rows in the wide layout", () => {
    expect(refusal(() => readExpenses(csv("expenses", "name,value\nacquisition,300\n")))).toBe(
      'expenses: row 1, column name: "acquisition" is not a name this table knows; the names are acquisition_per_policy, maintenance_per_policy_per_year, percent_of_premium, inflation',
    );
    expect(refusal(() => readExpenses(csv("expenses", "name,value\nacquisition_per_policy,300\nmaintenance_per_policy_per_year,60\n")))).toBe(
      'expenses: has no row for "inflation"; its required names are acquisition_per_policy, maintenance_per_policy_per_year, inflation',
    );
    expect(refusal(() => readReinsurance(csv("reinsurance", "name,value\nquota_share,1.5\n")))).toBe(
      "reinsurance: row 1, column value: 1.5 is not a rate between 0 and 1 (a decimal: 0.05 for 5%) (quota_share)",
    );
    expect(refusal(() => readReinsurance(csv("reinsurance", "name,value\ncommission_first_year,0.1\n")))).toBe('reinsurance: gives neither "quota_share" nor "retention"; give at least one');
    expect(refusal(() => readCapital(csv("capital", "reserve_share,sum_at_risk_share\n0.04,0.003\n0.05,0.003\n")))).toContain("capital: has 2 rows; with one column per parameter it takes exactly one row");
    expect(refusal(() => readCommission(csv("commission", "first_year,renewal\n1,-0.1\n")))).toBe("commission: row 1, column renewal: -0.1 is not a share of premium between 0 and 10 (a decimal: 0.5 for 50%)");
    // the key/value layout, names in any case
    expect(readCommission(csv("commission", "Name,Value\nFIRST_YEAR,0.5\nrenewal,0.05\n"))).toEqual({ commissionFirstYear: 0.5, commissionRenewal: 0.05 });
  });

  it("tables: an unknown name, and two names for one table", () => {
    const lapse = csv("lapse", "policy_year,rate\n1,0.1\n");
    expect(refusal(() => readAssumptionSet({ lapses: lapse }))).toBe(`lapses: is not an assumption table; the tables are ${TABLE_NAMES.join(", ")}`);
    const mt = csv("mortality", "age,q\n40,0.002\n");
    expect(refusal(() => readAssumptionSet({ mortality: mt, "mort_table.csv": mt }))).toBe('mort_table.csv: and "mortality" are both the mortality table; give one');
  });

  it("mortality improvement: by age and calendar year (consecutive years, edges continue), or flat with a base year", () => {
    const imp = forSex(readMortalityImprovement(csv("mortality_improvement", "age,2012,2013,2014\n60,0.02,0.019,0.018\n61,0.021,0.02,0.019\n")), "M", "mortality_improvement");
    expect(imp).toMatchObject({ kind: "table", minAge: 60, firstYear: 2012, years: 3 });
    expect(improvementRate(imp, 61, 2013)).toBe(0.02);
    expect(improvementRate(imp, 90, 2030)).toBe(0.019);
    expect(improvementRate(imp, 20, 2000)).toBe(0.02);
    const bySex = readMortalityImprovement(csv("mortality_improvement", "age,sex,2012\n60,M,0.02\n60,F,0.01\n"));
    expect(bySex.unisex).toBeUndefined();
    expect([improvementRate(forSex(bySex, "M", "mi"), 60, 2012), improvementRate(forSex(bySex, "F", "mi"), 60, 2012)]).toEqual([0.02, 0.01]);
    expect(readMortalityImprovement(csv("mortality_improvement", "rate,base_year\n0.015,2011\n"))).toEqual({ unisex: { kind: "flat", rate: 0.015, baseYear: 2011 } });
    expect(refusal(() => readMortalityImprovement(csv("mortality_improvement", "rate\n1\n")))).toBe(
      "mortality_improvement: row 1, column rate: 1 is not an improvement rate above -1 and below 1 (a decimal: 0.015 for 1.5% a year)",
    );
    expect(refusal(() => readMortalityImprovement(csv("mortality_improvement", "age,2012,2014\n60,0.02,0.019\n")))).toBe(
      "mortality_improvement: column 3 is the year 2014 after 2012; the year columns must be consecutive calendar years in order",
    );
  });

  it("duration instead of policy_year in lapse starts at 0; the first year must be right", () => {
    expect([...readLapse(csv("lapse", "duration,rate\n0,0.1\n1,0.05\n")).annual]).toEqual([0.1, 0.05]);
    expect(refusal(() => readLapse(csv("lapse", "policy_year,rate\n0,0.1\n")))).toBe(
      "lapse: row 1, column policy_year: 0 is not a policy year, a whole number from 1 (the first year) to 130",
    );
    expect(refusal(() => readLapse(csv("lapse", "policy_year,rate\n1,0.1\n3,0.1\n")))).toBe(
      "lapse: row 2, column policy_year: policy_year 3 does not follow 1; the years must be consecutive and in order",
    );
  });
});

describe("reading details", () => {
  it("a worksheet range around an Excel table: blank rows at the end and blank unnamed columns are dropped", () => {
    const range: HeaderTable = {
      name: "lapse",
      header: ["policy_year", "rate", ""],
      rows: [
        [1, 0.1, null],
        [2, 0.05, null],
        [null, null, null],
        [null, "", null],
      ],
    };
    expect([...readLapse(range).annual]).toEqual([0.1, 0.05]);
    // a blank row inside the table is still an error, with its number
    expect(refusal(() => readLapse({ ...range, rows: [[1, 0.1, null], [null, null, null], [3, 0.05, null]] }))).toBe(
      "lapse: row 2, column policy_year: is blank; give a policy year, a whole number from 1 (the first year) to 130",
    );
  });

  it("headers: case-insensitive, blanks around ignored, inner blanks read as _", () => {
    const mp = readModelPoints(csv("mp", "Point ID, Age at entry ,POLICY_TERM,Policy Count,Sum-Assured,Sex\n1,40,10,1,1000, f \n"));
    expect(mp.sex).toEqual(["F"]);
    expect(refusal(() => readModelPoints(csv("mp", "point_id,policy_id,age_at_entry,policy_term,policy_count,sum_assured\n1,1,40,10,1,1000\n")))).toBe(
      'mp: has two columns for policy_id: "point_id" and "policy_id"',
    );
  });

  it("the fast checks are narrower than their schemas: a cell they accept is accepted by valibot unchanged", () => {
    const schemas = [
      fields.age(),
      fields.policyTerm(),
      fields.amount(),
      fields.count(),
      fields.months(),
      fields.probability(),
      fields.rate(),
      fields.commissionRate(),
      fields.interest(),
      ImprovementRate,
      fields.product(),
      fields.sex(),
      fields.text(),
      fields.id(),
    ];
    const cells: unknown[] = [0, 1, -1, 0.5, 1.5, -0.5, 10, 11, 130, 131, 1e9, -1e9, NaN, Infinity, -Infinity, -0, 40.5, "", " ", "x", " x", "TERM", "term", "M", "f", "F ", "12", true, false, null, undefined];
    let accepted = 0;
    for (const schema of schemas) {
      const fast = fields.fastCheck(schema);
      expect(fast).toBeDefined();
      for (const cell of cells) {
        if (!fast?.(cell)) continue;
        accepted++;
        const result = v.safeParse(schema, cell);
        expect(result.success, `${String(cell)}`).toBe(true);
        expect(Object.is(result.output, cell)).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
