import { scenarioKey, simulateScenarios, type ScenarioSet, type ScenarioSpec } from "../core/esg/simulation";

/**
 * One scenario set shared by every cell that asks for the same scenarios: sets are cached by their
 * deterministic key (core/esg/simulation.ts scenarioKey: curve, model parameters, counts, seed,
 * generator), least recently used first out, within a memory budget. Scenario sets are never
 * modified after simulation, so sharing them is safe.
 *
 * The cache lives in the process (or worker) that runs the function: the command line and every
 * synchronous call share it; Excel's asynchronous calls run in a fresh Web Worker each
 * (src/functions/worker/client.ts), so there it serves the calls of one worker.
 */
export const SCENARIO_CACHE_LIMITS = { entries: 4, bytes: 400_000_000 };

const cache = new Map<string, ScenarioSet>();
let hits = 0;
let misses = 0;

/** Bytes held by a set's three arrays. */
export function scenarioBytes(set: ScenarioSet): number {
  return set.shortRate.byteLength + set.lnDeflator.byteLength + set.equity.byteLength;
}

/** The scenario set of `spec`, from the cache when an identical one was simulated before. */
export function cachedScenarios(spec: ScenarioSpec): ScenarioSet {
  const key = scenarioKey(spec);
  const hit = cache.get(key);
  if (hit) {
    hits++;
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  misses++;
  const set = simulateScenarios(spec);
  const size = scenarioBytes(set);
  if (size <= SCENARIO_CACHE_LIMITS.bytes) {
    let total = size;
    for (const s of cache.values()) total += scenarioBytes(s);
    while (cache.size > 0 && (cache.size >= SCENARIO_CACHE_LIMITS.entries || total > SCENARIO_CACHE_LIMITS.bytes)) {
      const oldest = cache.keys().next().value as string;
      total -= scenarioBytes(cache.get(oldest) as ScenarioSet);
      cache.delete(oldest);
    }
    cache.set(key, set);
  }
  return set;
}

/** Entries, bytes held, hits and misses since the last clear. */
export function scenarioCacheStats(): { entries: number; bytes: number; hits: number; misses: number } {
  let bytes = 0;
  for (const s of cache.values()) bytes += scenarioBytes(s);
  return { entries: cache.size, bytes, hits, misses };
}

export function clearScenarioCache(): void {
  cache.clear();
  hits = 0;
  misses = 0;
}
