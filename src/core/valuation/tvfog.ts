import type { YieldCurve } from "../curves/yieldCurve";
import { invalid, numericFailure } from "../errors";
import type { ScenarioSpec } from "../esg/simulation";
import { inflationIndex } from "../projection/discount";
import type { ProjectionContext } from "../projection/engine";
import type { SavingsBasis } from "../savings/basis";
import type { SavingsPoints } from "../savings/modelPoints";
import { savingsHorizon } from "../savings/projection";
import { makeScenarios, type InvestmentScenarios } from "../savings/scenarios";
import { netPvs, timeMajor, vaScenarioPvs, type TimeMajorScenarios, type VaScenarioPvs } from "./vaKernel";
import { vaScenarios } from "./vaScenarios";

/**
 * The time value of financial options and guarantees (TVFOG, seed 003 §6.9; CFO Forum MCEV Principle 7)
 * of a block of variable annuities:
 *
 *   TVFOG = (1/n) Σ_s PV_s − PV_CE
 *
 * PV_s is the present value of the block's profits (net cash flows) in risk-neutral scenario s,
 * deflated with the scenario's own deflator D(s, t) = exp(−∫₀ᵗ r); PV_CE is the certainty-equivalent
 * value: ONE scenario in which every asset earns the forward rates of the reference curve and cash flows
 * are discounted with the curve (certaintyEquivalentScenario). The guarantees (GMDB, GMAB) are options
 * sold by the company, so the TVFOG is a cost: VIF = PVFP + TVFOG + FCRC + CoRNHR with TVFOG <= 0 when
 * the guarantees are worth more on average over the scenarios than in the certainty-equivalent one.
 *
 * Precision: the Monte Carlo standard error SE = sd(PV_s)/√n, or with antithetic pairs (scenarios 2p
 * and 2p + 1 driven by opposite normals) SE = sd(pair means)/√(n/2) — the pairs are the independent
 * draws. The 95% interval is TVFOG ± 1.959964·SE (normal approximation; the CE PV has no noise).
 *
 * Sign: the estimate is reported as it comes out. When Monte Carlo noise makes it positive (a block
 * whose guarantees are far out of the money, or too few scenarios) the positive number is returned,
 * NOT clamped to 0: the interval shows whether it is distinguishable from zero, and clamping would
 * bias the estimator. Callers that need a floor must apply it explicitly.
 */

/** Φ⁻¹(0.975): the 95% two-sided normal quantile. */
export const Z95 = 1.959963984540054;

export interface TvfogEstimate {
  /** mean stochastic PV − certainty-equivalent PV. */
  tvfog: number;
  /** Monte Carlo standard error of the mean stochastic PV (and so of the TVFOG). */
  standardError: number;
  /** tvfog ∓ Z95 · standardError. */
  lower: number;
  upper: number;
  /** Scenarios, and the independent draws the standard error counts (n, or n/2 antithetic pairs). */
  scenarios: number;
  draws: number;
  meanStochastic: number;
  certaintyEquivalent: number;
  antithetic: boolean;
}

/**
 * The TVFOG of stochastic PVs against a certainty-equivalent PV. With `antithetic`, consecutive values
 * (1st and 2nd, 3rd and 4th, …) are antithetic pairs. Errors name `stochastic_pvs` or `ce_pv`.
 */
export function tvfogEstimate(stochastic: ArrayLike<number>, ce: number, antithetic = false): TvfogEstimate {
  const n = stochastic.length;
  if (!Number.isFinite(ce)) invalid("ce_pv", `${ce} is not a finite present value`);
  for (let s = 0; s < n; s++) {
    const x = stochastic[s] as number;
    if (typeof x !== "number" || !Number.isFinite(x)) invalid("stochastic_pvs", `${String(x)} is not a finite present value`, s);
  }
  if (antithetic && n % 2 !== 0) invalid("stochastic_pvs", `has ${n} values; antithetic pairs need an even number`);
  const draws = antithetic ? n / 2 : n;
  if (draws < 2) invalid("stochastic_pvs", `has ${n} value${n === 1 ? "" : "s"}; a standard error needs at least 2 independent ${antithetic ? "pairs (4 values)" : "values"}`);
  // two passes over the draws (pair means with antithetic variates): mean, then Σ (x − mean)²
  const draw = (k: number) => (antithetic ? 0.5 * ((stochastic[2 * k] as number) + (stochastic[2 * k + 1] as number)) : (stochastic[k] as number));
  let sum = 0;
  for (let k = 0; k < draws; k++) sum += draw(k);
  const mean = sum / draws;
  let ss = 0;
  for (let k = 0; k < draws; k++) {
    const d = draw(k) - mean;
    ss += d * d;
  }
  const standardError = Math.sqrt(ss / (draws - 1) / draws);
  const tvfog = mean - ce;
  if (!Number.isFinite(tvfog) || !Number.isFinite(standardError)) numericFailure("the TVFOG overflows; the present values are too large to average", { argument: "stochastic_pvs" });
  return { tvfog, standardError, lower: tvfog - Z95 * standardError, upper: tvfog + Z95 * standardError, scenarios: n, draws, meanStochastic: mean, certaintyEquivalent: ce, antithetic };
}

/**
 * The certainty-equivalent scenario on the monthly grid t = 0 .. steps − 1: every month's return is the
 * curve's one-month forward, r(t) = P(0, t/12) / P(0, (t+1)/12) − 1, and the deflator is the discount
 * factor P(0, t/12). Under it a fund grows at the forwards whatever it holds (equity total return =
 * bank account = forward), which is what the risk-neutral scenarios give on average.
 */
export function certaintyEquivalentScenario(curve: YieldCurve, steps: number): InvestmentScenarios {
  if (!(Number.isInteger(steps) && steps >= 1)) invalid("steps", `${steps} is not a whole number of months >= 1`);
  const returns = new Float64Array(steps);
  const deflators = new Float64Array(steps);
  let lnP = 0;
  for (let t = 0; t < steps; t++) {
    const lnNext = curve.lnDiscount((t + 1) / 12);
    if (!Number.isFinite(lnNext)) invalid("curve", `gives no usable discount factor at ${(t + 1) / 12} years`);
    deflators[t] = Math.exp(lnP);
    returns[t] = Math.expm1(lnP - lnNext);
    lnP = lnNext;
  }
  return makeScenarios(1, steps, returns, deflators);
}

/**
 * The economic inputs of a VA block's scenarios: the scenario spec (src/core/esg/simulation.ts) without
 * its horizon, which the block sets, and how the funds are invested.
 */
export type VaEconomy = Omit<ScenarioSpec, "years" | "curveHorizon" | "stepsPerYear"> & {
  /** Share of the funds in the equity index (the rest in the bank account), rebalanced monthly. Default 1. */
  equityShare?: number;
};

/** A block of account-value (VA) model points and its basis. */
export interface VaBlock {
  points: SavingsPoints;
  basis: SavingsBasis;
  /** Annual inflation of the maintenance expense (default 0). */
  expenseInflation?: number;
}

export interface VaBlockValue {
  /** Months projected. */
  steps: number;
  /** PV parts of the certainty-equivalent run (one scenario), and its net PV. */
  ce: VaScenarioPvs;
  cePv: number;
  /** PV parts of every stochastic scenario, and the net PVs. */
  stochastic: VaScenarioPvs;
  pvs: Float64Array;
  estimate: TvfogEstimate;
}

/** The grid of a block: months to run off, curve discount factors and the expense index. */
export function vaContext(curve: YieldCurve, steps: number, expenseInflation = 0): ProjectionContext {
  if (!(Number.isFinite(expenseInflation) && expenseInflation > -1)) invalid("expense_inflation", `${expenseInflation} is not an inflation rate above −100%`);
  const discount = new Float64Array(steps + 1);
  for (let t = 0; t <= steps; t++) discount[t] = curve.discount(t / 12);
  return { steps, stepsPerYear: 12, discount, inflation: inflationIndex(expenseInflation, steps) };
}

/** Months the block needs (savingsHorizon) and the whole years of scenarios that cover them. */
export function vaHorizon(block: VaBlock): { steps: number; years: number } {
  const steps = savingsHorizon(block.points, block.basis);
  if (steps < 1) invalid("model_points", "have no month left to project (every policy has matured)");
  return { steps, years: Math.ceil(steps / 12) };
}

/** The scenario spec of an economy over `years`. */
export function vaScenarioSpec(economy: VaEconomy, years: number): ScenarioSpec {
  return {
    curve: economy.curve,
    ...(economy.curveKey !== undefined ? { curveKey: economy.curveKey } : {}),
    a: economy.a,
    sigma: economy.sigma,
    equityVol: economy.equityVol,
    correlation: economy.correlation,
    dividendYield: economy.dividendYield ?? 0,
    scenarios: economy.scenarios,
    years,
    seed: economy.seed ?? 0,
    antithetic: economy.antithetic ?? true,
    generator: economy.generator ?? "PSEUDO",
  };
}

/**
 * The certainty-equivalent PV, the stochastic PVs and the TVFOG of a VA block (before tax). The
 * scenarios come from the shared cache (vaScenarios: one simulation per set of scenario inputs) unless
 * given (time-major, at least as many months as the block needs).
 */
export function valueVaBlock(block: VaBlock, economy: VaEconomy, given?: TimeMajorScenarios): VaBlockValue {
  const { steps, years } = vaHorizon(block);
  const ctx = vaContext(economy.curve, steps, block.expenseInflation ?? 0);
  const scenarios = given ?? vaScenarios(vaScenarioSpec(economy, years), economy.equityShare ?? 1);
  const ce = vaScenarioPvs(block.points, block.basis, timeMajor(certaintyEquivalentScenario(economy.curve, steps), steps), ctx);
  const stochastic = vaScenarioPvs(block.points, block.basis, scenarios, ctx);
  return finishVaBlock(steps, ce, stochastic, economy.antithetic ?? true);
}

/** The block value from its parts (a run split over points adds the parts first). */
export function finishVaBlock(steps: number, ce: VaScenarioPvs, stochastic: VaScenarioPvs, antithetic: boolean): VaBlockValue {
  const cePv = netPvs(ce)[0] as number;
  const pvs = netPvs(stochastic);
  return { steps, ce, cePv, stochastic, pvs, estimate: tvfogEstimate(pvs, cePv, antithetic) };
}
