import { invalid, numericFailure } from "../errors";

/**
 * Non-hedgeable risk based capital (seed 003 §6.8): the 99.5% one-year capital for the non-hedgeable
 * risks of the covered business, aggregated with a correlation matrix (diversification within the
 * covered business only):
 *
 *   NHRBC = sqrt( sᵀ C s ),   s_i = max(−impact_i, 0).
 *
 * An impact is the change in value (e.g. of the net asset value) under the stand-alone 99.5% shock of
 * risk i; a loss is negative. Capital is held for losses, so s_i is the magnitude of the loss, and a
 * risk whose shock produces a gain (a positive impact) contributes 0 — it does not offset the others.
 */

/** Tolerance on the pivots of the Cholesky test, per row of the matrix (entries are O(1)). */
export const PSD_TOLERANCE = 1e-10;

/**
 * Checks a correlation matrix (row-major, n × n): finite entries in [−1, 1], unit diagonal (within
 * 1e−12), symmetric (within 1e−12), positive semi-definite. PSD is tested by a semi-definite Cholesky
 * factorisation C = L Lᵀ with tolerance τ = 1e−10 · n: a pivot d_j < −τ, or a zero pivot (|d_j| <= τ)
 * whose column of the remaining matrix S has |S_ij| > sqrt(τ · (S_ii + τ)) (impossible for a PSD
 * matrix, where S_ij² <= S_ii · S_jj, up to rounding), is refused with #NUM! naming the diagonal cell
 * of the failing row.
 * Returns the factor L (row-major).
 */
export function checkCorrelation(c: ArrayLike<number>, n: number, name = "correlation"): Float64Array {
  if (c.length !== n * n) invalid(name, `has ${c.length} values; expected ${n} × ${n}`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const v = c[k] as number;
      if (!Number.isFinite(v)) invalid(name, `${v} is not a finite number`, k);
      if (i === j) {
        if (Math.abs(v - 1) > 1e-12) invalid(name, `${v} is on the diagonal; a correlation matrix has 1 on its diagonal`, k);
      } else {
        if (v < -1 || v > 1) invalid(name, `${v} is outside [−1, 1]; correlations are decimals (0.25 for 25%)`, k);
        const mirror = c[j * n + i] as number;
        if (j < i && Math.abs(v - mirror) > 1e-12) {
          invalid(name, `${v} differs from ${mirror} in row ${j + 1}, column ${i + 1}; a correlation matrix is symmetric`, k);
        }
      }
    }
  }
  const tol = PSD_TOLERANCE * n;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = c[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * n + k] as number) ** 2;
    if (d < -tol) {
      numericFailure(`is not positive semi-definite: the Cholesky pivot of row ${j + 1} is ${d.toPrecision(6)} < 0 (tolerance ${tol})`, { argument: name, index: j * n + j });
    }
    const zeroPivot = d <= tol;
    const ljj = zeroPivot ? 0 : Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = c[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (zeroPivot) {
        let sii = c[i * n + i] as number;
        for (let k = 0; k < j; k++) sii -= (l[i * n + k] as number) ** 2;
        if (Math.abs(s) > Math.sqrt(tol * (Math.max(sii, 0) + tol))) {
          numericFailure(
            `is not positive semi-definite: row ${j + 1} is a perfect (anti-)correlation of the rows above, but the correlation in row ${i + 1} is inconsistent with it`,
            { argument: name, index: j * n + j },
          );
        }
        l[i * n + j] = 0;
      } else {
        l[i * n + j] = s / ljj;
      }
    }
  }
  return l;
}

/**
 * NHRBC = sqrt(sᵀ C s) with s_i = max(−impact_i, 0). C is checked by checkCorrelation (the PSD test
 * is the Cholesky test; sᵀ C s is then computed directly and a value below 0 by rounding only, at most
 * τ · |s|², is 0).
 */
export function nonHedgeableRiskCapital(impacts: ArrayLike<number>, correlation: ArrayLike<number>): number {
  const n = impacts.length;
  if (n === 0) invalid("impacts", "is empty; expected the stand-alone impact of each risk");
  for (let i = 0; i < n; i++) {
    const v = impacts[i] as number;
    if (!Number.isFinite(v)) invalid("impacts", `${v} is not a finite number`, i);
  }
  checkCorrelation(correlation, n);
  const s = Float64Array.from({ length: n }, (_, i) => Math.max(-(impacts[i] as number), 0));
  // Scale by the largest loss so that large amounts do not overflow the quadratic form.
  let scale = 0;
  for (const v of s) scale = Math.max(scale, v);
  if (scale === 0) return 0;
  let q = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const si = (s[i] as number) / scale;
    norm += si * si;
    for (let j = 0; j < n; j++) q += si * (correlation[i * n + j] as number) * ((s[j] as number) / scale);
  }
  if (q < -PSD_TOLERANCE * n * norm) numericFailure(`gives sᵀ C s = ${q * scale * scale} < 0 for these impacts: not positive semi-definite`, { argument: "correlation" });
  return scale * Math.sqrt(Math.max(q, 0));
}
