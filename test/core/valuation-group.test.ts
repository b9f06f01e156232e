import { join } from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { readTableTree } from "../../src/cli/tables";
import { perPeriodLine } from "../../src/core/projection/result";
import type { HeaderTable } from "../../src/core/projection/table";
import { fromCells } from "../../src/core/projection/table";
import { valueGroup, type GroupInput, type GroupValuation } from "../../src/core/valuation/group";
import { groupInputFromTables } from "../../src/core/valuation/groupTables";
import { buildReport, type ReportTable } from "../../src/core/valuation/report";
import { runCurve, valueEntity } from "../../src/core/valuation/run";
import { tenYearRate } from "../../src/core/valuation/traditionalRun";
import { callFunction } from "../../src/functions/registry";
import { mcevErrorOf } from "../helpers";

const root = join(__dirname, "../..");
const SAMPLE = join(root, "examples/reinsurer");
const tables = readTableTree(SAMPLE);
const input = groupInputFromTables(tables);
const base = valueGroup(input);
const report = buildReport(base);
const D = (x: number | null) => new Decimal(x as number);
const table = (key: string) => report.tables.find((t) => t.key === key) as ReportTable;
const row = (t: ReportTable, key: string) => (t.rows.find((r) => r.key === key) as { values: (number | null)[] }).values;
/** Half a unit of the last reported decimal, in reporting units. */
const HALF = 0.5 * 10 ** -report.decimals;

describe("group run on the life-reinsurer sample (seed 003 Tables 10, 13, 14 at 31/12/2011)", () => {
  it("reads three entities in USD, EUR and GBP with the closing rates of Table 13", () => {
    expect(base.entities.map((e) => [e.input.name, e.valuation.currency, e.fxRate])).toEqual([
      ["US YRT", "USD", 1.303],
      ["EU quota share", "EUR", 1],
      ["UK longevity", "GBP", 0.8417],
    ]);
    expect(base.entities.map((e) => e.valuation.taxRate)).toEqual([0.35, 0.344, 0.24]);
    expect(report.unit).toBe(1_000_000);
    expect(report.decimals).toBe(1);
  });

  it("Table 1: MCEV = FS + RC + VIF, FS = SNW − RC, VIF = Σ components, Total = Σ entities — exactly, in every column", () => {
    const t = table("table1");
    expect(t.columns).toEqual(["US YRT", "EU quota share", "UK longevity", "Total"]);
    const [snw, rc, fs, vif, pvfp, tvfog, fcrc, cornhr, mcev] = ["snw", "rc", "fs", "vif", "pvfp", "tvfog", "fcrc", "cornhr", "mcev"].map((k) => row(t, k));
    for (let j = 0; j < t.columns.length; j++) {
      const v = (xs: (number | null)[] | undefined) => D((xs as (number | null)[])[j] as number);
      expect(v(mcev).equals(v(fs).plus(v(rc)).plus(v(vif)))).toBe(true);
      expect(v(fs).equals(v(snw).minus(v(rc)))).toBe(true);
      expect(v(vif).equals(v(pvfp).plus(v(tvfog)).plus(v(fcrc)).plus(v(cornhr)))).toBe(true);
      // reported figures have exactly the reporting decimals
      for (const xs of [snw, rc, fs, vif, pvfp, fcrc, cornhr, mcev]) expect(v(xs).decimalPlaces()).toBeLessThanOrEqual(1);
    }
    // the costs are negative; the TVFOG is the US entity's variable-annuity block's (us_yrt/va_*), 0 elsewhere
    for (const x of [...(fcrc as number[]), ...(cornhr as number[])]) expect(x).toBeLessThan(0);
    const [usTvfog, euTvfog, ukTvfog, totalTvfog] = tvfog as number[];
    expect(usTvfog).toBeLessThan(0);
    expect([euTvfog, ukTvfog]).toEqual([0, 0]);
    expect(totalTvfog).toBe(usTvfog);
  });

  it("every amount row of every table: Total = Σ entities exactly", () => {
    for (const t of report.tables.filter((x) => x.columns.at(-1) === "Total")) {
      for (const r of t.rows.filter((x) => x.format === "amount")) {
        const total = r.values.at(-1) as number;
        const sum = r.values.slice(0, -1).reduce((a: Decimal, x) => a.plus(D(x)), new Decimal(0));
        expect(sum.equals(D(total)), `${t.key}/${r.key}`).toBe(true);
      }
    }
  });

  it("consolidated = Σ entities at closing FX: each reported base figure is round(local / fx), and the totals are within the rounding of the exact sums", () => {
    const t = table("table1");
    const keys = ["snw", "rc", "pvfp", "fcrc", "cornhr"] as const;
    for (const key of keys) {
      const values = row(t, key);
      let exact = 0;
      base.entities.forEach((e, j) => {
        const local = e.valuation[key];
        const converted = local / e.fxRate / 1e6;
        exact += converted;
        expect(Math.abs((values[j] as number) - converted)).toBeLessThanOrEqual(HALF + 1e-9);
      });
      expect(Math.abs((values.at(-1) as number) - exact)).toBeLessThanOrEqual(3 * HALF + 1e-9);
    }
    // the MCEV: FS + RC + VIF of the converted components, within the rounding of its 6 components per entity
    const mcev = row(t, "mcev");
    const exact = base.entities.reduce((a, e) => a + e.valuation.mcev / e.fxRate / 1e6, 0);
    expect(Math.abs((mcev.at(-1) as number) - exact)).toBeLessThanOrEqual(18 * HALF);
    // an independent read of one entity: US MCEV in USD / 1.3030
    const us = base.entities[0] as GroupValuation["entities"][number];
    expect(Math.abs((mcev[0] as number) - us.valuation.mcev / 1.303 / 1e6)).toBeLessThanOrEqual(6 * HALF);
  });

  it("each entity is valued as valueEntity would value it alone, on its own curve and tax rate", () => {
    const uk = input.entities[2] as GroupInput["entities"][number];
    const alone = valueEntity(uk.set, { currency: "GBP", taxJurisdiction: "UK", valuationYear: 2011, shareholdersNetWorth: uk.shareholdersNetWorth, costOfCapital: 0.04, nhrCapital: uk.nhrCapital, frictionalInvestmentExpenses: 0.001 });
    const inGroup = (base.entities[2] as GroupValuation["entities"][number]).valuation;
    expect([inGroup.pvfp, inGroup.fcrc, inGroup.cornhr, inGroup.mcev, inGroup.newBusiness?.vnb]).toEqual([alone.pvfp, alone.fcrc, alone.cornhr, alone.mcev, alone.newBusiness?.vnb]);
    expect(inGroup.taxRate).toBe(0.24);
  });

  it("changing one FX rate moves only that entity's column, inversely", () => {
    const fx = new Map(input.fx);
    fx.set("USD", 2 * 1.303);
    const moved = buildReport(valueGroup({ ...input, fx }));
    const a = row(table("table1"), "mcev");
    const b = row(moved.tables[0] as ReportTable, "mcev");
    expect(Math.abs((b[0] as number) - (a[0] as number) / 2)).toBeLessThanOrEqual(4 * HALF);
    expect(b.slice(1, 3)).toEqual(a.slice(1, 3));
  });

  it("Table 5: margin = VNB / PVNBP of the reported figures; Table 8: value not recognised = MCEV − IFRS equity; Table 9 adds up", () => {
    const t5 = table("table5");
    const vnb = row(t5, "vnb");
    const pvnbp = row(t5, "pvnbp");
    row(t5, "margin").forEach((m, j) => expect(m).toBeCloseTo((vnb[j] as number) / (pvnbp[j] as number), 6));
    const t8 = table("table8");
    const [ifrs, mcev, gap] = ["ifrs_equity", "mcev", "not_recognised"].map((k) => row(t8, k)) as (number | null)[][];
    (gap as number[]).forEach((g, j) => expect(D(g).equals(D((mcev as number[])[j] as number).minus(D((ifrs as number[])[j] as number)))).toBe(true));
    expect(mcev).toEqual(row(table("table1"), "mcev"));
    const t9 = table("table9");
    const [covered, nonCovered, group] = ["covered_mcev", "non_covered_ifrs", "group_mcev"].map((k) => (row(t9, k)[0] as number));
    expect(D(covered as number).plus(D(nonCovered as number)).equals(D(group as number))).toBe(true);
    expect(covered).toBe(row(table("table1"), "mcev").at(-1));
    // non-covered = group IFRS equity (4,403.0m) − covered IFRS equity
    expect(D(nonCovered as number).equals(new Decimal(4403).minus(D((ifrs as number[]).at(-1) as number)))).toBe(true);
  });

  it("new business IRR: the shareholders' flows are worth 0 at the IRR, and PVFP + FCRC at the reference curve", () => {
    for (const e of base.entities) {
      const nb = e.valuation.newBusiness;
      expect(nb).toBeDefined();
      if (!nb) continue;
      expect(nb.irr).toBeDefined();
      const { times, flows } = nb.earnings;
      let atIrr = 0;
      times.forEach((t, i) => (atIrr += (flows[i] as number) * (1 + (nb.irr as number)) ** -t));
      expect(Math.abs(atIrr)).toBeLessThan(1e-6 * Math.abs(flows[0] as number));
      // at the reference curve: −RC(0) + PV(PAT) + PV(capital released with its after-tax return) = PVFP + FCRC
      const curve = runCurve(e.input.set, { currency: e.valuation.currency as string });
      let pv = 0;
      times.forEach((t, i) => (pv += (flows[i] as number) * curve.discount(t)));
      expect(Math.abs(pv - (nb.pvfp + nb.fcrc))).toBeLessThan(1e-6 * Math.abs(nb.pvfp) + 0.02);
    }
  });

  it("traditional EV: RDR = the curve's 10-year rate + 350 bp, TEV = ANAV + PVIF + COLI, PVIF = PAT discounted at the RDR", () => {
    const us = base.entities[0] as GroupValuation["entities"][number];
    const t = us.valuation.traditional;
    expect(t).toBeDefined();
    if (!t) return;
    const curve = runCurve(us.input.set, { currency: "USD" });
    // seed 003 Table 10: USD 10-year swap zero rate 2.09%
    expect(tenYearRate(curve)).toBeCloseTo(0.0209, 12);
    expect(t.rdr).toBeCloseTo(0.0209 + 0.035, 12);
    const pat = perPeriodLine(us.valuation.projection, "profit_after_tax");
    let pvif = 0;
    pat.forEach((x, m) => (pvif += x * (1 + t.rdr) ** (-(m + 1) / 12)));
    expect(Math.abs(t.pvif - pvif)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.abs(pvif));
    expect(D(t.ev).equals(D(t.anav).plus(D(t.pvif)).plus(D(t.coli)))).toBe(true);
    expect(t.coli).toBeLessThan(0);
    const tr = table("traditional");
    row(tr, "tev").forEach((x, j) => expect(D(x).equals(D(row(tr, "anav")[j] as number).plus(D(row(tr, "vif_after_coli")[j] as number)))).toBe(true));
  });
});

describe("shocked assumption sets move MCEV and VNB in the expected direction (per entity)", () => {
  const mcevOf = (g: GroupValuation) => g.entities.map((e) => e.valuation.mcev);
  const vnbOf = (g: GroupValuation) => g.entities.map((e) => e.valuation.newBusiness?.vnb as number);
  const [US, EU, UK] = [0, 1, 2];
  const b = { mcev: mcevOf(base), vnb: vnbOf(base) };

  it("mortality × 0.95: mortality business (YRT, quota share) gains, the annuity block loses", () => {
    const s = valueGroup(input, { mortality: 0.95 });
    for (const j of [US, EU]) {
      expect(mcevOf(s)[j]).toBeGreaterThan(b.mcev[j] as number);
      expect(vnbOf(s)[j]).toBeGreaterThan(b.vnb[j] as number);
    }
    expect(mcevOf(s)[UK]).toBeLessThan(b.mcev[UK] as number);
    expect(vnbOf(s)[UK]).toBeLessThan(b.vnb[UK] as number);
  });

  it("lapse × 0.9: profitable protection business stays longer — MCEV and VNB up; annuities have no lapses", () => {
    const s = valueGroup(input, { lapse: 0.9 });
    for (const j of [US, EU]) {
      expect(mcevOf(s)[j]).toBeGreaterThan(b.mcev[j] as number);
      expect(vnbOf(s)[j]).toBeGreaterThan(b.vnb[j] as number);
    }
    expect(mcevOf(s)[UK]).toBe(b.mcev[UK]);
  });

  it("expenses × 0.9: every entity gains", () => {
    const s = valueGroup(input, { expenses: 0.9 });
    for (const j of [US, EU, UK]) {
      expect(mcevOf(s)[j]).toBeGreaterThan(b.mcev[j] as number);
      expect(vnbOf(s)[j]).toBeGreaterThan(b.vnb[j] as number);
    }
  });

  it("rates ± 100 bp: protection profits are worth less at higher rates; fixed annuity single premiums are worth more against a lower reserve", () => {
    const up = valueGroup(input, { interest: 0.01 });
    const down = valueGroup(input, { interest: -0.01 });
    for (const j of [US, EU]) {
      expect(mcevOf(up)[j]).toBeLessThan(b.mcev[j] as number);
      expect(mcevOf(down)[j]).toBeGreaterThan(b.mcev[j] as number);
      expect(vnbOf(up)[j]).toBeLessThan(b.vnb[j] as number);
      expect(vnbOf(down)[j]).toBeGreaterThan(b.vnb[j] as number);
    }
    expect(mcevOf(up)[UK]).toBeGreaterThan(b.mcev[UK] as number);
    expect(vnbOf(down)[UK]).toBeLessThan(b.vnb[UK] as number);
  });

  it("the shock does not change the input set (a base run after a shocked run gives the base figures)", () => {
    valueGroup(input, { mortality: 0.5, interest: 0.02 });
    expect(mcevOf(valueGroup(input))).toEqual(b.mcev);
  });
});

describe("bad input to the group run", () => {
  const withTable = (name: string, cells: (string | number)[][]): Record<string, HeaderTable> => ({ ...tables, [name]: fromCells(name, cells) });
  const entitiesHeader = ["entity", "currency", "tax_jurisdiction", "assumptions", "shareholders_net_worth", "nhr_capital", "ifrs_equity"];

  it("a currency without an FX rate names the currency, the entity and the table", () => {
    const e = mcevErrorOf(() => valueGroup(groupInputFromTables(withTable("fx", [["currency", "rate"], ["GBP", 0.8417]]))));
    expect(e.message).toMatch(/^fx: has no rate for USD \(entity US YRT\)/);
  });

  it("a currency without a curve names the entity and the zero_curve table", () => {
    const t = withTable("entities", [entitiesHeader, ["CH", "CHF", "UK", "uk_longevity", 1e8, 1e7, 9e7]]);
    const e = mcevErrorOf(() => valueGroup(groupInputFromTables(t)));
    expect(e.message).toMatch(/^entity CH, zero_curve: has no curve for CHF/);
  });

  it("negative NHR capital, a missing IFRS equity, a duplicate entity, an unknown folder", () => {
    expect(mcevErrorOf(() => groupInputFromTables(withTable("entities", [entitiesHeader, ["A", "EUR", "France", "eu_quota_share", 1e8, -5, 1]]))).message).toMatch(/entities: row 1, column nhr_capital: -5 is not an amount >= 0/);
    const missing = withTable("entities", [entitiesHeader, ["A", "EUR", "France", "eu_quota_share", 1e8, 0, 1], ["B", "EUR", "France", "eu_quota_share", 1e8, 0, ""]]);
    expect(mcevErrorOf(() => buildReport(valueGroup(groupInputFromTables(missing)))).message).toMatch(/ifrs_equity: is missing for entity B/);
    const twice = withTable("entities", [entitiesHeader, ["A", "EUR", "France", "eu_quota_share", 1e8, 0, 1], ["A", "EUR", "France", "eu_quota_share", 1e8, 0, 1]]);
    expect(mcevErrorOf(() => valueGroup(groupInputFromTables(twice))).message).toMatch(/entities \(value 2\): the name "A" is used twice/);
    expect(mcevErrorOf(() => groupInputFromTables(withTable("entities", [entitiesHeader, ["A", "EUR", "France", "nowhere", 1e8, 0, 1]]))).message).toMatch(/the assumptions folder "nowhere" has no tables/);
  });

  it("a bad currency code, FX rate or reporting unit", () => {
    expect(mcevErrorOf(() => groupInputFromTables(withTable("fx", [["currency", "rate"], ["USD", 0]]))).message).toMatch(/fx: row 1, column rate: 0 is not an FX rate > 0/);
    expect(mcevErrorOf(() => valueGroup({ ...input, reportingCurrency: "euro" })).message).toMatch(/reporting_currency: "euro" is not a three-letter currency code/);
    expect(mcevErrorOf(() => valueGroup({ ...input, reporting: { unit: 100 } })).message).toMatch(/reporting_unit: 100 is not 1, 1000 or 1000000/);
  });
});

describe("NHR capital from the shock tables (nhr_impacts, nhr_correlation)", () => {
  it("the US entity leaves nhr_capital blank: sqrt(sᵀ C s) of its stand-alone losses, as MCEV.NHRBC gives it", () => {
    const us = input.entities[0] as GroupInput["entities"][number];
    const impacts = (tables["us_yrt/nhr_impacts"] as HeaderTable).rows.map((r) => r[1] as number);
    const c = (tables.nhr_correlation as HeaderTable).rows.map((r) => r.slice(1) as number[]);
    // by hand: losses s_i = max(−impact_i, 0) (the longevity gain counts 0)
    const s = impacts.map((x) => Math.max(-x, 0));
    let q = 0;
    s.forEach((si, i) => s.forEach((sj, j) => (q += si * (c[i]?.[j] as number) * sj)));
    expect(us.nhrCapital).toBeCloseTo(Math.sqrt(q), 4);
    expect(us.nhrCapital).toBeCloseTo(156_313_786.98, 2);
    const viaFunction = callFunction("NHRBC", [impacts.map((x) => [x]), c]) as number;
    expect(us.nhrCapital).toBe(viaFunction);
  });

  it("a risk without a row of the matrix, or a blank nhr_capital without the tables, is refused by name", () => {
    const bad = { ...tables, "us_yrt/nhr_impacts": fromCells("us_yrt/nhr_impacts", [["risk", "impact"], ["mortality", -1], ["pandemic", -5]]) };
    expect(mcevErrorOf(() => groupInputFromTables(bad)).message).toMatch(/^us_yrt\/nhr_impacts: row 2, column risk: "pandemic" has no row in nhr_correlation/);
    const none = { ...tables };
    delete none["us_yrt/nhr_impacts"];
    expect(mcevErrorOf(() => groupInputFromTables(none)).message).toMatch(/entities: row 1, column nhr_capital: is blank for entity US YRT; give the NHR capital, or the tables nhr_impacts and nhr_correlation \(nhr_impacts is missing\)/);
  });
});

describe("the sensitivities of seed 003 Tables 6–7 and seed 001 on the sample", () => {
  const entityValues = (g: GroupValuation, f: (v: GroupValuation["entities"][number]["valuation"]) => number) => g.entities.map((e) => f(e.valuation));
  const mcev = (g: GroupValuation) => entityValues(g, (v) => v.mcev);
  const tev = (g: GroupValuation) => entityValues(g, (v) => v.traditional?.ev as number);
  const b = mcev(base);

  it("mortality −5% (life insurance) moves the protection entities only; (annuities) the longevity entity only", () => {
    const life = mcev(valueGroup(input, { mortalityLife: 0.95 }));
    expect(life[0]).toBeGreaterThan(b[0] as number);
    expect(life[1]).toBeGreaterThan(b[1] as number);
    expect(life[2]).toBe(b[2]);
    const ann = mcev(valueGroup(input, { mortalityAnnuity: 0.95 }));
    expect(ann.slice(0, 2)).toEqual(b.slice(0, 2));
    expect(ann[2]).toBeLessThan(b[2] as number);
    // both together = the all-mortality shock
    expect(mcev(valueGroup(input, { mortalityLife: 0.95, mortalityAnnuity: 0.95 }))).toEqual(mcev(valueGroup(input, { mortality: 0.95 })));
  });

  it("an annuity_mortality table is used by annuities: 0.9 × the life table there = the annuity shock 0.9", () => {
    const t = tables.mortality as HeaderTable;
    const scaled = fromCells("uk_longevity/annuity_mortality", [t.header.map((h) => h), ...t.rows.map((r) => r.map((x, j) => (j === 0 ? x : Math.min(1, (x as number) * 0.9))))]);
    const withTable = valueGroup(groupInputFromTables({ ...tables, "uk_longevity/annuity_mortality": scaled }));
    const shocked = valueGroup(input, { mortalityAnnuity: 0.9 });
    expect(Math.abs((mcev(withTable)[2] as number) - (mcev(shocked)[2] as number))).toBeLessThan(0.02);
  });

  it("no mortality improvements: annuities pay for shorter, the longevity entity gains; term products do not use improvements", () => {
    const s = mcev(valueGroup(input, { noImprovements: true }));
    expect(s.slice(0, 2)).toEqual(b.slice(0, 2));
    expect(s[2]).toBeGreaterThan(b[2] as number);
  });

  it("maintenance expenses −10% raises every entity's MCEV; acquisition costs (annuities here; the treaties carry none) are not cut", () => {
    const m = valueGroup(input, { maintenanceExpenses: 0.9 });
    const all = valueGroup(input, { expenses: 0.9 });
    mcev(m).forEach((x, j) => expect(x).toBeGreaterThan(b[j] as number));
    const vnb = (g: GroupValuation) => entityValues(g, (v) => v.newBusiness?.vnb as number);
    expect(vnb(m).slice(0, 2)).toEqual(vnb(all).slice(0, 2));
    expect(vnb(m)[2]).toBeLessThan(vnb(all)[2] as number);
  });

  it("required capital at the regulatory minimum lowers RC and the frictional costs; solvency margin +10% raises RC by 10%", () => {
    const min = valueGroup(input, { capitalAtMinimum: true });
    const up = valueGroup(input, { solvencyMargin: 1.1 });
    base.entities.forEach((e, j) => {
      const rcMin = (min.entities[j] as GroupValuation["entities"][number]).valuation;
      const rcUp = (up.entities[j] as GroupValuation["entities"][number]).valuation;
      expect(rcMin.rc).toBeLessThan(e.valuation.rc);
      expect(rcMin.mcev).toBeGreaterThan(e.valuation.mcev);
      expect(Math.abs(rcUp.rc - 1.1 * e.valuation.rc)).toBeLessThanOrEqual(0.01);
      expect(rcUp.fcrc).toBeLessThan(e.valuation.fcrc);
      // traditional EV: a larger solvency margin costs more to lock in
      expect(rcUp.traditional?.coli as number).toBeLessThan(e.valuation.traditional?.coli as number);
    });
  });

  it("traditional set: discount rate +0.5% lowers the TEV, projected returns +0.5% raise it; the MCEV is unchanged", () => {
    const up = valueGroup(input, { discountRate: 0.005 });
    const ret = valueGroup(input, { projectedReturns: 0.005 });
    expect(mcev(up)).toEqual(b);
    expect(mcev(ret)).toEqual(b);
    tev(up).forEach((x, j) => expect(x).toBeLessThan(tev(base)[j] as number));
    tev(ret).forEach((x, j) => expect(x).toBeGreaterThan(tev(base)[j] as number));
    up.entities.forEach((e, j) => expect(e.valuation.traditional?.rdr).toBeCloseTo((base.entities[j]?.valuation.traditional?.rdr as number) + 0.005, 12));
  });

  it("equity and volatility shocks leave business without financial options unchanged; bad factors are refused", () => {
    // they move the US entity's variable-annuity block only
    const shocked = mcev(valueGroup(input, { equity: 0.9, equityVolatility: 1.25, swaptionVolatility: 1.25 }));
    expect(shocked.slice(1)).toEqual(b.slice(1));
    expect(shocked[0]).toBeLessThan(b[0] as number);
    expect(mcevErrorOf(() => valueGroup(input, { lapse: -1 })).message).toMatch(/lapse: -1 is not a factor >= 0/);
    expect(mcevErrorOf(() => valueGroup(input, { discountRate: Number.NaN })).message).toMatch(/discountRate: NaN is not a finite shift/);
  });
});
