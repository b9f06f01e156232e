import type { GroupReport, ReportTable } from "../../core/valuation/report";
import { formatTable } from "../table";

/** A reported figure as printed: amounts with thousands separators, percentages to one decimal. */
export function formatFigure(x: number | null, format: "amount" | "percent", decimals: number): string {
  if (x === null) return "n/a";
  if (format === "percent") return `${(100 * x).toFixed(1)}%`;
  return x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** One reported table for the terminal, in the disclosure's layout (components indented). */
export function printTable(t: ReportTable, decimals: number): string {
  const header = ["", ...t.columns];
  const rows = t.rows.map((r) => [`${r.indent ? "  " : ""}${r.label}`, ...r.values.map((x) => formatFigure(x, r.format, decimals))]);
  const notes = (t.footnotes ?? []).map((n) => `  ${n}\n`).join("");
  return `${t.title} ${t.note}\n\n${formatTable([header, ...rows])}\n${notes}`;
}

export function printReport(report: GroupReport, keys: readonly string[] = ["table1", "table5", "traditional", "table8", "table9"]): string {
  return report.tables
    .filter((t) => keys.includes(t.key))
    .map((t) => printTable(t, report.decimals))
    .join("\n");
}
