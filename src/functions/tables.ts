import type { CellMatrix, CellValue } from "./cells";

/**
 * The layout of per-origin results: one row per origin in input order, then a Total row; with
 * `headers`, a header row first. Cells that have no meaning in the Total row are blank ("").
 */
export function originTable(headers: readonly string[], columns: readonly ArrayLike<number>[], total: readonly CellValue[], withHeaders: boolean): CellMatrix {
  const n = columns[0]?.length ?? 0;
  const out: CellMatrix = [];
  if (withHeaders) out.push([...headers]);
  for (let i = 0; i < n; i++) out.push(columns.map((c) => c[i] as number));
  out.push([...total]);
  return out;
}

export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s;
}
