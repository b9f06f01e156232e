import * as v from "valibot";
import { numberIn, text } from "../assumptions/fields";
import { KeyRegistry, readRows, usable } from "../assumptions/rows";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { nonHedgeableRiskCapital } from "./nhr";

/**
 * Non-hedgeable risk capital of an entity from two assumption tables (seed 003 §6.8), for entities that
 * do not give `nhr_capital` directly:
 *
 *   nhr_impacts       risk,impact — the change in value under each stand-alone 99.5% shock, in the
 *                     entity's currency, a loss negative (mortality, longevity, lapse_up, lapse_down,
 *                     lapse_mass, expense_level, expense_inflation, catastrophe, …)
 *   nhr_correlation   risk, then one column per risk: the correlation matrix, rows and columns in the
 *                     same order
 *
 * NHR capital = MCEV.NHRBC(impacts, correlation) = sqrt(sᵀ C s), s_i = max(−impact_i, 0). Every risk of
 * the impacts must have a row of the matrix; a risk of the matrix without an impact counts 0.
 */
export const NHR_TABLES = ["nhr_impacts", "nhr_correlation"] as const;

const ImpactRowSchema = v.object({ risk: text(), impact: numberIn("a finite amount (a loss is negative)", -Infinity, Infinity) });

export function nhrCapitalFromTables(impactsTable: HeaderTable, correlationTable: HeaderTable): number {
  const impacts = usable(impactsTable);
  const { rows, columns } = readRows(impacts, ImpactRowSchema);
  const keys = new KeyRegistry<string>(impacts);
  rows.forEach((r, i) => keys.add(r.risk.toLowerCase(), i, columns.label("risk"), () => r.risk));

  const corr = usable(correlationTable);
  const names = corr.header.slice(1).map((h) => String(h).trim().toLowerCase());
  const n = names.length;
  if (n === 0 || corr.rows.length !== n) invalid(corr.name, `has ${corr.rows.length} rows and ${n} risk columns; expected a square matrix: a column "risk", then one column per risk, one row per risk in the same order`);
  const matrix = new Float64Array(n * n);
  corr.rows.forEach((row, i) => {
    const name = String(row[0] ?? "").trim().toLowerCase();
    if (name !== names[i]) invalid(corr.name, `row ${i + 1}, column ${corr.header[0]}: "${row[0]}" is not "${corr.header[i + 1]}"; rows and columns list the risks in the same order`);
    for (let j = 0; j < n; j++) {
      const x = row[j + 1];
      if (typeof x !== "number" || !Number.isFinite(x)) invalid(corr.name, `row ${i + 1}, column ${corr.header[j + 1]}: ${String(x)} is not a correlation (a number in [−1, 1])`);
      matrix[i * n + j] = x;
    }
  });
  const s = new Float64Array(n);
  rows.forEach((r, i) => {
    const k = names.indexOf(r.risk.toLowerCase());
    if (k < 0) invalid(impacts.name, `row ${i + 1}, column ${columns.label("risk")}: "${r.risk}" has no row in ${corr.name} (its risks: ${corr.header.slice(1).join(", ")})`);
    s[k] = r.impact;
  });
  return nonHedgeableRiskCapital(s, matrix);
}
