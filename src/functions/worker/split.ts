import { McevError } from "../../core/errors";
import type { Argument } from "../args";
import type { CellMatrix, CellValue } from "../cells";

/**
 * Splitting one MCEV.PROJECT / PROJECTPV call across several workers: the model points (first argument,
 * a table with a header row) are cut into contiguous slices, every slice runs with the same tables, and
 * the parts are merged. Results are additive over model points, except the columns that describe the
 * curve (discount factor, forward rate) and the period number, which are the same in every part.
 */
export const SPLIT_FUNCTIONS = new Set(["PROJECT", "PROJECTPV"]);
const NOT_ADDITIVE = new Set(["month", "year", "discount_factor", "forward_rate"]);

/** The model point slices: header + rows [from, to) for each of k parts, with the row offset of each. */
export function splitModelPoints(args: readonly Argument[], parts: number): { args: Argument[]; rowOffset: number }[] {
  const mp = args[0];
  if (!Array.isArray(mp) || mp.length < 2 || parts <= 1) return [{ args: [...args], rowOffset: 0 }];
  const [header, ...all] = mp as CellMatrix;
  // a range selected larger than its table ends in blank rows (0 on Excel desktop): not model points
  let end = all.length;
  while (end > 0 && (all[end - 1] ?? []).every((v) => v === null || v === "" || v === 0)) end--;
  const rows = all.slice(0, end);
  if (rows.length === 0) return [{ args: [...args], rowOffset: 0 }];
  const k = Math.min(parts, rows.length);
  return Array.from({ length: k }, (_, i) => {
    const from = Math.floor((i * rows.length) / k);
    const to = Math.floor(((i + 1) * rows.length) / k);
    return { args: [[header as CellValue[], ...rows.slice(from, to)], ...args.slice(1)], rowOffset: from };
  });
}

/** Merges the spilled tables of the parts: PROJECT (period rows, aligned by period) or PROJECTPV (line, pv). */
export function mergeParts(name: string, parts: readonly CellMatrix[]): CellMatrix {
  if (parts.length === 1) return parts[0] as CellMatrix;
  const header = (parts[0] as CellMatrix)[0] as CellValue[];
  if (name === "PROJECTPV") {
    return (parts[0] as CellMatrix).map((row, r) => (r === 0 ? row : [row[0] as CellValue, parts.reduce((a, p) => a + ((p[r]?.[1] as number) ?? 0), 0)]));
  }
  const longest = parts.reduce((a, p) => (p.length > a.length ? p : a));
  return longest.map((row, r) => {
    if (r === 0) return header;
    return header.map((col, c) => (NOT_ADDITIVE.has(String(col)) ? (row[c] as CellValue) : parts.reduce((a, p) => a + ((p[r]?.[c] as number | undefined) ?? 0), 0)));
  });
}

/** A worker's error about a model point row, numbered for the whole table (the slice starts at rowOffset). */
export function withRowOffset(e: unknown, rowOffset: number): unknown {
  if (!(e instanceof McevError) || rowOffset === 0) return e;
  if (!/model_points|model point/.test(e.message)) return e;
  const message = e.message.replace(/(model_points: row |model point row |\(the first is row )(\d+)/g, (_, lead: string, r: string) => `${lead}${Number(r) + rowOffset}`);
  return new McevError(e.code, message);
}
