import type { ModelPoints } from "./modelPoints";

/**
 * Monthly decrement rates of a run, looked up per policy-month (no pow in the loop):
 *  - mortality: monthly q by (attained age − minAge) row and select column, optionally scaled by an
 *    improvement factor by calendar year of projection (index floor(t / 12));
 *  - lapse: monthly rate by policy year (the last continues); none for products without lapses.
 */
export interface MonthlyRates {
  /** Monthly q, row-major (age − minAge) × cols. */
  qm: Float64Array;
  minAge: number;
  maxAge: number;
  cols: number;
  /** Monthly lapse rate by policy year; empty = no lapses. */
  lapse: Float64Array;
  /**
   * Optional mortality improvement: factor(ageRow, projectionYear) multiplying the ANNUAL q before the
   * monthly conversion; see mortalityImprovement in the annuity module. Undefined = no improvement.
   */
  improvedQm?: (ageRow: number, col: number, projectionYear: number) => number;
}

/** Per-point buffers of one projection, reused across points (length = steps). */
export interface PointBuffers {
  bm: Float64Array;
  mat: Float64Array;
  nb: Float64Array;
  bd: Float64Array;
  deaths: Float64Array;
  lapses: Float64Array;
  policyYear: Int32Array;
}

export function pointBuffers(steps: number): PointBuffers {
  return {
    bm: new Float64Array(steps),
    mat: new Float64Array(steps),
    nb: new Float64Array(steps),
    bd: new Float64Array(steps),
    deaths: new Float64Array(steps),
    lapses: new Float64Array(steps),
    policyYear: new Int32Array(steps),
  };
}

/**
 * Decrements of model point i, month by month (the same conventions as the term kernel):
 *   maturities MAT = in force if months since issue m = 12·term; new business NB = count if m = 0;
 *   exposed BD = BM − MAT + NB; deaths = BD·qm(age + d, d); lapses = (BD − deaths)·lm(d);
 *   BM(t+1) = BD − deaths − lapses,   d = floor(m / 12) the policy year.
 * Fills the buffers on [start, stop) and returns them; months outside are untouched (not read).
 * `maturityYears` overrides the term (e.g. whole-life annuities run to the table's last age).
 */
export function projectPointDecrements(points: ModelPoints, i: number, rates: MonthlyRates, steps: number, buf: PointBuffers, maturityYears?: number): { start: number; stop: number } {
  const x0 = points.ageAtEntry[i] as number;
  const term = maturityYears ?? (points.policyTerm[i] as number);
  const count = points.policyCount[i] as number;
  const m0 = points.durationMonths[i] as number;
  const maturity = 12 * term;
  const end = maturity - m0;
  if (end < 0) return { start: 0, stop: 0 };
  const start = m0 < 0 ? -m0 : 0;
  const last = end < steps - 1 ? end : steps - 1;
  const { qm, cols, lapse } = rates;
  const lastCol = cols - 1;
  const lastLapse = lapse.length - 1;
  const rowBase = x0 - rates.minAge;
  let bm = m0 > 0 ? count : 0;
  let t = start;
  for (; t <= last; t++) {
    const m = m0 + t;
    buf.bm[t] = bm;
    if (m === maturity) {
      buf.mat[t] = bm;
      buf.nb[t] = 0;
      buf.bd[t] = 0;
      buf.deaths[t] = 0;
      buf.lapses[t] = 0;
      buf.policyYear[t] = term;
      t++;
      break;
    }
    const d = (m / 12) | 0;
    const col = d < lastCol ? d : lastCol;
    const nb = m === 0 ? count : 0;
    const bd = bm + nb;
    const q = rates.improvedQm ? rates.improvedQm(rowBase + d, col, (t / 12) | 0) : (qm[(rowBase + d) * cols + col] as number);
    const deaths = bd * q;
    const lapses = lastLapse < 0 ? 0 : (bd - deaths) * (lapse[d < lastLapse ? d : lastLapse] as number);
    buf.mat[t] = 0;
    buf.nb[t] = nb;
    buf.bd[t] = bd;
    buf.deaths[t] = deaths;
    buf.lapses[t] = lapses;
    buf.policyYear[t] = d;
    bm = bd - deaths - lapses;
  }
  return { start, stop: t };
}
