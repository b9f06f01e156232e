import type { Confirm } from "../assumptions/tables";
import { cellAddress, quoteSheet } from "../workbook/address";
import type { Cell, CellInput, Workbook } from "../workbook/workbook";

/**
 * The result sheet of a sensitivity run, laid out like seed 003 (SCOR MCEV 2011) Tables 6 and 7:
 *
 *                                        MCEV (in €m)   Change (in €m)   % Change
 *   Base case                                 3,319.3
 *   Mortality/Morbidity −5% (life)            4,454.6        + 1,135.4    + 34.2%
 *   …
 *
 * one such table per output (MCEV, VNB and the traditional EV for an engine run; the user's outputs for
 * a workbook run), under the run's metadata (time, assumption set, random seed, version, and e.g. the
 * run times), each with a tornado chart (a bar chart of the changes, largest on top). Change = value −
 * base and % change = change / |base|, unless the results carry the engine's own changes (computed in
 * decimal from the reported figures), which are written as they are.
 */
export interface SensitivityResults {
  /** Output names: ["MCEV", "VNB", "Traditional EV"] for an engine run, or the user's outputs. */
  outputs: string[];
  /** Currency unit shown in the headers, e.g. "€m", "EUR m". */
  unit?: string;
  /** Decimals shown for values and changes (default 1, as in seed 003). */
  decimals?: number;
  base: Cell[];
  rows: SensitivityResultRow[];
}

export interface SensitivityResultRow {
  name: string;
  values: Cell[];
  /** The changes as the engine computed them (exact decimal differences of reported figures); else value − base. */
  changes?: (number | null)[];
  /** The % changes as the engine computed them; else change / |base|. */
  percents?: (number | null)[];
}

export interface RunMetadata {
  title: string;
  time: Date;
  assumptionSet?: string;
  seed?: number | string;
  version: string;
  /** Further lines, e.g. ["Model inputs", "Model!B2:B3"]. */
  extra?: [string, string][];
}

export interface ResultSheetOptions {
  /** Preferred sheet name; a number is added when it is taken. */
  sheetName?: string;
  /** Write into this existing sheet instead (asked first when it is not empty; declined → a new sheet). */
  into?: string;
  confirm?: Confirm;
  /** Charts for the first `maxCharts` outputs (default 4). */
  maxCharts?: number;
}

export interface ResultBlock {
  output: string;
  /** The table: header row, base case, one row per sensitivity (columns: name, value, change, % change). */
  address: string;
}

export interface ResultSheet {
  sheet: string;
  blocks: ResultBlock[];
  charts: number;
}

const PERCENT_FORMAT = "+0.0%;-0.0%;0.0%";

/** Number formats of values and changes with `decimals` places: "#,##0.0;-#,##0.0;0.0", "+#,##0.0;-#,##0.0;0.0". */
export function amountFormats(decimals = 1): { value: string; change: string } {
  const d = Math.max(0, Math.min(6, Math.round(decimals)));
  const n = d === 0 ? "#,##0" : `#,##0.${"0".repeat(d)}`;
  const z = d === 0 ? "0" : `0.${"0".repeat(d)}`;
  return { value: `${n};-${n};${z}`, change: `+${n};-${n};${z}` };
}

/** Change and relative change of a value against the base; blanks when either is not a number. */
export function change(value: Cell, base: Cell): { change: CellInput; relative: CellInput } {
  if (typeof value !== "number" || typeof base !== "number") return { change: null, relative: null };
  const d = value - base;
  return { change: d, relative: base === 0 ? null : d / Math.abs(base) };
}

/** A row's change and % change of output k: the engine's when it gave them, else computed. */
function rowChange(row: SensitivityResultRow, k: number, base: Cell): { change: CellInput; relative: CellInput } {
  const computed = change(row.values[k] as Cell, base);
  const given = row.changes?.[k];
  const relative = row.percents?.[k];
  return {
    change: given === undefined ? computed.change : given,
    relative: relative === undefined ? computed.relative : relative,
  };
}

function localTime(t: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
}

/** Writes the results to a new sheet (unique name) or, after confirmation, into an existing one. */
export async function writeResultSheet(wb: Workbook, results: SensitivityResults, meta: RunMetadata, options: ResultSheetOptions = {}): Promise<ResultSheet> {
  if (results.base.length !== results.outputs.length || results.rows.some((r) => r.values.length !== results.outputs.length)) {
    throw new Error("every row of results needs one value per output");
  }
  let sheet: string | undefined;
  if (options.into !== undefined && (await wb.sheetExists(options.into))) {
    const used = await wb.usedRange(options.into);
    const ok = used === undefined || (options.confirm !== undefined && (await options.confirm(`The sheet "${options.into}" is not empty. Overwrite ${used.split("!").pop()} with the results?`)));
    if (ok) {
      // the user agreed to overwrite: nothing of the old content (cells, formats, charts) stays beside the results
      if (used !== undefined) await wb.clearSheet(options.into);
      sheet = options.into;
    }
  }
  sheet ??= await wb.addSheet(options.sheetName ?? "Sensitivities");
  const at = (row: number, column: number) => `${quoteSheet(sheet as string)}!${cellAddress(row, column)}`;
  const area = (r0: number, c0: number, r1: number, c1: number) => `${quoteSheet(sheet as string)}!${cellAddress(r0, c0)}:${cellAddress(r1, c1)}`;

  // title and metadata
  const metaRows: CellInput[][] = [
    ["Run time", localTime(meta.time)],
    ["Assumption set", meta.assumptionSet ?? "—"],
    ["Random seed", meta.seed ?? "—"],
    ["Version", meta.version],
    ...(meta.extra ?? []),
  ];
  await wb.writeValues(at(0, 0), [[meta.title]]);
  await wb.formatRange(at(0, 0), { bold: true });
  await wb.writeValues(area(2, 0, 2 + metaRows.length - 1, 1), metaRows);

  const unit = results.unit ? ` (in ${results.unit})` : "";
  const formats = amountFormats(results.decimals);
  const n = results.rows.length;
  const blocks: ResultBlock[] = [];
  let row = 2 + metaRows.length + 1;
  const chartColumn = 5; // F
  const dataColumn = 15; // P: the charts' data, out of the way
  let charts = 0;
  for (const [k, output] of results.outputs.entries()) {
    const base = results.base[k] as Cell;
    const header: CellInput[] = ["", `${output}${unit}`, `Change${unit}`, "% Change"];
    const body: CellInput[][] = [
      ["Base case", base, null, null],
      ...results.rows.map((r) => {
        const c = rowChange(r, k, base);
        return [r.name, r.values[k] as Cell, c.change, c.relative];
      }),
    ];
    const top = row;
    await wb.writeValues(area(top, 0, top + n + 1, 3), [header, ...body]);
    await wb.formatRange(area(top, 0, top, 3), { bold: true });
    await wb.formatRange(area(top + 1, 1, top + n + 1, 1), { numberFormat: formats.value });
    if (n > 0) {
      await wb.formatRange(area(top + 2, 2, top + n + 1, 2), { numberFormat: formats.change });
      await wb.formatRange(area(top + 2, 3, top + n + 1, 3), { numberFormat: PERCENT_FORMAT });
    }
    blocks.push({ output, address: area(top, 0, top + n + 1, 3) });

    // tornado: changes sorted by size, smallest first so that Excel's bar chart shows the largest on top
    let charted = false;
    if (n > 0 && charts < (options.maxCharts ?? 4)) {
      const sorted = results.rows
        .map((r) => ({ name: r.name, d: rowChange(r, k, base).change }))
        .filter((x): x is { name: string; d: number } => typeof x.d === "number")
        .sort((a, b) => Math.abs(a.d) - Math.abs(b.d));
      if (sorted.length > 0) {
        const c0 = dataColumn + 3 * charts;
        const data = area(top, c0, top + sorted.length, c0 + 1);
        await wb.writeValues(data, [["Sensitivity", `Change in ${output}`], ...sorted.map((x) => [x.name, x.d])]);
        await wb.addBarChart({ sheet, source: data, title: `${output}: change by sensitivity${unit}`, anchor: cellAddress(top, chartColumn), anchorEnd: cellAddress(top + Math.max(n + 1, 14), chartColumn + 7) });
        charts++;
        charted = true;
      }
    }
    row = top + Math.max(n + 3, charted ? 16 : 0);
  }
  await wb.formatRange(area(0, 0, row, 3), { autofitColumns: true });
  await wb.select(at(0, 0));
  return { sheet, blocks, charts };
}
