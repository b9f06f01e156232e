import { invalid } from "../errors";
import type { VolPiece } from "./gaussianStep";

/**
 * The equity index's instantaneous volatility σ_S(t), piecewise constant, from at-the-money implied
 * volatilities: flat (one number), or by term — implied vols v_j at terms T_j give total variances
 * w_j = v_j² T_j, and σ_S² = (w_j − w_{j−1}) / (T_j − T_{j−1}) on (T_{j−1}, T_j] (w₀ = 0 at T₀ = 0), the
 * last value held beyond the last term. A falling total variance (calendar arbitrage) is refused.
 *
 * The implied volatility is used as the instantaneous volatility of the index under the bank-account
 * measure, as the seed's ESG description does. Under stochastic rates the forward index price also
 * moves with the zero-coupon bond: Var ln F(T, T) = ∫_0^T σ_S² + 2ρ σ σ_S B(u, T) + σ² B(u, T)² du
 * (see docs/esg.md), so the model's own implied volatility differs from σ_S by that rate term.
 */
export type EquityVolInput = number | { terms: ArrayLike<number>; vols: ArrayLike<number> };

export interface EquityVolCurve {
  /** Right ends of the pieces, ascending; the last piece extends to +∞. */
  ends: Float64Array;
  /** Instantaneous volatility on each piece (T_{j−1}, T_j]. */
  vols: Float64Array;
}

/** Largest volatility accepted (200% a year): beyond, the index underflows over long horizons. */
export const MAX_EQUITY_VOL = 2;

function checkVol(v: number, where: string): void {
  if (!Number.isFinite(v) || v < 0) invalid("equity_vol", `${v}${where} is not a volatility >= 0 (a decimal, 0.263 for 26.3%)`);
  if (v > MAX_EQUITY_VOL) invalid("equity_vol", `${v}${where} is above ${MAX_EQUITY_VOL} (${MAX_EQUITY_VOL * 100}% a year); give volatilities as decimals, 0.263 for 26.3%`);
}

/** Resolves the input into pieces of instantaneous volatility. */
export function equityVolCurve(input: EquityVolInput): EquityVolCurve {
  if (typeof input === "number") {
    checkVol(input, "");
    return { ends: Float64Array.of(Infinity), vols: Float64Array.of(input) };
  }
  const n = input.terms.length;
  if (n === 0) invalid("equity_vol", "has no terms; give a flat volatility or terms with one volatility each");
  if (input.vols.length !== n) invalid("equity_vol", `has ${n} terms but ${input.vols.length} volatilities; give one volatility per term`);
  const ends = new Float64Array(n);
  const vols = new Float64Array(n);
  let prevT = 0;
  let prevW = 0;
  for (let j = 0; j < n; j++) {
    const t = input.terms[j] as number;
    const v = input.vols[j] as number;
    const where = ` (term ${j + 1})`;
    if (!Number.isFinite(t) || !(t > prevT)) invalid("equity_vol", `the term ${t}${where} is not a time in years above the previous term ${prevT}; terms must be positive and ascending`);
    checkVol(v, where);
    const w = v * v * t;
    if (w < prevW * (1 - 1e-12)) {
      invalid("equity_vol", `the total variance v²T falls from ${prevW.toPrecision(6)} at ${prevT} to ${w.toPrecision(6)} at ${t}${where}: a negative forward variance (calendar arbitrage)`);
    }
    ends[j] = t;
    vols[j] = Math.sqrt(Math.max(w - prevW, 0) / (t - prevT));
    prevT = t;
    prevW = w;
  }
  ends[n - 1] = Infinity;
  return { ends, vols };
}

/** The pieces of constant volatility inside [from, to]. */
export function volPieces(curve: EquityVolCurve, from: number, to: number): VolPiece[] {
  const out: VolPiece[] = [];
  let start = from;
  for (let j = 0; j < curve.ends.length && start < to; j++) {
    const end = curve.ends[j] as number;
    if (end <= start) continue;
    const stop = Math.min(end, to);
    out.push({ from: start, to: stop, vol: curve.vols[j] as number });
    start = stop;
  }
  return out;
}

/** ∫_0^t σ_S(u)² du. */
export function totalVariance(curve: EquityVolCurve, t: number): number {
  let w = 0;
  for (const p of volPieces(curve, 0, t)) w += p.vol * p.vol * (p.to - p.from);
  return w;
}
