import * as v from "valibot";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { checkHasRows, isBlank, mapColumns, normalise, notA, parseRow, refuseCell, requiredKeys, rowObject, show, type Cell, type RowSchema } from "./rows";

/**
 * A parameter table (expenses, commission, reinsurance, capital) in either layout:
 *  - key/value: header `name,value`, one row per parameter — names case-insensitive, each at most
 *    once; an unknown name is refused with its row;
 *  - wide: one column per parameter and exactly one row of values.
 * A required parameter that is missing is refused; an optional one takes its schema's default.
 */
export function readParameters<S extends RowSchema>(table: HeaderTable, schema: S): v.InferOutput<S> {
  checkHasRows(table);
  const names = Object.keys(schema.entries);
  const header = table.header.map(normalise);
  if (header.length === 2 && (header[0] === "name" || header[0] === "key" || header[0] === "parameter") && header[1] === "value") {
    return readKeyValue(table, schema, names);
  }
  const columns = mapColumns(table, names, requiredKeys(schema), {
    expected: `a parameter table is either two columns "name,value" or one column per parameter (${names.join(", ")})`,
  });
  if (table.rows.length !== 1) invalid(table.name, `has ${table.rows.length} rows; with one column per parameter it takes exactly one row of values (or use the two columns "name,value")`);
  const row = table.rows[0] as readonly Cell[];
  return parseRow(table, schema, rowObject(row, columns.index.entries()), 0, columns.label, (key) => row[columns.index.get(key) ?? -1]);
}

function readKeyValue<S extends RowSchema>(table: HeaderTable, schema: S, names: readonly string[]): v.InferOutput<S> {
  const nameColumn = table.header[0] as string;
  const valueColumn = table.header[1] as string;
  const rowOf = new Map<string, number>();
  const input: Record<string, unknown> = {};
  table.rows.forEach((row, r) => {
    const cell = row[0];
    if (isBlank(cell) && isBlank(row[1])) return; // a blank line inside the table
    if (typeof cell !== "string" || isBlank(cell)) refuseCell(table, r, nameColumn, `${notA(cell, "a parameter name")}; the names are ${names.join(", ")}`);
    const key = normalise(cell);
    if (!names.includes(key)) refuseCell(table, r, nameColumn, `${show(cell)} is not a name this table knows; the names are ${names.join(", ")}`);
    const first = rowOf.get(key);
    if (first !== undefined) refuseCell(table, r, nameColumn, `a second row for ${key} (the first is row ${first + 1})`);
    rowOf.set(key, r);
    const value = row[1];
    input[key] = isBlank(value) ? undefined : typeof value === "string" ? value.trim() : value;
  });
  for (const key of requiredKeys(schema)) {
    if (!rowOf.has(key)) invalid(table.name, `has no row for "${key}"; its required names are ${requiredKeys(schema).join(", ")}`);
  }
  // An issue on parameter `key` is reported at its row, in the value column, with the name appended.
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = issue.path?.[0]?.key;
  const r = typeof key === "string" ? rowOf.get(key) : undefined;
  if (typeof key !== "string" || r === undefined) invalid(table.name, issue.message);
  refuseCell(table, r, valueColumn, `${notA(table.rows[r]?.[1], issue.message)} (${key})`);
}

