import { readAssumptionSet } from "../../core/assumptions/assumptionSet";
import { normalise } from "../../core/assumptions/rows";
import { taxRate } from "../../core/assumptions/tax";
import { curveNodes } from "../../core/assumptions/zeroCurve";
import { invalid, McevError } from "../../core/errors";
import type { HeaderTable } from "../../core/projection/table";
import { checkReporting, type EntityInput, type GroupInput } from "../../core/valuation/group";
import { groupInputFromTables } from "../../core/valuation/groupTables";

/**
 * The valuation run's parameters in the pane: the `valuation` table in its one-entity form (name,value,
 * as examples/valuation/valuation.csv: shareholders_net_worth, cost_of_capital, nhr_capital,
 * frictional_investment_expenses, currency, tax_jurisdiction, valuation_year; optional reporting_unit,
 * reporting_decimals, curve_method, ufr, rdr_margin, ifrs_equity). It is read by the core's own
 * groupInputFromTables, so the pane refuses exactly what a run refuses, plus the reporting unit and
 * decimals (which the core checks only when it values) — each refusal at its parameter's cell.
 */
export const VALUATION_TABLE = "valuation";

/** "row r, column c" of a parameter's value cell in a name,value table or a one-row wide table; undefined when absent. */
export function parameterCell(table: HeaderTable, key: string): string | undefined {
  const header = table.header.map(normalise);
  if (header.length === 2 && ["name", "key", "parameter"].includes(header[0] as string) && header[1] === "value") {
    const r = table.rows.findIndex((row) => typeof row[0] === "string" && normalise(row[0]) === key);
    return r < 0 ? undefined : `row ${r + 1}, column ${table.header[1]}`;
  }
  const c = header.indexOf(key);
  return c < 0 ? undefined : `row 1, column ${table.header[c]}`;
}

/** Re-throws an error about a parameter at the parameter's cell of `table` (at the table when the cell is not found). */
function atParameter(table: HeaderTable, key: string, detail: string): never {
  const cell = parameterCell(table, key);
  invalid(table.name, cell ? `${cell}: ${detail} (${key})` : detail);
}

/** Reads the valuation table as a run would (one entity, no other table): its group input. */
export function readValuationTable(table: HeaderTable): GroupInput {
  const input = groupInputFromTables({ [VALUATION_TABLE]: table });
  try {
    checkReporting(input.reporting);
  } catch (e) {
    if (e instanceof McevError && (e.argument === "reporting_unit" || e.argument === "reporting_decimals")) atParameter(table, e.argument, e.detail);
    throw e;
  }
  return input;
}

/**
 * Checks between the valuation table and the tables it points into, when each reads on its own: the
 * currency needs a curve in zero_curve, the tax jurisdiction a rate in tax. Returns the core's refusal,
 * placed at the valuation table's cell (currency or tax_jurisdiction), or undefined.
 */
export function crossCheckValuation(valuation: HeaderTable, others: { zero_curve?: HeaderTable; tax?: HeaderTable }): McevError | undefined {
  try {
    const entity = readValuationTable(valuation).entities[0] as EntityInput;
    if (others.zero_curve) {
      const set = readAssumptionSet({ zero_curve: others.zero_curve });
      try {
        if (set.zeroCurve) curveNodes(set.zeroCurve, entity.currency, others.zero_curve.name);
      } catch (e) {
        if (e instanceof McevError) atParameter(valuation, "currency", e.message);
        throw e;
      }
    }
    if (others.tax) {
      const set = readAssumptionSet({ tax: others.tax });
      try {
        if (set.tax) taxRate(set.tax, entity.taxJurisdiction, others.tax.name);
      } catch (e) {
        if (e instanceof McevError) atParameter(valuation, "tax_jurisdiction", e.message);
        throw e;
      }
    }
    return undefined;
  } catch (e) {
    if (e instanceof McevError) return e;
    throw e;
  }
}
