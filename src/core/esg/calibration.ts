import { invalid, McevError, numericFailure } from "../errors";
import type { YieldCurve } from "../curves/yieldCurve";
import { HullWhite } from "./hullWhite";
import { atmImpliedVol, quotedSwaption, type VolType } from "./quotes";
import { swapSchedule, swapValues, type SwapSchedule, type SwapValues } from "./swap";

/**
 * Calibration of the Hull–White one-factor model (./hullWhite.ts) to at-the-money European swaption
 * volatilities by expiry × tenor.
 *
 * Market prices. Each quote is turned into a price with its own formula — Black (LOGNORMAL, the
 * default, as the seed's Table 12) or Bachelier (NORMAL) — on the curve's annuity A and forward swap
 * rate F, at the strike K = F (./quotes.ts). The fixed leg pays every 1/freq years (annual by default).
 *
 * Objective. The sum of squared RELATIVE PRICE errors Σ_j (model_j / market_j − 1)², the error
 * QuantLib's calibration helpers use by default (RelativePriceError). It needs no implied-volatility
 * inversion inside the optimiser, weighs short and long expiries alike, and at the money it is the
 * relative volatility error to first order (an ATM price is nearly proportional to its volatility —
 * exactly so for normal volatilities). The fit table reports both, price and volatility.
 *
 * Optimiser. Levenberg–Marquardt (Marquardt 1963, with the diagonal scaling of JᵀJ) in the log
 * parameters (ln a, ln σ), so a and σ stay positive; the Jacobian by central differences. Several
 * starting points (a = 0.01, 0.05, 0.2, 1, each with the σ that matches the average price level) and
 * the best converged fit is kept. Converged means: the residuals are orthogonal to the Jacobian's
 * columns to 1e-6 (MINPACK's gtol test), or the fit is exact to 1e-10. a is kept in [1e-4, 5] and
 * σ in [1e-5, 0.5]; a best fit on one of these bounds is reported as not converged (the quotes then
 * ask for a model this one is not, e.g. a mean reversion <= 0).
 */
export interface CalibrationQuote {
  expiry: number;
  tenor: number;
  /** At-the-money volatility, decimal (0.451 = 45.1% Black; 0.0085 = 85 bp normal). */
  vol: number;
}

export interface CalibrationOptions {
  volType?: VolType;
  /** Fixed-leg payments a year, 1 (default) to 12. */
  freq?: number;
}

export interface FitRow {
  expiry: number;
  tenor: number;
  /** Forward swap rate F = the ATM strike. */
  forward: number;
  annuity: number;
  marketVol: number;
  modelVol: number;
  marketPrice: number;
  modelPrice: number;
  /** model / market − 1. */
  priceError: number;
}

export interface HullWhiteCalibration {
  a: number;
  sigma: number;
  volType: VolType;
  freq: number;
  rows: FitRow[];
  /** √(Σ priceError² / m). */
  rmsPriceError: number;
  /** Levenberg–Marquardt iterations of the kept start, and price evaluations over all starts. */
  iterations: number;
  evaluations: number;
}

export const CALIBRATION_BOUNDS = { aMin: 1e-4, aMax: 5, sigmaMin: 1e-5, sigmaMax: 0.5 } as const;
const LN_BOUNDS = [
  [Math.log(CALIBRATION_BOUNDS.aMin), Math.log(CALIBRATION_BOUNDS.aMax)],
  [Math.log(CALIBRATION_BOUNDS.sigmaMin), Math.log(CALIBRATION_BOUNDS.sigmaMax)],
] as const;
const START_A = [0.01, 0.05, 0.2, 1] as const;
const MAX_ITERATIONS = 200;
const GTOL = 1e-6;
const EXACT_FIT = 1e-10;
const STEP = 1e-5; // central-difference step in ln a, ln σ

interface Instrument {
  schedule: SwapSchedule;
  swap: SwapValues;
  market: number;
}

function checkQuotes(quotes: readonly CalibrationQuote[], volType: VolType, freq: number, curve: YieldCurve): Instrument[] {
  if (quotes.length < 2) invalid("vols", `${quotes.length} quote${quotes.length === 1 ? "" : "s"}; at least 2 are needed to fit a and σ`);
  return quotes.map((q, j) => {
    if (!Number.isFinite(q.expiry) || !(q.expiry > 0)) invalid("expiries", `${q.expiry} is not an expiry > 0 in years`, j);
    if (!Number.isFinite(q.tenor) || !(q.tenor > 0)) invalid("tenors", `${q.tenor} is not a swap length > 0 in years`, j);
    if (!Number.isFinite(q.vol) || !(q.vol > 0)) invalid("vols", `${q.vol} is not a volatility > 0`, j);
    if (volType === "LOGNORMAL" && q.vol > 10) invalid("vols", `${q.vol} is above 1000%; give Black volatilities as decimals (0.451 for 45.1%)`, j);
    if (volType === "NORMAL" && q.vol > 0.5) invalid("vols", `${q.vol} is above 0.5 (5000 bp a year); give normal volatilities as decimals (0.0085 for 85 bp)`, j);
    let schedule: SwapSchedule;
    let swap: SwapValues;
    try {
      schedule = swapSchedule(q.expiry, q.tenor, freq);
      swap = swapValues(curve, schedule);
    } catch (e) {
      if (e instanceof McevError && (e.argument === "expiry" || e.argument === "tenor")) {
        throw new McevError(e.code, e.detail, { argument: e.argument === "expiry" ? "expiries" : "tenors", index: j });
      }
      throw e;
    }
    if (volType === "LOGNORMAL" && !(swap.forward > 0)) {
      invalid("vols", `the forward swap rate of the ${q.expiry} × ${q.tenor} swaption is ${swap.forward}; Black (LOGNORMAL) volatilities need a positive forward — quote NORMAL volatilities`, j);
    }
    const market = quotedSwaption(volType, { annuity: swap.annuity, forward: swap.forward, strike: swap.forward, expiry: q.expiry, vol: q.vol, payer: true });
    if (!(market > 0)) invalid("vols", `gives a swaption price of ${market}; the volatility is too small to price`, j);
    return { schedule, swap, market };
  });
}

/** Model prices of the instruments at (a, σ). */
function modelPrices(curve: YieldCurve, instruments: readonly Instrument[], a: number, sigma: number, out: Float64Array): Float64Array {
  const model = new HullWhite(curve, a, sigma);
  for (let j = 0; j < instruments.length; j++) {
    const ins = instruments[j] as Instrument;
    out[j] = model.swaptionOn(ins.schedule, ins.swap.forward, true, ins.swap.discounts, ins.swap.startDiscount);
  }
  return out;
}

interface Fit {
  x: [number, number];
  cost: number;
  converged: boolean;
  atBound: boolean;
  iterations: number;
  reason: string;
}

const clamp = (v: number, k: 0 | 1): number => Math.min(Math.max(v, LN_BOUNDS[k][0]), LN_BOUNDS[k][1]);

export function calibrateHullWhite(curve: YieldCurve, quotes: readonly CalibrationQuote[], options: CalibrationOptions = {}): HullWhiteCalibration {
  const volType = options.volType ?? "LOGNORMAL";
  const freq = options.freq ?? 1;
  const instruments = checkQuotes(quotes, volType, freq, curve);
  const m = instruments.length;
  const market = Float64Array.from(instruments, (i) => i.market);
  const prices = new Float64Array(m);
  let evaluations = 0;

  const residuals = (x0: number, x1: number, out: Float64Array): Float64Array => {
    evaluations++;
    modelPrices(curve, instruments, Math.exp(x0), Math.exp(x1), prices);
    for (let j = 0; j < m; j++) out[j] = (prices[j] as number) / (market[j] as number) - 1;
    return out;
  };
  const sumSq = (r: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < m; j++) s += (r[j] as number) * (r[j] as number);
    return s;
  };

  const fits: Fit[] = [];
  for (const a0 of START_A) {
    // σ that matches the average price level at a0 (ATM prices are nearly proportional to σ)
    const probe = 0.01;
    modelPrices(curve, instruments, a0, probe, prices);
    evaluations++;
    let ratio = 0;
    for (let j = 0; j < m; j++) ratio += (market[j] as number) / (prices[j] as number);
    const s0 = Math.min(Math.max((probe * ratio) / m, 2 * CALIBRATION_BOUNDS.sigmaMin), CALIBRATION_BOUNDS.sigmaMax / 2);
    fits.push(levenbergMarquardt([Math.log(a0), Math.log(s0)], residuals, sumSq, m));
  }

  const converged = fits.filter((f) => f.converged && !f.atBound);
  if (converged.length === 0) {
    const best = fits.reduce((p, f) => (f.cost < p.cost ? f : p));
    const where = `best a = ${Math.exp(best.x[0]).toPrecision(6)}, σ = ${Math.exp(best.x[1]).toPrecision(6)}, RMS relative price error ${Math.sqrt(best.cost / m).toPrecision(3)}`;
    numericFailure(
      best.atBound
        ? `the calibration did not converge: the best fit lies on a parameter bound (a in [${CALIBRATION_BOUNDS.aMin}, ${CALIBRATION_BOUNDS.aMax}], σ in [${CALIBRATION_BOUNDS.sigmaMin}, ${CALIBRATION_BOUNDS.sigmaMax}]; ${where}): these volatilities are not those of a Hull–White model with a > 0`
        : `the calibration did not converge from any of ${fits.length} starting points (${best.reason}; ${where})`,
      { argument: "vols" },
    );
  }
  const best = converged.reduce((p, f) => (f.cost < p.cost ? f : p));
  const a = Math.exp(best.x[0]);
  const sigma = Math.exp(best.x[1]);
  modelPrices(curve, instruments, a, sigma, prices);
  const rows: FitRow[] = instruments.map((ins, j) => {
    const modelPrice = prices[j] as number;
    const q = quotes[j] as CalibrationQuote;
    return {
      expiry: q.expiry,
      tenor: q.tenor,
      forward: ins.swap.forward,
      annuity: ins.swap.annuity,
      marketVol: q.vol,
      modelVol: atmImpliedVol(volType, modelPrice, ins.swap.annuity, ins.swap.forward, q.expiry),
      marketPrice: ins.market,
      modelPrice,
      priceError: modelPrice / ins.market - 1,
    };
  });
  let ss = 0;
  for (const r of rows) ss += r.priceError * r.priceError;
  return { a, sigma, volType, freq, rows, rmsPriceError: Math.sqrt(ss / m), iterations: best.iterations, evaluations };
}

/**
 * Levenberg–Marquardt for two parameters: solves (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀr, accepts a step that
 * lowers Σr², and shrinks or grows λ accordingly (Marquardt 1963; Nocedal & Wright 2006, §10.3).
 */
function levenbergMarquardt(
  start: [number, number],
  residuals: (x0: number, x1: number, out: Float64Array) => Float64Array,
  sumSq: (r: Float64Array) => number,
  m: number,
): Fit {
  let x: [number, number] = [clamp(start[0], 0), clamp(start[1], 1)];
  const r = residuals(x[0], x[1], new Float64Array(m));
  let cost = sumSq(r);
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  const trial = new Float64Array(m);
  const j0 = new Float64Array(m);
  const j1 = new Float64Array(m);
  let lambda = 1e-3;
  const reason = `no convergence in ${MAX_ITERATIONS} iterations`;
  let iterations = 0;
  let stalled = false;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    if (!Number.isFinite(cost)) return { x, cost: Infinity, converged: false, atBound: false, iterations, reason: "non-finite model prices" };
    // Jacobian by central differences in the log parameters (one-sided at a bound)
    for (const k of [0, 1] as const) {
      const lo = clamp(x[k] - STEP, k);
      const hi = clamp(x[k] + STEP, k);
      residuals(k === 0 ? hi : x[0], k === 0 ? x[1] : hi, up);
      residuals(k === 0 ? lo : x[0], k === 0 ? x[1] : lo, down);
      const col = k === 0 ? j0 : j1;
      for (let j = 0; j < m; j++) col[j] = ((up[j] as number) - (down[j] as number)) / (hi - lo);
    }
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    let g0 = 0;
    let g1 = 0;
    for (let j = 0; j < m; j++) {
      const a = j0[j] as number;
      const b = j1[j] as number;
      const e = r[j] as number;
      h00 += a * a;
      h01 += a * b;
      h11 += b * b;
      g0 += a * e;
      g1 += b * e;
    }
    const norm = Math.sqrt(cost);
    if (norm <= EXACT_FIT * Math.sqrt(m)) return { x, cost, converged: true, atBound: onBound(x), iterations, reason: "exact fit" };
    const orthogonality = Math.max(h00 > 0 ? Math.abs(g0) / (Math.sqrt(h00) * norm) : 0, h11 > 0 ? Math.abs(g1) / (Math.sqrt(h11) * norm) : 0);
    if (orthogonality <= GTOL || stalled) {
      const ok = orthogonality <= GTOL || projectedStationary(x, g0, g1, h00, h11, norm);
      return { x, cost, converged: ok, atBound: onBound(x), iterations, reason: ok ? "converged" : `stalled with gradient test ${orthogonality.toExponential(2)} > ${GTOL}` };
    }
    // damped steps until the cost falls (or λ grows past use)
    let accepted = false;
    while (lambda < 1e16) {
      const d00 = h00 + lambda * (h00 > 0 ? h00 : 1);
      const d11 = h11 + lambda * (h11 > 0 ? h11 : 1);
      const det = d00 * d11 - h01 * h01;
      if (!(det > 0)) {
        lambda *= 4;
        continue;
      }
      const s0 = (-g0 * d11 + g1 * h01) / det;
      const s1 = (-g1 * d00 + g0 * h01) / det;
      const next: [number, number] = [clamp(x[0] + s0, 0), clamp(x[1] + s1, 1)];
      residuals(next[0], next[1], trial);
      const c = sumSq(trial);
      if (c < cost) {
        const moved = Math.max(Math.abs(next[0] - x[0]), Math.abs(next[1] - x[1]));
        const gain = cost - c;
        x = next;
        r.set(trial);
        cost = c;
        lambda = Math.max(lambda / 3, 1e-12);
        accepted = true;
        if (moved < 1e-12 || gain <= 1e-15 * cost) stalled = true;
        break;
      }
      lambda *= 4;
    }
    if (!accepted) stalled = true;
  }
  return { x, cost, converged: false, atBound: onBound(x), iterations, reason };
}

function onBound(x: readonly [number, number]): boolean {
  const eps = 1e-9;
  return x[0] <= LN_BOUNDS[0][0] + eps || x[0] >= LN_BOUNDS[0][1] - eps || x[1] <= LN_BOUNDS[1][0] + eps || x[1] >= LN_BOUNDS[1][1] - eps;
}

/** On a bound, the gradient component pointing out of the box does not count against convergence. */
function projectedStationary(x: readonly [number, number], g0: number, g1: number, h00: number, h11: number, norm: number): boolean {
  const eps = 1e-9;
  const free = (k: 0 | 1, g: number): number => {
    if (x[k] <= LN_BOUNDS[k][0] + eps && g > 0) return 0; // descent direction −g points below the lower bound
    if (x[k] >= LN_BOUNDS[k][1] - eps && g < 0) return 0;
    return g;
  };
  const t0 = h00 > 0 ? Math.abs(free(0, g0)) / (Math.sqrt(h00) * norm) : 0;
  const t1 = h11 > 0 ? Math.abs(free(1, g1)) / (Math.sqrt(h11) * norm) : 0;
  return Math.max(t0, t1) <= GTOL;
}
