import { invalid } from "../errors";
import { inverseNormalCdf } from "../random";
import { bondPrices, stepIndex, type ScenarioSet } from "./simulation";
import { discountAt, swapSchedule, swapValues } from "./swap";

/**
 * Validation of a scenario set: the martingale tests an auditor asks for, and the repricing of
 * swaptions. Under the risk-neutral measure every deflated price process is a martingale, so for each
 * year T:
 *   E[D(T)]               = P(0, T)               (the deflated zero-coupon bond maturing at T),
 *   E[D(T) S(T)]          = S(0) e^{−qT}           (the deflated equity index; = S(0) without dividends),
 *   E[D(T) P(T, T + m)]   = P(0, T + m)            (a bond maturing at T + m, priced at T in closed form).
 * Each test reports the Monte Carlo mean, its standard error, the interval mean ± z·SE (z = Φ⁻¹(0.975)
 * for 95%) and whether the exact value lies inside it. With antithetic variates the two scenarios of
 * a pair are dependent, so the standard error is that of the n/2 pair averages (Glasserman 2004,
 * §4.2): SE = sd(pair means)/√(n/2); otherwise sd/√n (sample standard deviation, n − 1 denominator).
 * With SOBOL scenarios the points are not independent and the same formula is only indicative (it
 * usually overstates the error of a quasi-Monte Carlo mean).
 */
export interface MartingaleRow {
  /** Observation time T in years. */
  year: number;
  /** The exact value the mean should match. */
  expected: number;
  mean: number;
  se: number;
  lower: number;
  upper: number;
  /** expected within [lower, upper]. */
  pass: boolean;
}

export interface MartingaleReport {
  level: number;
  /** Φ⁻¹((1 + level)/2). */
  z: number;
  /** E[D(T)] vs P(0, T), T = 1..years. */
  zcb: MartingaleRow[];
  /** E[D(T) S(T)] vs S(0) e^{−qT}, T = 1..years. */
  equity: MartingaleRow[];
  /** E[D(T) P(T, T + m)] vs P(0, T + m), for the T with T + m within the curve's horizon. */
  bonds: MartingaleRow[];
  bondTerm: number;
}

export interface MartingaleOptions {
  /** Confidence level of the intervals, 0.95 by default. */
  level?: number;
  /** m: the maturity of the bond test after its observation time, 10 years by default. */
  bondTerm?: number;
}

/** Mean and standard error of a sample (pairs: consecutive values 2p, 2p + 1 are antithetic pairs). */
export function meanAndError(values: ArrayLike<number>, pairs: boolean): { mean: number; se: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let ss = 0;
  let m: number;
  if (pairs) {
    m = n / 2;
    for (let p = 0; p < m; p++) {
      const d = 0.5 * ((values[2 * p] as number) + (values[2 * p + 1] as number)) - mean;
      ss += d * d;
    }
  } else {
    m = n;
    for (let i = 0; i < n; i++) {
      const d = (values[i] as number) - mean;
      ss += d * d;
    }
  }
  return { mean, se: m > 1 ? Math.sqrt(ss / (m - 1) / m) : 0 };
}

function row(year: number, expected: number, values: Float64Array, pairs: boolean, z: number): MartingaleRow {
  const { mean, se } = meanAndError(values, pairs);
  const lower = mean - z * se;
  const upper = mean + z * se;
  return { year, expected, mean, se, lower, upper, pass: expected >= lower && expected <= upper };
}

function checkLevel(level: number): number {
  if (!(Number.isFinite(level) && level > 0 && level < 1)) invalid("level", `${level} is not a confidence level in (0, 1), e.g. 0.95`);
  return inverseNormalCdf(0.5 + level / 2);
}

/** The martingale tests of a scenario set, per whole year T = 1..years. */
export function martingaleTests(set: ScenarioSet, options: MartingaleOptions = {}): MartingaleReport {
  const level = options.level ?? 0.95;
  const z = checkLevel(level);
  const m = options.bondTerm ?? 10;
  if (!(Number.isFinite(m) && m > 0)) invalid("bondTerm", `${m} is not a bond term > 0 in years`);
  const pairs = set.spec.antithetic;
  const horizon = set.spec.curveHorizon ?? Infinity;
  const width = set.steps + 1;
  const n = set.count;
  const defl = new Float64Array(n);
  const deflEq = new Float64Array(n);
  const deflBond = new Float64Array(n);
  const zcb: MartingaleRow[] = [];
  const equity: MartingaleRow[] = [];
  const bonds: MartingaleRow[] = [];
  const years = set.steps / set.stepsPerYear;
  for (let year = 1; year <= years; year++) {
    const k = year * set.stepsPerYear;
    for (let s = 0; s < n; s++) {
      const d = Math.exp(set.lnDeflator[s * width + k] as number);
      defl[s] = d;
      deflEq[s] = d * (set.equity[s * width + k] as number);
    }
    zcb.push(row(year, discountAt(set.spec.curve, year, "years"), defl, pairs, z));
    equity.push(row(year, Math.exp(-set.spec.dividendYield * year), deflEq, pairs, z));
    if (year + m <= horizon * (1 + 1e-12)) {
      bondPrices(set, k, year + m, deflBond);
      for (let s = 0; s < n; s++) deflBond[s] = (deflBond[s] as number) * (defl[s] as number);
      bonds.push(row(year, discountAt(set.spec.curve, year + m, "bondTerm"), deflBond, pairs, z));
    }
  }
  return { level, z, zcb, equity, bonds, bondTerm: m };
}

export interface SwaptionCheckRow {
  expiry: number;
  tenor: number;
  /** The at-the-money strike: the forward swap rate. */
  strike: number;
  /** Jamshidian's closed form (HullWhite.swaption). */
  closedForm: number;
  mean: number;
  se: number;
  lower: number;
  upper: number;
  pass: boolean;
  /** (mean − closedForm)/se. */
  zScore: number;
}

/**
 * Monte Carlo prices of at-the-money payer swaptions vs Jamshidian's closed form: per scenario the
 * deflated exercise value at the expiry T₀ (a time on the grid),
 *   D(T₀) · max(1 − Σ_k c_k P(T₀, T_k), 0),   c_k = K/freq (+ 1 at T_n),   K = the forward swap rate,
 * with P(T₀, T_k) from the closed form in the scenario's short rate.
 */
export function swaptionTests(set: ScenarioSet, quotes: readonly { expiry: number; tenor: number }[], options: { freq?: number; level?: number } = {}): SwaptionCheckRow[] {
  const freq = options.freq ?? 1;
  const z = checkLevel(options.level ?? 0.95);
  const width = set.steps + 1;
  const n = set.count;
  const value = new Float64Array(n);
  const bond = new Float64Array(n);
  return quotes.map(({ expiry, tenor }) => {
    const k = stepIndex(set, expiry, "expiry");
    const schedule = swapSchedule(expiry, tenor, freq);
    const strike = swapValues(set.spec.curve, schedule).forward;
    const coupon = strike / freq;
    // 1 − Σ c_k P(T₀, T_k) accumulated over the payments
    value.fill(1);
    for (let j = 0; j < schedule.times.length; j++) {
      const c = coupon + (j === schedule.times.length - 1 ? 1 : 0);
      bondPrices(set, k, schedule.times[j] as number, bond);
      for (let s = 0; s < n; s++) value[s] = (value[s] as number) - c * (bond[s] as number);
    }
    for (let s = 0; s < n; s++) {
      const payoff = value[s] as number;
      value[s] = payoff > 0 ? payoff * Math.exp(set.lnDeflator[s * width + k] as number) : 0;
    }
    const closedForm = set.model.swaption(expiry, tenor, strike, true, freq);
    const r = row(expiry, closedForm, value, set.spec.antithetic, z);
    return { expiry, tenor, strike, closedForm, mean: r.mean, se: r.se, lower: r.lower, upper: r.upper, pass: r.pass, zScore: r.se > 0 ? (r.mean - closedForm) / r.se : 0 };
  });
}
