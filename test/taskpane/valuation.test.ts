import { join } from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { readTableFile, readTableTree } from "../../src/cli/tables";
import type { HeaderTable } from "../../src/core/projection/table";
import { groupInputFromTables } from "../../src/core/valuation/groupTables";
import { runSensitivities, type SensitivityRun } from "../../src/core/valuation/sensitivities";
import { MCEV_SENSITIVITIES as CORE_MCEV, TEV_SENSITIVITIES as CORE_TEV } from "../../src/core/valuation/standardSensitivities";
import { saveSet, WORKBOOK_TABLES, workbookSet } from "../../src/taskpane/assumptions/sets";
import { createAssumptionTables } from "../../src/taskpane/assumptions/tables";
import { templateFor, TEMPLATES } from "../../src/taskpane/assumptions/templates";
import { ENGINE_SHEET, engineMetadata, NO_SEED, runEngineSensitivities } from "../../src/taskpane/runs/engineRun";
import { performJob, type JobMessage } from "../../src/taskpane/runs/jobProtocol";
import { MCEV_SENSITIVITIES, TEV_SENSITIVITIES, customSensitivity } from "../../src/taskpane/runs/sensitivities";
import { engineTables, unitText, valuationInput, valuationJob, type ValuationJobResult } from "../../src/taskpane/runs/valuationJob";
import { JobCancelled, type JobProgress } from "../../src/taskpane/runs/workerRunner";
import { MemoryWorkbook } from "../../src/taskpane/workbook/memoryWorkbook";

/**
 * The engine run of the Runs tab on the in-memory workbook: the standard tables created by the pane, the
 * valuation job run in-process (runJob's fallback where there is no Worker), the result sheet checked
 * against the core's runSensitivities on the same tables read independently — from the CSV files of
 * examples/ as `mcev run --assumptions examples/assumptions --valuation examples/valuation/valuation.csv
 * --sensitivities` reads them (plus the regulatory minimum basis the pane's capital table carries).
 */
const root = join(__dirname, "..", "..");
const no = async () => false;
const ALL = [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES];

/** The CLI's tables: examples/assumptions + valuation.csv, capital with the pane's minimum basis. */
function cliTables(): Record<string, HeaderTable> {
  const tables = readTableTree(join(root, "examples", "assumptions"));
  tables.valuation = readTableFile(join(root, "examples", "valuation", "valuation.csv"), "valuation");
  const capital = templateFor("capital")!;
  tables.capital = { name: "capital", header: capital.header, rows: capital.rows };
  return tables;
}

let cliRun: SensitivityRun | undefined;
const coreRun = (): SensitivityRun => (cliRun ??= runSensitivities(groupInputFromTables(cliTables()), [...CORE_MCEV, ...CORE_TEV]));

async function paneWorkbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await createAssumptionTables(wb, no);
  return wb;
}

/** Every cell of every sheet (values, formulas, formats), the tables and charts: "no cell changed". */
const everything = (wb: MemoryWorkbook) =>
  JSON.stringify({
    sheets: wb.book.sheets.map((s) => [s.name, [...s.cells.entries()]]),
    tables: wb.book.tables.map((t) => [t.name, t.sheet]),
    charts: wb.book.charts.length,
  });

describe("the valuation job (engine runs of the Runs tab)", () => {
  it("maps the pane's tables to the core's: fx_rates → fx, the volatility tables left out", async () => {
    const set = await workbookSet(await paneWorkbook());
    const { tables, ignored } = engineTables(set);
    expect(Object.keys(tables).sort()).toEqual(
      ["capital", "commission", "expenses", "fx", "lapse", "model_points", "mortality", "mortality_improvement", "premium_rates", "reinsurance", "tax", "valuation", "yrt_rates", "zero_curve"].sort(),
    );
    expect(tables.fx?.name).toBe("fx_rates");
    expect(ignored).toEqual(["equity_volatility", "swaption_volatility"]);
    // tables the core reads are kept, the variable-annuity block's included
    const va = engineTables({ name: "va", tables: ["esg", "swaption_vols", "va_basis"].map((name) => ({ name, header: ["name", "value"], rows: [["a", 0.1]] })) });
    expect([Object.keys(va.tables), va.ignored]).toEqual([["esg", "swaption_vols", "va_basis"], []]);
    const { input } = valuationInput(set);
    expect(input.reportingCurrency).toBe("EUR");
    expect(Object.fromEntries(input.fx)).toEqual({ USD: 1.303, GBP: 0.8417, SEK: 9.1039, CAD: 1.3477, CHF: 1.2321 });
    expect(input.entities.map((e) => [e.name, e.currency, e.shareholdersNetWorth, e.nhrCapital, e.taxJurisdiction])).toEqual([["EUR", "EUR", 25_000_000, 1_500_000, "France"]]);
    expect(input.costOfCapital).toBe(0.04);
  });

  it("fx_rates are per EUR: rebased to the reporting currency when it is not EUR", async () => {
    const set = await workbookSet(await paneWorkbook());
    const valuation = set.tables.find((t) => t.name === "valuation")!;
    valuation.rows = valuation.rows.map((r) => (r[0] === "currency" ? ["currency", "USD"] : r));
    const { input } = valuationInput(set);
    expect(input.reportingCurrency).toBe("USD");
    expect(input.fx.get("USD")).toBe(1);
    expect(input.fx.get("EUR")).toBeCloseTo(1 / 1.303, 15);
    expect(input.fx.get("GBP")).toBeCloseTo(0.8417 / 1.303, 15); // GBP per USD = (GBP per EUR) / (USD per EUR)
  });

  it("the base case and all 18 standard sensitivities: the result sheet holds the core's figures, changes and % changes", async () => {
    const wb = await paneWorkbook();
    const progress: JobProgress[] = [];
    const time = new Date(2026, 2, 31, 10, 0, 0);
    const { sheet, result } = await runEngineSensitivities(wb, { choice: WORKBOOK_TABLES, sensitivities: ALL, version: "0.1.0", time, onProgress: (p) => progress.push(p) });
    const core = coreRun();
    // the pane's run on the workbook's tables = the core on the CLI's CSV files
    expect(result.run.base).toEqual(core.base);
    expect(result.run.rows.map((r) => [r.id, r.value, r.change, r.percent])).toEqual(core.rows.map((r) => [r.id, r.value, r.change, r.percent]));
    expect(core.rows).toHaveLength(18);
    expect(core.base).toEqual({ mcev: 24_829_225.26, vnb: -90_468.41, tev: 24_886_797.78 });

    expect(sheet.sheet).toBe(ENGINE_SHEET);
    expect(sheet.charts).toBe(3);
    expect(sheet.blocks.map((b) => b.output)).toEqual(["MCEV", "VNB", "Traditional EV"]);
    const keys = ["mcev", "vnb", "tev"] as const;
    sheet.blocks.forEach((block, k) => {
      const key = keys[k] as (typeof keys)[number];
      const rows = wb.book.values(block.address);
      expect(rows[0]).toEqual(["", `${block.output} (in EUR)`, "Change (in EUR)", "% Change"]);
      expect(rows[1]).toEqual(["Base case", core.base[key], "", ""]);
      core.rows.forEach((r, i) => {
        const row = rows[i + 2] as (string | number)[];
        expect(row[0]).toBe(r.name);
        expect(row[1]).toBe(r.value[key]);
        expect(row[2]).toBe(r.change[key]); // the core's change, exact: value − base in decimal
        expect(new Decimal(row[2] as number).equals(new Decimal(r.value[key]).minus(core.base[key]))).toBe(true);
        expect(row[3]).toBe(r.percent[key] ?? "");
      });
      // two decimals, as the report (unit 1)
      expect(wb.book.numberFormats(block.address)[2]?.slice(1, 3)).toEqual(["#,##0.00;-#,##0.00;0.00", "+#,##0.00;-#,##0.00;0.00"]);
    });
    // a few rows against the printed figures of `mcev run --sensitivities` (with the minimum capital basis)
    const mcev = wb.book.values(sheet.blocks[0]!.address);
    expect(mcev[2]).toEqual(["Mortality/Morbidity -5% (life insurance)", 24_917_367.87, 88_142.61, expect.closeTo(88_142.61 / 24_829_225.26, 15)]);
    expect(mcev.find((r) => r[0] === "Required capital at the regulatory minimum")?.slice(1, 3)).toEqual([24_855_478.41, 26_253.15]);
    expect(wb.book.values(sheet.blocks[2]!.address).find((r) => r[0] === "Discount rate +0.50%")?.slice(1, 3)).toEqual([24_859_204.55, -27_593.23]);

    // metadata: time, set, seed, version, reporting, durations, the tables the engine does not read
    const meta = wb.book.values(`'${ENGINE_SHEET}'!A1:B11`);
    expect(meta.slice(0, 6)).toEqual([["MCEV sensitivities", ""], ["", ""], ["Run time", "2026-03-31 10:00:00"], ["Assumption set", "Workbook tables"], ["Random seed", NO_SEED], ["Version", "0.1.0"]]);
    expect(meta[6]).toEqual(["Reporting currency and unit", "EUR"]);
    expect(meta[7]?.[0]).toBe("Duration, base case");
    expect(meta[8]?.[0]).toBe("Duration, base + 18 sensitivities");
    expect(meta[7]?.[1]).toMatch(/^\d+ ms$|^\d+\.\d\d s$/);
    expect(meta[9]).toEqual(["Tables not read by the engine", "equity_volatility, swaption_volatility"]);
    expect(result.timings.runs).toBe(19);
    expect(result.timings.baseMs).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.baseMs);
    expect(result.seed).toBeUndefined();
    expect(result.stochastic).toEqual([]);

    // tornado charts: one per output, the changes sorted by size (largest last = on top)
    expect(wb.book.charts.map((c) => c.title)).toEqual(["MCEV: change by sensitivity (in EUR)", "VNB: change by sensitivity (in EUR)", "Traditional EV: change by sensitivity (in EUR)"]);
    const tornado = wb.book.values(wb.book.charts[0]!.source).slice(1) as [string, number][];
    // the largest: mortality −5% (life) and claims −5%, the same shock on this portfolio
    expect(tornado.slice(-2)).toEqual([["Mortality/Morbidity -5% (life insurance)", 88_142.61], ["Claims -5%", 88_142.61]]);
    const sizes = tornado.map(([, d]) => Math.abs(d));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));

    // progress: the base, then each sensitivity by name, then done
    expect(progress[0]).toEqual({ done: 0, total: 19, label: "Base case" });
    expect(progress[1]).toEqual({ done: 1, total: 19, label: "Mortality/Morbidity -5% (life insurance)" });
    expect(progress.at(-1)).toEqual({ done: 19, total: 19, label: "Done" });
  });

  it("a stored set, a custom shock, and a base case alone", async () => {
    const wb = await paneWorkbook();
    await saveSet(wb, "base 2011", no);
    const lapse = customSensitivity("Lapse -20%", "lapse", 0.8);
    const { result, assumptionSet, sheet } = await runEngineSensitivities(wb, { choice: "base 2011", sensitivities: [lapse], version: "0.1.0" });
    expect(assumptionSet).toBe("base 2011");
    const core = runSensitivities(groupInputFromTables(cliTables()), [{ id: lapse.id, name: lapse.name, shock: { lapse: 0.8 } }]);
    expect(result.run.rows[0]?.value).toEqual(core.rows[0]?.value);
    expect(wb.book.values(`'${sheet.sheet}'!A4:B4`)).toEqual([["Assumption set", "base 2011"]]);

    const alone = await runEngineSensitivities(wb, { choice: WORKBOOK_TABLES, sensitivities: [], version: "0.1.0" });
    expect(alone.sheet.sheet).toBe(`${ENGINE_SHEET} (2)`); // unique names
    expect(alone.result.base).toEqual([coreRun().base.mcev, coreRun().base.vnb, coreRun().base.tev]);
    expect(alone.result.rows).toEqual([]);
    expect(alone.sheet.charts).toBe(0);
  });

  it("cancel between runs: rejected at once, no result sheet, no cell changed", async () => {
    const wb = await paneWorkbook();
    const before = everything(wb);
    const writes = wb.book.writeCount;
    const controller = new AbortController();
    const seen: number[] = [];
    const run = runEngineSensitivities(wb, { choice: WORKBOOK_TABLES, sensitivities: ALL, version: "0.1.0", signal: controller.signal, onProgress: (p) => (seen.push(p.done), p.done === 3 && controller.abort()) });
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(seen).toEqual([0, 1, 2, 3]); // the job stopped at its next check, before the 4th sensitivity
    expect(everything(wb)).toBe(before);
    expect(wb.book.writeCount).toBe(writes);
    expect(wb.book.sheetNames()).toEqual(["Sheet1", "Assumptions"]);
  });

  it("the job itself: progress through the context, the core's cancel between runs", async () => {
    const set = await workbookSet(await paneWorkbook());
    const messages: JobMessage[] = [];
    let checks = 0;
    await performJob({ kind: "valuation", params: { set, sensitivities: ALL.slice(0, 3) } }, (m) => messages.push(m), () => ++checks > 2);
    // base and the first sensitivity ran; the check before the second one stopped the set
    expect(messages).toEqual([
      { type: "progress", done: 0, total: 4, label: "Base case" },
      { type: "progress", done: 1, total: 4, label: ALL[0]?.name },
      { type: "progress", done: 2, total: 4, label: ALL[1]?.name },
      { type: "error", message: "the run was cancelled" },
    ]);
  });

  it("a set without a valuation table: a clear error naming it, nothing written", async () => {
    const wb = await paneWorkbook();
    await wb.deleteTable("valuation");
    const before = everything(wb);
    await expect(runEngineSensitivities(wb, { choice: WORKBOOK_TABLES, sensitivities: ALL, version: "0.1.0" })).rejects.toThrow(
      /^valuation: the assumption set "Workbook tables" has no valuation table — the run's parameters \(name,value: shareholders_net_worth, cost_of_capital, nhr_capital, currency, tax_jurisdiction, valuation_year\)\. Create it with "Create standard tables"/,
    );
    expect(everything(wb)).toBe(before);
  });

  it("the core's refusals come back with the table, row and column", async () => {
    const set = await workbookSet(await paneWorkbook());
    const lapse = set.tables.find((t) => t.name === "lapse")!;
    lapse.rows[1] = [2, 1.5];
    expect(() => valuationJob({ set, sensitivities: [] }, { progress: () => undefined, cancelled: () => false })).toThrow(/^lapse: row 2, column rate: 1\.5 is not a rate between 0 and 1/);
    const capital = set.tables.find((t) => t.name === "capital")!;
    capital.header = capital.header.slice(0, 2);
    capital.rows = capital.rows.map((r) => r.slice(0, 2));
    lapse.rows[1] = [2, 0.08];
    expect(() => valuationJob({ set, sensitivities: MCEV_SENSITIVITIES.filter((s) => s.id === "capital-minimum") }, { progress: () => undefined, cancelled: () => false })).toThrow(
      /capital: has no regulatory minimum basis/,
    );
  });

  it("unit text of the headers", () => {
    expect([unitText("EUR", 1), unitText("EUR", 1000), unitText("EUR", 1_000_000)]).toEqual(["EUR", "EUR k", "EUR m"]);
  });

  it("the result is plain data a Worker can post (structured clone)", async () => {
    const set = await workbookSet(await paneWorkbook());
    const result = valuationJob({ set, sensitivities: MCEV_SENSITIVITIES.slice(0, 2) }, { progress: () => undefined, cancelled: () => false }) as ValuationJobResult;
    expect(structuredClone(result)).toEqual(result);
    expect(TEMPLATES.some((t) => t.name === "valuation")).toBe(true);
  });
  it("a stochastic run (a variable-annuity block): the esg seed and the scenario count go on the sheet, not \"deterministic\"", async () => {
    // the pane's standard tables plus the reinsurer sample's variable-annuity block (us_yrt) and its esg table
    const set = await workbookSet(await paneWorkbook());
    const va = ["us_yrt/va_model_points.csv", "us_yrt/va_product_specs.csv", "esg.csv"].map((f) => readTableFile(join(root, "examples", "reinsurer", f), f.replace(/^.*\//, "").replace(".csv", "")));
    set.tables.push(...va.map((t) => ({ name: t.name, header: t.header.map(String), rows: t.rows.map((r) => [...r]) })));
    const esg = readTableFile(join(root, "examples", "reinsurer", "esg.csv"), "esg");
    const value = (k: string) => Number(esg.rows.find((r) => r[0] === k)?.[1]);
    const result = valuationJob({ set, sensitivities: [] }, { progress: () => undefined, cancelled: () => false }) as ValuationJobResult;
    expect(result.stochastic).toEqual([{ entity: result.stochastic[0]?.entity, seed: value("seed"), scenarios: value("scenarios") }]);
    expect(result.seed).toBe(1);
    const meta = engineMetadata(result, "reinsurer", "0.1.0", new Date(2026, 2, 31));
    expect(meta.seed).toBe(1);
    expect(meta.extra).toContainEqual(["Scenarios (TVFOG, Monte Carlo)", `${result.stochastic[0]?.entity}: 1,000 scenarios, seed 1`]);
    // several blocks with different seeds: each entity's seed
    const two = engineMetadata({ ...result, seed: undefined, stochastic: [{ entity: "A", seed: 1, scenarios: 500 }, { entity: "B", seed: 7, scenarios: 1000 }] }, "x", "0.1.0", new Date());
    expect(two.seed).toBe("A: 1; B: 7");
  });
});
