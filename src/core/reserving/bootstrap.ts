import { invalid, numericFailure } from "../errors";
import { gammaUnchecked } from "../random/gamma";
import { quantileSorted, sampleMean, sampleSd } from "../random/statistics";
import { Xoshiro256StarStar } from "../random/xoshiro256";
import { ageToAgeFactors, chainLadder, checkTail } from "./chainLadder";
import { incremental, latest, rowsWithFactor, type Triangle } from "./triangle";

/**
 * The England–Verrall bootstrap of the chain-ladder reserve under the over-dispersed Poisson (ODP)
 * model:
 *   P.D. England & R.J. Verrall (1999), "Analytic and bootstrap estimates of prediction errors in
 *     claims reserving", Insurance: Mathematics and Economics 25, 281–293;
 *   P.D. England (2002), "Addendum to 'Analytic and bootstrap estimates of prediction errors in
 *     claims reserving'", IME 31, 461–466 (process error simulated, bias adjustment);
 *   P.D. England & R.J. Verrall (2002), "Stochastic claims reserving in general insurance",
 *     British Actuarial Journal 8(3), §7 and Appendix 3 (the procedure followed here).
 *
 * Fit (once):
 *  1. volume-weighted chain-ladder factors f_j on the whole triangle;
 *  2. fitted cumulative values back from the latest diagonal, Ĉ(i, k_i) = C(i, k_i) and
 *     Ĉ(i, j) = Ĉ(i, j+1) / f_j, and fitted incrementals m_ij = Ĉ(i, j) − Ĉ(i, j−1) — the ODP GLM
 *     fitted values, whose reserve equals the chain ladder's;
 *  3. unscaled Pearson residuals r_ij = (X_ij − m_ij) / √m_ij of the observed incrementals X_ij;
 *  4. scale parameter φ = Σ r² / (N − p), N observed incrementals, p = origins + devs − 1 parameters
 *     (2n − 1 for an n × n triangle);
 *  5. bias-adjusted residuals r'_ij = r_ij · √(N / (N − p)) (England 2002), the resampling pool.
 *     With `excludeZeroResiduals`, the cells whose residual is zero by construction — the single
 *     cell of an origin observed for one period (bottom-left corner) and the cells of the oldest
 *     origin in development periods that no other origin reaches (top-right corner) — are left out
 *     of the pool (they are still simulated, from the pool). N and p are unchanged either way.
 *
 * Each simulation:
 *  6. resample the pool with replacement, one draw per observed cell in row-major order:
 *     X*_ij = m_ij + r*·√m_ij; cumulate along each row;
 *  7. refit volume-weighted factors f*_j on the pseudo triangle;
 *  8. project each origin from its pseudo latest cumulative C*(i, k_i) with f*, giving future
 *     incremental means m*_ij; draw each future incremental from a gamma distribution with mean m*
 *     and variance φ·m* (shape m* ÷ φ, scale φ). A negative mean uses the sign-flip convention:
 *     −Gamma(|m*| ÷ φ, φ), which keeps mean m* and variance φ·|m*|; a zero mean gives 0;
 *  9. the tail factor (if > 1) is a deterministic multiplier on the simulated last cumulative:
 *     the origin's reserve becomes (C(i, k_i) + R_i)·tail − C(i, k_i), with C(i, k_i) the ACTUAL
 *     latest amount and R_i the sum of its simulated future incrementals;
 * 10. record the reserve of each origin and their total.
 *
 * If a pseudo triangle has a column total ≤ 0 (possible only with large negative residuals), its
 * factor is undefined: that pseudo triangle is drawn again with the following random numbers and
 * `redraws` counts it; after 1000 consecutive failures the function fails with #NUM!.
 *
 * Summary per origin and total: mean, standard deviation with the n − 1 denominator (the bootstrap
 * prediction error; 0 when sims = 1), and empirical percentiles by Hyndman–Fan definition 7 (R's
 * default `quantile`, Excel's PERCENTILE.INC).
 *
 * Random stream: one Xoshiro256StarStar seeded with `seed`; per simulation, N bounded integers for
 * step 6 (row-major), then the gamma draws of step 8 by origin and development period. The
 * resampling is bit-identical on every engine; the gamma draws use Math.log / Math.pow, so results
 * are identical run to run on one engine and may differ in the last bits across engines.
 */

export const DEFAULT_BOOTSTRAP_PERCENTILES: readonly number[] = [0.5, 0.75, 0.9, 0.95, 0.995];
export const MAX_BOOTSTRAP_SIMS = 1_000_000;
/** Bound on origins × sims stored samples (8 bytes each): 2^25 values, 256 MiB. */
export const MAX_BOOTSTRAP_SAMPLES = 33_554_432;
const MAX_CONSECUTIVE_REDRAWS = 1000;

export interface BootstrapOptions {
  /** Number of simulations, a whole number in 1..1,000,000. */
  sims: number;
  /** Seed of the generator: any safe integer. The same seed gives the same result. */
  seed: number;
  /** Probabilities in (0, 1) of the percentiles to report; default 0.5, 0.75, 0.9, 0.95, 0.995. */
  percentiles?: readonly number[];
  /** Tail factor >= 1 (default 1), a deterministic multiplier on the simulated last cumulative. */
  tail?: number;
  /** Leave the zero-by-construction corner residuals out of the resampling pool (default false). */
  excludeZeroResiduals?: boolean;
}

/** The ODP fit of a triangle (steps 1–5). Cell arrays are row-major origins × devs, 0 where unobserved. */
export interface OdpFit {
  factors: Float64Array;
  /** Fitted incrementals m_ij. */
  fitted: Float64Array;
  /** Unscaled Pearson residuals (X − m)/√m. */
  residuals: Float64Array;
  /** Scale parameter φ = Σr² / (N − p). */
  scale: number;
  /** N: observed incrementals. */
  observations: number;
  /** p = origins + devs − 1. */
  parameters: number;
  /** √(N / (N − p)). */
  biasAdjustment: number;
  /** 1 for a cell whose residual is zero by construction (a corner cell), else 0. */
  structuralZero: Uint8Array;
}

export interface ReserveDistribution {
  /** The chain-ladder reserve (with the tail), for comparison. */
  chainLadder: number;
  /** Mean of the simulated reserves. */
  mean: number;
  /** Standard deviation of the simulated reserves: the bootstrap prediction error. */
  sd: number;
  /** The requested percentiles, in the order of `BootstrapResult.probabilities`. */
  percentiles: Float64Array;
}

export interface BootstrapResult {
  /** One per origin, oldest first. */
  origins: ReserveDistribution[];
  total: ReserveDistribution;
  /** The probabilities of the percentiles. */
  probabilities: Float64Array;
  /** The scale parameter φ. */
  scale: number;
  sims: number;
  seed: number;
  tail: number;
  /** Chain-ladder factors of the data. */
  factors: Float64Array;
  /** Number of residuals in the resampling pool. */
  poolSize: number;
  /** Pseudo triangles drawn again because a column total was <= 0 (normally 0). */
  redraws: number;
}

/** Steps 1–5 of the bootstrap: the chain-ladder/ODP fit, Pearson residuals and scale parameter. */
export function fitOdp(tri: Triangle): OdpFit {
  const { origins: n, devs: d } = tri;
  const factors = ageToAgeFactors(tri);
  const fitted = new Float64Array(n * d);
  const residuals = new Float64Array(n * d);
  const structuralZero = new Uint8Array(n * d);
  let observations = 0;
  let ss = 0;
  // Development periods reached by the oldest origin only: their factor is one origin's own ratio.
  let firstSingle = d;
  for (let j = 1; j < d; j++) {
    if (rowsWithFactor(tri, j - 1) === 1) {
      firstSingle = j;
      break;
    }
  }
  for (let i = 0; i < n; i++) {
    const k = tri.observed[i] as number;
    if (!(latest(tri, i) > 0)) {
      invalid("triangle", `origin ${i + 1} has a latest cumulative amount of ${latest(tri, i)}; the over-dispersed Poisson bootstrap needs positive fitted amounts`, i * d + k - 1);
    }
    // Back-fit cumulative values from the latest diagonal.
    let cum = latest(tri, i);
    for (let j = k - 1; j >= 0; j--) {
      const prev = j > 0 ? cum / (factors[j - 1] as number) : 0;
      const m = cum - prev;
      if (!(m > 0) || !Number.isFinite(m)) {
        invalid(
          "triangle",
          `the fitted incremental amount of origin ${i + 1}, development period ${j + 1} is ${m}; the over-dispersed Poisson bootstrap needs every fitted incremental to be positive (a development factor below 1 or a zero or negative column gives this)`,
          i * d + j,
        );
      }
      fitted[i * d + j] = m;
      const r = (incremental(tri, i, j) - m) / Math.sqrt(m);
      residuals[i * d + j] = r;
      ss += r * r;
      observations++;
      if (k === 1 || (i === 0 && j >= firstSingle)) structuralZero[i * d + j] = 1;
      cum = prev;
    }
  }
  const parameters = n + d - 1;
  const dof = observations - parameters;
  if (dof <= 0) {
    invalid("triangle", `has ${observations} incremental amounts for ${parameters} parameters; the scale parameter needs more amounts than parameters (at least a 3 × 3 triangle)`);
  }
  return { factors, fitted, residuals, scale: ss / dof, observations, parameters, biasAdjustment: Math.sqrt(observations / dof), structuralZero };
}

/** The England–Verrall ODP bootstrap of the chain-ladder reserve; see the file comment. */
export function bootstrapChainLadder(tri: Triangle, options: BootstrapOptions): BootstrapResult {
  const { sims, seed } = options;
  if (!(Number.isInteger(sims) && sims >= 1 && sims <= MAX_BOOTSTRAP_SIMS)) invalid("sims", `${sims} is not a whole number of simulations between 1 and 1,000,000`);
  if (!Number.isSafeInteger(seed)) invalid("seed", `${seed} is not a whole number between -(2^53 - 1) and 2^53 - 1`);
  const probs = options.percentiles ?? DEFAULT_BOOTSTRAP_PERCENTILES;
  probs.forEach((p, k) => {
    if (!(typeof p === "number" && p > 0 && p < 1)) invalid("percentiles", `${p} is not a probability strictly between 0 and 1`, k);
  });
  const tail = checkTail(options.tail);
  const { origins: n, devs: d } = tri;
  if (n * sims > MAX_BOOTSTRAP_SAMPLES) {
    invalid("sims", `${sims} simulations of ${n} origins would store ${n * sims} reserves; at most ${MAX_BOOTSTRAP_SAMPLES} fit in memory (use at most ${Math.floor(MAX_BOOTSTRAP_SAMPLES / n)} simulations)`);
  }

  const fit = fitOdp(tri);
  const cl = chainLadder(tri, { tail });
  const phi = fit.scale;

  // Observed cells in row-major order, with m and √m.
  const N = fit.observations;
  const m = new Float64Array(N);
  const sqrtM = new Float64Array(N);
  let pool = new Float64Array(N);
  let P = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < (tri.observed[i] as number); j++) {
      const mij = fit.fitted[i * d + j] as number;
      m[c] = mij;
      sqrtM[c] = Math.sqrt(mij);
      c++;
      if (!(options.excludeZeroResiduals && fit.structuralZero[i * d + j])) pool[P++] = (fit.residuals[i * d + j] as number) * fit.biasAdjustment;
    }
  }
  if (P === 0) invalid("triangle", "has no residual left to resample");
  pool = pool.slice(0, P);
  const observed = Int32Array.from(tri.observed);
  const rows = new Int32Array(d - 1);
  for (let j = 0; j < d - 1; j++) rows[j] = rowsWithFactor(tri, j);
  const actualLatest = new Float64Array(n);
  for (let i = 0; i < n; i++) actualLatest[i] = latest(tri, i);

  const rng = new Xoshiro256StarStar(seed);
  const cum = new Float64Array(n * d);
  const f = new Float64Array(d - 1);
  const samples = new Float64Array(n * sims); // origin-major: samples[i * sims + s]
  const totals = new Float64Array(sims);
  let redraws = 0;
  let consecutive = 0;

  for (let s = 0; s < sims; ) {
    // 6. Pseudo incrementals, cumulated along each row.
    let k = 0;
    for (let i = 0; i < n; i++) {
      const base = i * d;
      const ki = observed[i] as number;
      let acc = 0;
      for (let j = 0; j < ki; j++, k++) {
        acc += (m[k] as number) + (pool[rng.nextInt(P)] as number) * (sqrtM[k] as number);
        cum[base + j] = acc;
      }
    }
    // 7. Refit the factors.
    let ok = true;
    for (let j = 0; j < d - 1; j++) {
      let num = 0;
      let den = 0;
      const r = rows[j] as number;
      for (let i = 0; i < r; i++) {
        num += cum[i * d + j + 1] as number;
        den += cum[i * d + j] as number;
      }
      const fj = num / den;
      if (!(den > 0) || !Number.isFinite(fj)) {
        ok = false;
        break;
      }
      f[j] = fj;
    }
    if (!ok) {
      redraws++;
      if (++consecutive >= MAX_CONSECUTIVE_REDRAWS) {
        numericFailure(`${MAX_CONSECUTIVE_REDRAWS} pseudo triangles in a row had a development column adding up to zero or less; the residuals are too large for the over-dispersed Poisson bootstrap of this triangle`, { argument: "triangle" });
      }
      continue;
    }
    consecutive = 0;
    // 8–10. Project, add process error, apply the tail, record.
    let total = 0;
    for (let i = 0; i < n; i++) {
      const ki = observed[i] as number;
      let prev = cum[i * d + ki - 1] as number;
      let reserve = 0;
      for (let j = ki; j < d; j++) {
        const next = prev * (f[j - 1] as number);
        const mean = next - prev;
        if (mean > 0) reserve += gammaUnchecked(rng, mean / phi) * phi;
        else if (mean < 0) reserve -= gammaUnchecked(rng, -mean / phi) * phi;
        prev = next;
      }
      if (tail !== 1) reserve += ((actualLatest[i] as number) + reserve) * (tail - 1);
      samples[i * sims + s] = reserve;
      total += reserve;
    }
    totals[s] = total;
    s++;
  }

  const probabilities = Float64Array.from(probs);
  const origins: ReserveDistribution[] = [];
  let clTotal = 0;
  for (let i = 0; i < n; i++) {
    const ibnr = cl.ibnr[i] as number;
    clTotal += ibnr;
    origins.push(summarise(samples.subarray(i * sims, (i + 1) * sims), ibnr, probabilities));
  }
  return {
    origins,
    total: summarise(totals, clTotal, probabilities),
    probabilities,
    scale: phi,
    sims,
    seed,
    tail,
    factors: fit.factors,
    poolSize: P,
    redraws,
  };
}

/** Mean, sd (n − 1) and type-7 percentiles of x; sorts x in place (after the moments). */
function summarise(x: Float64Array, chainLadderReserve: number, probabilities: Float64Array): ReserveDistribution {
  const mean = sampleMean(x);
  const sd = sampleSd(x, mean);
  x.sort();
  const percentiles = new Float64Array(probabilities.length);
  for (let k = 0; k < probabilities.length; k++) percentiles[k] = quantileSorted(x, probabilities[k] as number);
  return { chainLadder: chainLadderReserve, mean, sd, percentiles };
}
