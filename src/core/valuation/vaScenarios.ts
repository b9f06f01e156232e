import { invalid } from "../errors";
import { resolveScenarioSpec, scenarioKey, simulateScenarios, toInvestmentScenarios, type ScenarioSpec } from "../esg/simulation";
import { timeMajor, type TimeMajorScenarios } from "./vaKernel";

/**
 * One simulated scenario set per set of scenario inputs, shared by every caller in this thread (the
 * cells of a workbook that use the same inputs, the runs of a sensitivity analysis whose shock leaves
 * the scenarios alone): a small least-recently-used cache of the account-value engine's inputs — fund
 * returns and deflators, TIME-MAJOR for the TVFOG kernel (vaKernel.ts).
 *
 * Key: scenarioKey (src/core/esg/simulation.ts: curve, a, σ, equity vol, ρ, dividend yield, number of
 * scenarios, seed, antithetic, generator, years) and the fund's equity share. A PSEUDO scenario's path
 * does not depend on how many years are simulated, so when the curve is identified by a key (curveKey) a
 * set of more years serves a request for fewer: the key then leaves the years out and the entry is
 * replaced by a longer simulation when one is needed. Without a curve key the years stay in the key
 * (the curve's fingerprint is taken on the time grid). SOBOL paths DO depend on the horizon (the
 * Brownian bridge spans all of it), so for SOBOL the years always stay in the key: the same request gives
 * the same scenarios whatever was valued before.
 */
const CAPACITY = 4;
interface Entry {
  years: number;
  scenarios: TimeMajorScenarios;
}
const cache = new Map<string, Entry>();

function keyOf(spec: ScenarioSpec, equityShare: number): string {
  const byKey = spec.curveKey !== undefined && (spec.generator ?? "PSEUDO") === "PSEUDO";
  return `${scenarioKey(byKey ? { ...spec, years: 1 } : spec)}|share=${equityShare}`;
}

/** The scenarios of `spec` for a fund with `equityShare` in equity: from the cache, or simulated and cached. */
export function vaScenarios(spec: ScenarioSpec, equityShare = 1): TimeMajorScenarios {
  if (!(Number.isFinite(equityShare) && equityShare >= 0 && equityShare <= 1)) invalid("equity_share", `${equityShare} is not a share of the funds in equity in [0, 1]`);
  const resolved = resolveScenarioSpec(spec);
  const key = keyOf(spec, equityShare);
  const hit = cache.get(key);
  if (hit && hit.years >= resolved.years) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.scenarios;
  }
  const set = simulateScenarios(spec);
  const investment = toInvestmentScenarios(set, equityShare);
  const scenarios = timeMajor(investment, investment.steps);
  cache.delete(key);
  cache.set(key, { years: resolved.years, scenarios });
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return scenarios;
}

/** Puts a set simulated elsewhere (a worker) into the cache under its spec. */
export function rememberVaScenarios(spec: ScenarioSpec, equityShare: number, scenarios: TimeMajorScenarios): void {
  const key = keyOf(spec, equityShare);
  const years = resolveScenarioSpec(spec).years;
  const hit = cache.get(key);
  if (hit && hit.years >= years) return;
  cache.delete(key);
  cache.set(key, { years, scenarios });
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
}

/** The cache key of a spec (for callers that share sets across threads). */
export function vaScenarioKey(spec: ScenarioSpec, equityShare = 1): string {
  return keyOf(spec, equityShare);
}

/** Empties the cache (tests). */
export function clearVaScenarios(): void {
  cache.clear();
}

/** Number of cached sets (tests). */
export function cachedVaScenarioSets(): number {
  return cache.size;
}
