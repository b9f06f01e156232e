import { invalid } from "../errors";

/**
 * A claims development triangle of CUMULATIVE amounts: origin periods in rows (oldest first),
 * development periods in columns. Row i is observed in its first `observed[i]` columns; the cells
 * after the latest diagonal are unobserved (held as 0 in `values`, never read).
 *
 * Shapes accepted: every row observed in a contiguous run from the first column, and the number of
 * observed periods never increasing down the rows (a triangle, a trapezoid, or a fully developed
 * rectangle). The latest diagonal of row i is at development index observed[i] − 1.
 */
export interface Triangle {
  readonly origins: number;
  readonly devs: number;
  /** Row-major origins × devs; 0 where unobserved. */
  readonly values: Float64Array;
  /** Number of observed development periods per origin (1..devs). */
  readonly observed: Int32Array;
}

/** Cell (origin i, development j) of a triangle. */
export function cell(tri: Triangle, i: number, j: number): number {
  return tri.values[i * tri.devs + j] as number;
}

/** The latest observed cumulative amount of origin i. */
export function latest(tri: Triangle, i: number): number {
  return cell(tri, i, (tri.observed[i] as number) - 1);
}

/**
 * Builds and checks a triangle from a matrix whose unobserved cells are `undefined`.
 * `argument` names the triangle in errors; positions are reported as flat indexes into the matrix.
 */
export function makeTriangle(cells: ReadonlyArray<ReadonlyArray<number | undefined>>, argument = "triangle"): Triangle {
  const origins = cells.length;
  const devs = cells[0]?.length ?? 0;
  if (origins < 2) invalid(argument, `has ${origins} row${origins === 1 ? "" : "s"}; a triangle needs at least two origin periods`);
  if (devs < 2) invalid(argument, "has one column; a triangle needs at least two development periods");
  const values = new Float64Array(origins * devs);
  const observed = new Int32Array(origins);
  for (let i = 0; i < origins; i++) {
    const row = cells[i] as ReadonlyArray<number | undefined>;
    let n = 0;
    while (n < devs && row[n] !== undefined) n++;
    if (n === 0) invalid(argument, `origin ${i + 1} has no amounts; each row starts with the first development period`, i * devs);
    for (let j = n; j < devs; j++) {
      if (row[j] !== undefined) invalid(argument, `has a value after a blank in origin ${i + 1}; the amounts of a row must be contiguous from the first development period`, i * devs + j);
    }
    if (i > 0 && n > (observed[i - 1] as number)) {
      invalid(argument, `origin ${i + 1} has ${n} development periods but the older origin ${i} has ${observed[i - 1]}; a newer origin cannot be more developed`, i * devs + n - 1);
    }
    for (let j = 0; j < n; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) invalid(argument, `${v} is not a finite number`, i * devs + j);
      values[i * devs + j] = v;
    }
    observed[i] = n;
  }
  if ((observed[0] as number) < 2) invalid(argument, "the oldest origin has only one development period; no development factor can be estimated");
  return { origins, devs, values, observed };
}

/** Scales every amount by k (a property: every reserving result scales with it). */
export function scaleTriangle(tri: Triangle, k: number): Triangle {
  return { ...tri, values: tri.values.map((v) => v * k) };
}

/**
 * The rows that inform the factor from development j to j + 1: origins observed at j + 1 (they are a
 * prefix of the rows, because observed counts never increase down the rows).
 */
export function rowsWithFactor(tri: Triangle, j: number): number {
  let r = 0;
  while (r < tri.origins && (tri.observed[r] as number) > j + 1) r++;
  return r;
}

/** Incremental amounts of an observed cell: C(i, j) − C(i, j − 1). */
export function incremental(tri: Triangle, i: number, j: number): number {
  return j === 0 ? cell(tri, i, 0) : cell(tri, i, j) - cell(tri, i, j - 1);
}
