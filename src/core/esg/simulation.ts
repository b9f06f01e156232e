import { invalid, numericFailure } from "../errors";
import type { YieldCurve } from "../curves/yieldCurve";
import { inverseNormalCdf, Xoshiro256StarStar } from "../random";
import { makeScenarios, type InvestmentScenarios } from "../savings/scenarios";
import { BrownianBridge } from "./brownianBridge";
import { equityVolCurve, volPieces, type EquityVolCurve, type EquityVolInput } from "./equityVol";
import { bFactor, cholesky3, convexity, stepCovariance } from "./gaussianStep";
import { HullWhite } from "./hullWhite";
import { SOBOL_MAX_DIMENSION, SobolSequence } from "./sobol";

/**
 * Market-consistent economic scenarios: the Hull–White one-factor short rate fitted to the initial
 * curve, its bank account and deflator, and an equity index with stochastic rates — simulated EXACTLY
 * over every step (no discretisation bias), so that E[D(t)] = P(0, t) and E[D(t) S(t) e^{qt}] = S(0)
 * hold in expectation at every step length.
 *
 * Model (Brigo & Mercurio 2006, §3.3; Glasserman 2004, §3.3.2):
 *   r(t) = x(t) + α(t),  dx = −a x dt + σ dW,  x(0) = 0,  α(t) = f(0, t) + σ²/(2a²) (1 − e^{−at})²,
 *   D(t) = exp(−∫_0^t r),   dS/S = (r − q) dt + σ_S(t) dW_S,   d⟨W, W_S⟩ = ρ dt,  S(0) = 1.
 * One step from t to t + Δ (Δ = 1/stepsPerYear), with (ξ_x, ξ_I, ξ_S) jointly Gaussian, mean 0 and the
 * covariance of gaussianStep.ts, sampled as L·(Z₁, Z₂, Z₃) with L its Cholesky factor for that step:
 *   x(t+Δ) = e^{−aΔ} x(t) + ξ_x,
 *   ∫_t^{t+Δ} r = ∫_t^{t+Δ} α + B(Δ) x(t) + ξ_I,
 *   ∫_t^{t+Δ} α = ln P(0, t) − ln P(0, t+Δ) + c(t+Δ) − c(t),  c(t) = ½ σ² ∫_0^t B(u)² du (convexity),
 *   ln S(t+Δ) = ln S(t) + ∫_t^{t+Δ} r − qΔ − ½ Var ξ_S + ξ_S.
 * Then D(t+Δ)S(t+Δ)/(D(t)S(t)) = exp(−qΔ − ½ Var ξ_S + ξ_S) has mean e^{−qΔ} exactly, whatever the rates.
 *
 * Layout: SCENARIO-MAJOR Float64Arrays of count × (steps + 1) values; scenario s at time t_k = k·Δ is
 * element s·(steps + 1) + k (k = 0 is time 0). Three arrays: the short rate r(t_k), the log deflator
 * ln D(t_k) and the equity index S(t_k).
 *
 * Random numbers (reproducible, see docs/esg.md): xoshiro256** seeded through SplitMix64
 * (src/core/random); scenario s — or, with antithetic variates, the pair s = 2p, 2p + 1 — draws from
 * its own substream, the seed's generator jumped p times by 2^128, so a PSEUDO scenario's path does not
 * depend on how many scenarios or years are asked for (a SOBOL path does depend on the years: its
 * Brownian bridge spans the whole horizon), and any slice of scenarios can be generated apart (a
 * worker) and is bit-identical to the same scenarios of a full run. Normals are Φ⁻¹ (AS 241) of one
 * open uniform each, three per step (Z₁, Z₂, Z₃ in that order). Antithetic: scenario 2p + 1 uses
 * −Z of scenario 2p, exactly. SOBOL: the pair's normals come from point p of a Sobol' sequence
 * (Joe–Kuo, 32 dimensions) with a random digital shift drawn from the seed, placed on the first
 * Brownian-bridge coordinates of each factor (the factors interleaved Z₁, Z₃, Z₂, coarse levels
 * first); the finer bridge coordinates use the pair's pseudo-random substream.
 */
export const GENERATORS = ["PSEUDO", "SOBOL"] as const;
export type ScenarioGenerator = (typeof GENERATORS)[number];

export interface ScenarioSpec {
  /** The initial curve P(0, ·) the model is fitted to. */
  curve: YieldCurve;
  /** Longest time the curve is meant to give (its last term): years beyond it are refused. Omitted: no limit but a usable discount factor. */
  curveHorizon?: number;
  /** Identifies the curve in the cache key (e.g. method, terms and rates); omitted: a fingerprint of the curve on the time grid. */
  curveKey?: string;
  /** Mean reversion a > 0 and absolute short-rate volatility σ > 0. */
  a: number;
  sigma: number;
  /** Equity volatility: flat, or at-the-money implied vols by term (see equityVol.ts). */
  equityVol: EquityVolInput;
  /** Correlation ρ between the equity's and the short-rate factor's Brownian motions, in [−1, 1]. */
  correlation: number;
  /** Continuous dividend yield q (default 0). */
  dividendYield?: number;
  /** Number of scenarios (>= 2; even with antithetic variates). */
  scenarios: number;
  /** Whole years simulated. */
  years: number;
  /** Steps a year, 12 (monthly) by default. */
  stepsPerYear?: number;
  /** Seed of the generator (a safe integer), 0 by default (as the other simulations of the product). */
  seed?: number;
  /** Antithetic pairs (default true). */
  antithetic?: boolean;
  /** "PSEUDO" (default) or "SOBOL". */
  generator?: ScenarioGenerator;
}

export interface ResolvedScenarioSpec {
  curve: YieldCurve;
  curveHorizon: number | undefined;
  curveKey: string | undefined;
  a: number;
  sigma: number;
  equityVol: EquityVolInput;
  correlation: number;
  dividendYield: number;
  scenarios: number;
  years: number;
  stepsPerYear: number;
  seed: number;
  antithetic: boolean;
  generator: ScenarioGenerator;
}

/** A simulated scenario set (or a slice of one: scenarios first … first + count − 1 of the full run). */
export interface ScenarioSet {
  readonly spec: ResolvedScenarioSpec;
  readonly model: HullWhite;
  /** Index of the first scenario in the full run (0 unless a slice). */
  readonly first: number;
  readonly count: number;
  readonly steps: number;
  readonly stepsPerYear: number;
  readonly dt: number;
  /** t_k = k / stepsPerYear, k = 0..steps. */
  readonly times: Float64Array;
  /** ln P(0, t_k) and α(t_k): deterministic, k = 0..steps. */
  readonly lnDiscount: Float64Array;
  readonly alpha: Float64Array;
  /** count × (steps + 1), scenario-major: r(t_k), ln D(t_k), S(t_k). */
  readonly shortRate: Float64Array;
  readonly lnDeflator: Float64Array;
  readonly equity: Float64Array;
}

/** Most values one array may hold (three arrays of 8 bytes each: about 360 MB). */
export const MAX_SCENARIO_VALUES = 15_000_000;
const MAX_YEARS = 150;

/** Checks a spec and fills in the defaults. Errors name the argument (a, sigma, equity_vol, correlation, …). */
export function resolveScenarioSpec(spec: ScenarioSpec): ResolvedScenarioSpec {
  const { a, sigma, correlation } = spec;
  // HullWhite's own checks name "a" and "sigma"
  new HullWhite(spec.curve, a, sigma);
  equityVolCurve(spec.equityVol);
  if (!(Number.isFinite(correlation) && correlation >= -1 && correlation <= 1)) invalid("correlation", `${correlation} is not a correlation in [−1, 1] (a decimal, −0.4 for −40%)`);
  const q = spec.dividendYield ?? 0;
  if (!(Number.isFinite(q) && Math.abs(q) <= 1)) invalid("dividend_yield", `${q} is not a continuous dividend yield in [−1, 1] (a decimal, 0.02 for 2%)`);
  const stepsPerYear = spec.stepsPerYear ?? 12;
  if (!(Number.isInteger(stepsPerYear) && stepsPerYear >= 1 && stepsPerYear <= 366)) invalid("steps_per_year", `${stepsPerYear} is not a whole number of steps a year from 1 to 366`);
  const years = spec.years;
  if (!(Number.isInteger(years) && years >= 1 && years <= MAX_YEARS)) invalid("years", `${years} is not a whole number of years from 1 to ${MAX_YEARS}`);
  const n = spec.scenarios;
  const antithetic = spec.antithetic ?? true;
  if (!(Number.isInteger(n) && n >= 2)) invalid("scenarios", `${n} is not a whole number of scenarios >= 2`);
  if (antithetic && n % 2 !== 0) invalid("scenarios", `${n} is odd; antithetic variates come in pairs, give an even number`);
  const steps = years * stepsPerYear;
  if (n * (steps + 1) > MAX_SCENARIO_VALUES) invalid("scenarios", `${n} scenarios × ${steps + 1} times is more than ${MAX_SCENARIO_VALUES.toExponential(1)} values per array; use fewer scenarios, years or steps`);
  const seed = spec.seed ?? 0;
  if (!Number.isSafeInteger(seed)) invalid("seed", `${seed} is not a whole number between −(2^53 − 1) and 2^53 − 1`);
  const generator = spec.generator ?? "PSEUDO";
  if (!GENERATORS.includes(generator)) invalid("generator", `"${String(generator)}" is not PSEUDO or SOBOL`);
  const horizon = spec.curveHorizon;
  if (horizon !== undefined) {
    if (!(horizon > 0)) invalid("curveHorizon", `${horizon} is not a time > 0`);
    if (years > horizon * (1 + 1e-12)) invalid("years", `${years} is beyond the curve's last term ${horizon}; the scenarios need P(0, t) up to t = ${years}`);
  }
  return { curve: spec.curve, curveHorizon: horizon, curveKey: spec.curveKey, a, sigma, equityVol: spec.equityVol, correlation, dividendYield: q, scenarios: n, years, stepsPerYear, seed, antithetic, generator };
}

/** Everything the paths share: the grid, the fitted drift, the step factors. */
interface Plan {
  spec: ResolvedScenarioSpec;
  steps: number;
  dt: number;
  times: Float64Array;
  lnDiscount: Float64Array;
  alpha: Float64Array;
  /** ∫_{t_k}^{t_{k+1}} α, k < steps. */
  intAlpha: Float64Array;
  /** e^{−aΔ} and B(Δ). */
  decay: number;
  bd: number;
  /** Cholesky factors of the step covariances, 6 per step. */
  chol: Float64Array;
  /** ½ Var ξ_S per step. */
  halfVarS: Float64Array;
  qdt: number;
  sobol?: { sequence: SobolSequence; shifts: Uint32Array; bridge: BrownianBridge; dims: number };
}

function plan(spec: ResolvedScenarioSpec): Plan {
  const { curve, a, sigma, stepsPerYear } = spec;
  const steps = spec.years * stepsPerYear;
  const dt = 1 / stepsPerYear;
  const times = new Float64Array(steps + 1);
  const lnDiscount = new Float64Array(steps + 1);
  const alpha = new Float64Array(steps + 1);
  const conv = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const t = k / stepsPerYear;
    times[k] = t;
    const lnP = k === 0 ? 0 : curve.lnDiscount(t);
    const f = curve.forwardIntensity(t);
    if (!Number.isFinite(lnP) || !Number.isFinite(f) || !(Math.exp(lnP) > 0)) {
      invalid("years", `the curve gives no usable discount factor or forward rate at t = ${t} (ln P(0, t) = ${lnP}, f(0, t) = ${f}); simulate fewer years`);
    }
    lnDiscount[k] = lnP;
    const b = bFactor(a, t);
    alpha[k] = f + 0.5 * sigma * sigma * b * b;
    conv[k] = convexity(a, sigma, t);
  }
  const intAlpha = new Float64Array(steps);
  for (let k = 0; k < steps; k++) intAlpha[k] = (lnDiscount[k] as number) - (lnDiscount[k + 1] as number) + ((conv[k + 1] as number) - (conv[k] as number));
  const vol: EquityVolCurve = equityVolCurve(spec.equityVol);
  const chol = new Float64Array(6 * steps);
  const halfVarS = new Float64Array(steps);
  const cov = new Float64Array(6);
  const l = new Float64Array(6);
  for (let k = 0; k < steps; k++) {
    const t = times[k] as number;
    stepCovariance(a, sigma, spec.correlation, t, dt, volPieces(vol, t, t + dt), cov);
    cholesky3(cov, l);
    chol.set(l, 6 * k);
    halfVarS[k] = 0.5 * (cov[5] as number);
  }
  const p: Plan = { spec, steps, dt, times, lnDiscount, alpha, intAlpha, decay: Math.exp(-a * dt), bd: bFactor(a, dt), chol, halfVarS, qdt: spec.dividendYield * dt };
  if (spec.generator === "SOBOL") {
    const dims = Math.min(SOBOL_MAX_DIMENSION, 3 * steps);
    const shifter = new Xoshiro256StarStar(spec.seed);
    shifter.longJump(); // a stream apart from the pairs' substreams (jumps of 2^128)
    const shifts = new Uint32Array(dims);
    for (let d = 0; d < dims; d++) shifts[d] = shifter.nextUint32();
    p.sobol = { sequence: new SobolSequence(dims), shifts, bridge: new BrownianBridge(steps), dims };
  }
  return p;
}

/** Rank of each factor in the Sobol' interleaving: Z₁ (rates), then Z₃ (equity), then Z₂ (the integral's residual). */
const SOBOL_RANK = [0, 2, 1] as const;

/** Buffers reused across the units of one run. */
class Draws {
  readonly z: Float64Array;
  readonly bridgeOrder: Float64Array;
  readonly work: Float64Array;
  readonly ints: Uint32Array;
  constructor(readonly p: Plan) {
    this.z = new Float64Array(3 * p.steps);
    this.bridgeOrder = p.sobol ? new Float64Array(3 * p.steps) : new Float64Array(0);
    this.work = p.sobol ? new Float64Array(p.steps) : new Float64Array(0);
    this.ints = new Uint32Array(p.sobol ? p.sobol.dims : 0);
  }

  /** The 3·steps normals of unit u (z[3k + f] = Z_{f+1} of step k) from its substream `g`. */
  fill(u: number, g: Xoshiro256StarStar): Float64Array {
    const { z, p } = this;
    const n = p.steps;
    if (!p.sobol) {
      for (let i = 0; i < 3 * n; i++) z[i] = inverseNormalCdf(g.nextOpenDouble());
      return z;
    }
    const { sequence, shifts, bridge, dims } = p.sobol;
    const zb = this.bridgeOrder;
    sequence.pointInt(u, this.ints);
    for (let f = 0; f < 3; f++) {
      for (let j = 0; j < n; j++) {
        const d = 3 * j + (SOBOL_RANK[f] as number);
        if (d < dims) {
          const y = ((this.ints[d] as number) ^ (shifts[d] as number)) >>> 0;
          zb[f * n + j] = inverseNormalCdf((y + 0.5) * 2 ** -32);
        } else {
          zb[f * n + j] = inverseNormalCdf(g.nextOpenDouble());
        }
      }
    }
    for (let f = 0; f < 3; f++) bridge.increments(zb, f * n, 1, z, f, 3, this.work);
    return z;
  }
}

/** One path from the normals z (times sign ±1) into row `row` of the output arrays. */
function path(p: Plan, z: Float64Array, sign: number, row: number, r: Float64Array, lnD: Float64Array, eq: Float64Array): void {
  const { steps, alpha, intAlpha, chol, halfVarS, decay, bd, qdt } = p;
  const o = row * (steps + 1);
  let x = 0;
  let lnDefl = 0;
  let lnS = 0;
  r[o] = alpha[0] as number;
  lnD[o] = 0;
  eq[o] = 1;
  for (let k = 0; k < steps; k++) {
    const z1 = sign * (z[3 * k] as number);
    const z2 = sign * (z[3 * k + 1] as number);
    const z3 = sign * (z[3 * k + 2] as number);
    const c = 6 * k;
    const ex = (chol[c] as number) * z1;
    const eI = (chol[c + 1] as number) * z1 + (chol[c + 2] as number) * z2;
    const eS = (chol[c + 3] as number) * z1 + (chol[c + 4] as number) * z2 + (chol[c + 5] as number) * z3;
    const integral = (intAlpha[k] as number) + bd * x + eI;
    x = decay * x + ex;
    lnDefl -= integral;
    lnS += integral - qdt - (halfVarS[k] as number) + eS;
    r[o + k + 1] = x + (alpha[k + 1] as number);
    lnD[o + k + 1] = lnDefl;
    eq[o + k + 1] = Math.exp(lnS);
  }
  if (!Number.isFinite(lnDefl) || !Number.isFinite(lnS) || !((eq[o + steps] as number) > 0)) {
    numericFailure(`scenario ${row + 1} overflows (ln D = ${lnDefl}, ln S = ${lnS}); the volatilities are too large for ${p.spec.years} years`, { argument: "equity_vol" });
  }
}

/** Simulates every scenario of the spec. */
export function simulateScenarios(spec: ScenarioSpec): ScenarioSet {
  const resolved = resolveScenarioSpec(spec);
  return simulateSlice(resolved, 0, resolved.scenarios);
}

/**
 * Scenarios [from, to) of the full run of `spec`, bit-identical to the same scenarios of the full
 * run (for splitting a run across workers). With antithetic variates `from` and `to` must be even.
 */
export function simulateSlice(spec: ScenarioSpec | ResolvedScenarioSpec, from: number, to: number): ScenarioSet {
  const s = resolveScenarioSpec(spec);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= s.scenarios && from < to)) invalid("scenarios", `the slice ${from}..${to} is not inside 0..${s.scenarios}`);
  if (s.antithetic && (from % 2 !== 0 || to % 2 !== 0)) invalid("scenarios", `the slice ${from}..${to} splits an antithetic pair; start and end on even scenarios`);
  const p = plan(s);
  const count = to - from;
  const width = p.steps + 1;
  const shortRate = new Float64Array(count * width);
  const lnDeflator = new Float64Array(count * width);
  const equity = new Float64Array(count * width);
  const draws = new Draws(p);
  const unitSize = s.antithetic ? 2 : 1;
  const base = new Xoshiro256StarStar(s.seed);
  const firstUnit = from / unitSize;
  for (let u = 0; u < firstUnit; u++) base.jump();
  for (let u = firstUnit; u < to / unitSize; u++) {
    const g = base.split();
    const z = draws.fill(u, g);
    const row = u * unitSize - from;
    path(p, z, 1, row, shortRate, lnDeflator, equity);
    if (s.antithetic) path(p, z, -1, row + 1, shortRate, lnDeflator, equity);
  }
  return {
    spec: s,
    model: new HullWhite(s.curve, s.a, s.sigma),
    first: from,
    count,
    steps: p.steps,
    stepsPerYear: s.stepsPerYear,
    dt: p.dt,
    times: p.times,
    lnDiscount: p.lnDiscount,
    alpha: p.alpha,
    shortRate,
    lnDeflator,
    equity,
  };
}

/**
 * The 3·steps standard normals scenario `scenario` is built from (z[3k + f] = Z_{f+1} of step k),
 * for audit and tests: the second scenario of an antithetic pair gets exactly −z of the first.
 */
export function scenarioNormals(spec: ScenarioSpec | ResolvedScenarioSpec, scenario: number): Float64Array {
  const s = resolveScenarioSpec(spec);
  if (!(Number.isInteger(scenario) && scenario >= 0 && scenario < s.scenarios)) invalid("scenario", `${scenario} is not a scenario index from 0 to ${s.scenarios - 1}`);
  const p = plan(s);
  const unitSize = s.antithetic ? 2 : 1;
  const u = Math.floor(scenario / unitSize);
  const base = new Xoshiro256StarStar(s.seed);
  for (let i = 0; i < u; i++) base.jump();
  const z = Float64Array.from(new Draws(p).fill(u, base.split()));
  if (s.antithetic && scenario % 2 === 1) for (let i = 0; i < z.length; i++) z[i] = -(z[i] as number);
  return z;
}

/** Index of time step k (t_k = k/stepsPerYear) for a time in years, refused when it is not on the grid. */
export function stepIndex(set: Pick<ScenarioSet, "steps" | "stepsPerYear">, t: number, argument: string): number {
  const k = Math.round(t * set.stepsPerYear);
  if (!Number.isFinite(t) || Math.abs(k - t * set.stepsPerYear) > 1e-9 * Math.max(1, k)) invalid(argument, `${t} is not on the scenarios' time grid (steps of 1/${set.stepsPerYear} year)`);
  if (k < 0 || k > set.steps) invalid(argument, `${t} is outside the scenarios' ${set.steps / set.stepsPerYear} years`);
  return k;
}

/**
 * P(t_k, T) in every scenario, from the closed form P(t, T | r) = A(t, T) e^{−B(t, T) r(t)} (Brigo &
 * Mercurio eq. 3.39; HullWhite.lnA and .b). Writes count values into `out`.
 */
export function bondPrices(set: ScenarioSet, k: number, maturity: number, out = new Float64Array(set.count)): Float64Array {
  const t = set.times[k] as number;
  if (!(maturity >= t)) invalid("maturity", `${maturity} is before the observation time ${t}`);
  const lnA = set.model.lnA(t, maturity);
  const b = set.model.b(t, maturity);
  const width = set.steps + 1;
  for (let s = 0; s < set.count; s++) out[s] = Math.exp(lnA - b * (set.shortRate[s * width + k] as number));
  return out;
}

/** Bank-account returns e^{∫r} − 1 = D(t_k)/D(t_{k+1}) − 1 per step: count × steps, scenario-major. */
export function bankAccountReturns(set: ScenarioSet): Float64Array {
  const { count, steps } = set;
  const out = new Float64Array(count * steps);
  for (let s = 0; s < count; s++) {
    const o = s * (steps + 1);
    for (let k = 0; k < steps; k++) out[s * steps + k] = Math.expm1((set.lnDeflator[o + k] as number) - (set.lnDeflator[o + k + 1] as number));
  }
  return out;
}

/** Equity total returns (dividends reinvested) S(t_{k+1})/S(t_k) · e^{qΔ} − 1 per step: count × steps, scenario-major. */
export function equityTotalReturns(set: ScenarioSet): Float64Array {
  const { count, steps } = set;
  const out = new Float64Array(count * steps);
  const carry = Math.exp(set.spec.dividendYield * set.dt);
  for (let s = 0; s < count; s++) {
    const o = s * (steps + 1);
    for (let k = 0; k < steps; k++) out[s * steps + k] = ((set.equity[o + k + 1] as number) / (set.equity[o + k] as number)) * carry - 1;
  }
  return out;
}

/**
 * The scenarios in the account-value engine's shape (src/core/savings/scenarios.ts): per scenario and
 * month the return of a fund holding `equityShare` in the equity index (total return) and the rest in
 * the bank account, rebalanced every step, and the deflator D(t_k) at the start of each step. One pass
 * over the arrays. The engine runs monthly steps only: stepsPerYear must be 12.
 */
export function toInvestmentScenarios(set: ScenarioSet, equityShare = 1): InvestmentScenarios {
  if (set.stepsPerYear !== 12) invalid("steps_per_year", `${set.stepsPerYear}: the account-value engine takes monthly scenarios (12 steps a year)`);
  if (!(Number.isFinite(equityShare) && equityShare >= 0 && equityShare <= 1)) invalid("equityShare", `${equityShare} is not a share in [0, 1]`);
  const { count, steps } = set;
  const returns = new Float64Array(count * steps);
  const deflators = new Float64Array(count * steps);
  const carry = Math.exp(set.spec.dividendYield * set.dt);
  const w = equityShare;
  for (let s = 0; s < count; s++) {
    const o = s * (steps + 1);
    const row = s * steps;
    for (let k = 0; k < steps; k++) {
      const lnD0 = set.lnDeflator[o + k] as number;
      const cash = Math.expm1(lnD0 - (set.lnDeflator[o + k + 1] as number));
      const equity = ((set.equity[o + k + 1] as number) / (set.equity[o + k] as number)) * carry - 1;
      returns[row + k] = w === 1 ? equity : w === 0 ? cash : w * equity + (1 - w) * cash;
      deflators[row + k] = Math.exp(lnD0);
    }
  }
  return makeScenarios(count, steps, returns, deflators);
}

/**
 * A deterministic cache key for a spec: every input that changes the scenarios, numbers in
 * shortest round-trip form. The curve enters through `curveKey` when given, else through a 64-bit
 * FNV-1a fingerprint of ln P(0, t_k) and f(0, t_k) on the time grid (what the simulation reads from it)
 * and at the horizon plus 30 years (what bond prices inside the scenarios read).
 */
export function scenarioKey(spec: ScenarioSpec): string {
  const s = resolveScenarioSpec(spec);
  const vol = typeof s.equityVol === "number" ? String(s.equityVol) : `${Array.from(s.equityVol.terms).join(",")}:${Array.from(s.equityVol.vols).join(",")}`;
  const curve = s.curveKey !== undefined ? `key:${s.curveKey}` : `grid:${curveFingerprint(s)}`;
  return ["HW1F+EQ", curve, `a=${s.a}`, `sigma=${s.sigma}`, `vol=${vol}`, `rho=${s.correlation}`, `q=${s.dividendYield}`, `n=${s.scenarios}`, `years=${s.years}`, `spy=${s.stepsPerYear}`, `seed=${s.seed}`, `anti=${s.antithetic ? 1 : 0}`, s.generator].join("|");
}

function curveFingerprint(s: ResolvedScenarioSpec): string {
  const steps = s.years * s.stepsPerYear;
  const values = new Float64Array(2 * (steps + 1) + 60);
  let i = 0;
  for (let k = 0; k <= steps; k++) {
    const t = k / s.stepsPerYear;
    values[i++] = k === 0 ? 0 : s.curve.lnDiscount(t);
    values[i++] = s.curve.forwardIntensity(t);
  }
  for (let y = 1; y <= 30; y++) {
    values[i++] = s.curve.lnDiscount(s.years + y);
    values[i++] = s.curve.forwardIntensity(s.years + y);
  }
  // FNV-1a, 64-bit, over the bytes of the doubles (platform byte order: little-endian on every
  // engine in use), on two 32-bit halves
  const bytes = new Uint8Array(values.buffer);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let b = 0; b < bytes.length; b++) {
    lo = (lo ^ (bytes[b] as number)) >>> 0;
    // (hi·2^32 + lo) · 0x100000001b3 mod 2^64 = lo·0x1b3 + ((hi·0x1b3 + lo·0x100) << 32)
    const loProd = lo * 0x1b3; // < 2^41: exact
    const newLo = loProd >>> 0;
    const carry = Math.floor(loProd / 4294967296);
    hi = (Math.imul(hi, 0x1b3) + Math.imul(lo, 0x100) + carry) >>> 0;
    lo = newLo;
  }
  return `${s.curve.method}:${hi.toString(16).padStart(8, "0")}${lo.toString(16).padStart(8, "0")}`;
}
