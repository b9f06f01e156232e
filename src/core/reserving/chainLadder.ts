import { invalid } from "../errors";
import { cell, latest, rowsWithFactor, type Triangle } from "./triangle";

export const FACTOR_AVERAGES = ["VOLUME", "SIMPLE"] as const;
export type FactorAverage = (typeof FACTOR_AVERAGES)[number];

export interface FactorOptions {
  /** "VOLUME" (default): Σ C(i,j+1) / Σ C(i,j); "SIMPLE": mean of the individual ratios C(i,j+1)/C(i,j). */
  average?: FactorAverage;
  /** Use only the latest n origins that inform each factor (the last n diagonals). Default: all. */
  periods?: number;
}

export function resolveAverage(text: string | undefined): FactorAverage {
  if (text === undefined || text.trim() === "") return "VOLUME";
  const key = text.trim().toUpperCase();
  const alias: Record<string, FactorAverage> = { VOLUME: "VOLUME", WEIGHTED: "VOLUME", "VOLUME-WEIGHTED": "VOLUME", SIMPLE: "SIMPLE" };
  const found = alias[key];
  if (!found) invalid("average", `unknown average "${text}"; expected VOLUME or SIMPLE`);
  return found;
}

/**
 * Age-to-age (development) factors f_j, j = 0..devs−2, from development j to j + 1 (Mack 1993, eq. 1):
 *   volume-weighted f_j = Σ_i C(i,j+1) / Σ_i C(i,j);   simple f_j = mean_i C(i,j+1)/C(i,j),
 * over the origins observed at j + 1 (the latest `periods` of them when given).
 */
export function ageToAgeFactors(tri: Triangle, options: FactorOptions = {}): Float64Array {
  const average = options.average ?? "VOLUME";
  const periods = options.periods;
  if (periods !== undefined && !(Number.isInteger(periods) && periods >= 1)) invalid("periods", `${periods} is not a whole number of periods >= 1`);
  const f = new Float64Array(tri.devs - 1);
  for (let j = 0; j < tri.devs - 1; j++) {
    const rows = rowsWithFactor(tri, j);
    if (rows === 0) invalid("triangle", `no origin is observed at development period ${j + 2}; drop the empty columns`, j + 1);
    const first = periods === undefined ? 0 : Math.max(0, rows - periods);
    if (average === "VOLUME") {
      let num = 0;
      let den = 0;
      for (let i = first; i < rows; i++) {
        num += cell(tri, i, j + 1);
        den += cell(tri, i, j);
      }
      if (!(den > 0)) invalid("triangle", `the amounts at development period ${j + 1} add up to ${den}; a volume-weighted factor needs a positive total`, first * tri.devs + j);
      f[j] = num / den;
    } else {
      let sum = 0;
      for (let i = first; i < rows; i++) sum += ratio(tri, i, j);
      f[j] = sum / (rows - first);
    }
  }
  return f;
}

/** C(i,j+1)/C(i,j), refusing a zero or negative denominator with the cell's position. */
export function ratio(tri: Triangle, i: number, j: number): number {
  const c = cell(tri, i, j);
  if (!(c > 0)) invalid("triangle", `${c} is not a positive cumulative amount; the ratio to the next development period needs one`, i * tri.devs + j);
  return cell(tri, i, j + 1) / c;
}

/**
 * Cumulative development factors to ultimate by development index: cdf[j] = tail · Π_{k>=j} f_k,
 * cdf[devs−1] = tail. Origin i's factor to ultimate is cdf[observed[i] − 1].
 */
export function cumulativeFactors(f: Float64Array, tail = 1): Float64Array {
  const n = f.length + 1;
  const cdf = new Float64Array(n);
  cdf[n - 1] = tail;
  for (let j = n - 2; j >= 0; j--) cdf[j] = (cdf[j + 1] as number) * (f[j] as number);
  return cdf;
}

export interface ChainLadderResult {
  factors: Float64Array;
  tail: number;
  /** Per origin. */
  latest: Float64Array;
  cdf: Float64Array;
  ultimate: Float64Array;
  ibnr: Float64Array;
}

export function checkTail(tail: number | undefined): number {
  if (tail === undefined) return 1;
  if (!Number.isFinite(tail) || tail < 1) invalid("tail", `${tail} is not a tail factor >= 1`);
  return tail;
}

/** The chain-ladder method: Ultimate_i = C(i, latest) · CDF_i, IBNR_i = Ultimate_i − C(i, latest). */
export function chainLadder(tri: Triangle, options: FactorOptions & { tail?: number } = {}): ChainLadderResult {
  const tail = checkTail(options.tail);
  const factors = ageToAgeFactors(tri, options);
  const cdfByDev = cumulativeFactors(factors, tail);
  const n = tri.origins;
  const out: ChainLadderResult = { factors, tail, latest: new Float64Array(n), cdf: new Float64Array(n), ultimate: new Float64Array(n), ibnr: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const c = latest(tri, i);
    const k = cdfByDev[(tri.observed[i] as number) - 1] as number;
    out.latest[i] = c;
    out.cdf[i] = k;
    out.ultimate[i] = c * k;
    out.ibnr[i] = c * k - c;
  }
  return out;
}

/**
 * The completed (projected) triangle: observed cells as given, later cells C(i,j+1) = C(i,j) · f_j;
 * the extra last column is the ultimate after the tail. Shape origins × (devs + 1).
 */
export function projectTriangle(tri: Triangle, factors: Float64Array, tail = 1): Float64Array {
  const w = tri.devs + 1;
  const out = new Float64Array(tri.origins * w);
  for (let i = 0; i < tri.origins; i++) {
    const k = tri.observed[i] as number;
    for (let j = 0; j < k; j++) out[i * w + j] = cell(tri, i, j);
    for (let j = k; j < tri.devs; j++) out[i * w + j] = (out[i * w + j - 1] as number) * (factors[j - 1] as number);
    out[i * w + tri.devs] = (out[i * w + tri.devs - 1] as number) * tail;
  }
  return out;
}
