import { existsSync } from "node:fs";

import type { HeaderTable } from "../../core/projection/table";
import { valueGroup, type GroupValuation } from "../../core/valuation/group";
import { groupInputFromTables } from "../../core/valuation/groupTables";
import { buildReport, type GroupReport } from "../../core/valuation/report";
import type { Shock } from "../../core/valuation/shocks";
import { runSensitivities, type SensitivityRun } from "../../core/valuation/sensitivities";
import { MCEV_SENSITIVITIES, TEV_SENSITIVITIES } from "../../core/valuation/standardSensitivities";
import { reportError } from "../evaluate";
import { UsageError, type Io } from "../io";
import { printReport } from "../report/print";
import { formatTable } from "../table";
import { writeReportWorkbook } from "../report/workbook";
import { readWorkbookTables } from "../report/readWorkbook";
import { readTableFile, readTableTree } from "../tables";

export const RUN_USAGE = `mcev run --assumptions DIR | --workbook FILE.xlsx [--valuation valuation.csv] [--out report.xlsx] [--json]
         [--mortality F] [--lapse F] [--expenses F] [--interest SHIFT] [--sensitivities]

Values a group of entities (seed 003 Tables 1, 5, 8, 9; seed 001 traditional EV) and prints the tables.
DIR holds valuation.csv (group parameters), entities.csv (one row per entity), fx.csv (units per 1 unit
of the reporting currency), the assumption tables shared by every entity, and one sub-folder per entity
with its own tables (model points at least), which replace the shared ones. Without entities.csv DIR is
one entity (valuation.csv then names its currency, SNW and NHR capital). --workbook reads the same
tables from the sheets of an .xlsx file (a sheet per table; an entity's tables as "folder.table").
--out writes the report workbook (Tables 1, 5, 8, 9, traditional EV, entities, cash flows).
Shocks (every entity): --mortality 0.95, --lapse 0.9, --expenses 0.9 multiply; --interest 0.01 adds
100 bp to every zero rate. --sensitivities runs the base case and the standard sensitivities (seed 003
Tables 6-7, seed 001's traditional set) and prints value, change and % change of MCEV, VNB and TEV.
docs/valuation.md describes the tables and the method.`;

export interface RunOutput {
  valuation: GroupValuation;
  report: GroupReport;
  ms: number;
}

/** Reads the group tables of a folder (or workbook), values the group and builds its report. */
export function runGroup(tables: Record<string, HeaderTable>, shock?: Shock): RunOutput {
  const started = performance.now();
  const valuation = valueGroup(groupInputFromTables(tables), shock);
  const report = buildReport(valuation);
  return { valuation, report, ms: performance.now() - started };
}

/** The report as JSON: every table as {title, note, columns, rows: {key, label, values}}. */
export function reportJson(out: RunOutput): string {
  const { report } = out;
  return JSON.stringify({
    reportingCurrency: report.reportingCurrency,
    unit: report.unit,
    decimals: report.decimals,
    tables: Object.fromEntries([...report.tables, report.local].map((t) => [t.key, { title: t.title, note: t.note, columns: t.columns, rows: t.rows.map((r) => ({ key: r.key, label: r.label, format: r.format, values: r.values })) }])),
    ms: Number(out.ms.toFixed(1)),
  });
}

export async function runValuation(args: string[], io: Io): Promise<number> {
  let dir: string | undefined;
  let workbook: string | undefined;
  let valuationFile: string | undefined;
  let out: string | undefined;
  let json = false;
  let sensitivities = false;
  const shock: Shock = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const v = args[i + 1];
    const need = () => {
      if (v === undefined) throw new UsageError(`${a} needs a value`, RUN_USAGE);
      i++;
      return v;
    };
    const factor = () => {
      const x = Number(need());
      if (!Number.isFinite(x)) throw new UsageError(`${a} needs a number, got ${v}`, RUN_USAGE);
      return x;
    };
    if (a === "--json") json = true;
    else if (a === "--assumptions") dir = need();
    else if (a === "--workbook") workbook = need();
    else if (a === "--valuation") valuationFile = need();
    else if (a === "--out") out = need();
    else if (a === "--mortality") shock.mortality = factor();
    else if (a === "--lapse") shock.lapse = factor();
    else if (a === "--expenses") shock.expenses = factor();
    else if (a === "--interest") shock.interest = factor();
    else if (a === "--sensitivities") sensitivities = true;
    else throw new UsageError(`unexpected argument ${a}`, RUN_USAGE);
  }
  if ((dir === undefined) === (workbook === undefined)) throw new UsageError("give one of --assumptions DIR and --workbook FILE.xlsx", RUN_USAGE);
  try {
    let tables: Record<string, HeaderTable>;
    if (dir !== undefined) {
      if (!existsSync(dir)) throw new UsageError(`cannot read the folder ${dir}: it does not exist`);
      tables = readTableTree(dir);
    } else {
      tables = await readWorkbookTables(workbook as string);
    }
    if (valuationFile !== undefined) tables.valuation = readTableFile(valuationFile, "valuation");
    else if (!Object.keys(tables).some((k) => k.toLowerCase() === "valuation")) {
      throw new UsageError(`no valuation table: put valuation.csv in ${dir ?? workbook} or give --valuation FILE`, RUN_USAGE);
    }
    if (sensitivities) {
      if (Object.keys(shock).length > 0) throw new UsageError("--sensitivities runs its own shocks; give no shock option with it", RUN_USAGE);
      const started = performance.now();
      const run = runSensitivities(groupInputFromTables(tables), [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES], { now: () => performance.now() });
      const ms = performance.now() - started;
      io.out(json ? JSON.stringify({ ...run, ms: Number(ms.toFixed(1)) }) + "\n" : printSensitivities(run, ms));
      return 0;
    }
    const result = runGroup(tables, Object.keys(shock).length > 0 ? shock : undefined);
    if (out !== undefined) await writeReportWorkbook(out, result);
    if (json) {
      io.out(reportJson(result) + "\n");
      return 0;
    }
    const v = result.valuation;
    io.out(`MCEV of ${v.entities.length} ${v.entities.length === 1 ? "entity" : "entities"} from ${dir ?? workbook}, in ${v.reportingCurrency} (${result.ms.toFixed(0)} ms); costs are negative\n\n`);
    io.out(printReport(result.report));
    if (out !== undefined) io.out(`\nReport workbook: ${out}\n`);
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}


/** Seed 003 Tables 6–7 (and seed 001's set) for the terminal: value, change and % change. */
function printSensitivities(run: SensitivityRun, ms: number): string {
  const unit = run.unit === 1 ? "" : run.unit === 1000 ? " thousands" : " millions";
  const money = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: run.decimals, maximumFractionDigits: run.decimals });
  const signed = (x: number) => (x > 0 ? "+ " : x < 0 ? "- " : "") + money(Math.abs(x));
  const pct = (x: number | null) => (x === null ? "n/a" : `${x > 0 ? "+ " : x < 0 ? "- " : ""}${Math.abs(100 * x).toFixed(1)}%`);
  const table = (key: "mcev" | "vnb" | "tev", title: string) =>
    `${title} (in ${run.reportingCurrency}${unit})\n\n` +
    formatTable([["", key.toUpperCase(), "Change", "% Change"], ["Base case", money(run.base[key]), "", ""], ...run.rows.map((r) => [r.name, money(r.value[key]), signed(r.change[key]), pct(r.percent[key])])]) +
    "\n";
  return [
    table("mcev", "Table 6: Sensitivities of MCEV"),
    table("vnb", "Table 7: Sensitivities of VNB"),
    table("tev", "Sensitivities of the traditional EV"),
    `Base case ${run.baseMs.toFixed(0)} ms; base + ${run.rows.length} sensitivities ${ms.toFixed(0)} ms.\n`,
  ].join("\n");
}
