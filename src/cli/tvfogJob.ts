import { fitCurve } from "../core/curves";
import { simulateSlice, toInvestmentScenarios, type ScenarioSpec } from "../core/esg/simulation";
import { makeLapseTable } from "../core/projection/lapse";
import { makeMortalityTable } from "../core/projection/mortality";
import type { SavingsBasis } from "../core/savings/basis";
import { GUARANTEE, SINGLE, makeSavingsPoints, type SavingsPoints } from "../core/savings/modelPoints";
import { vaContext, vaScenarioSpec, type VaEconomy } from "../core/valuation/tvfog";
import { emptyScenarioPvs, timeMajor, vaScenarioPvs, type VaScenarioPvs } from "../core/valuation/vaKernel";

/**
 * The TVFOG benchmark's job (mcev bench tvfog), rebuilt from plain data in every worker thread: a
 * synthetic block of single-premium variable annuities with GMDB / GMAB guarantees, on the USD curve of
 * seed 003 Table 10 with the Hull–White (a, σ) fitted to Table 12, equity volatility 26.3% (Table 11)
 * and a −40% correlation. A worker simulates ITS slice of the scenarios (simulateSlice: bit-identical to
 * the same scenarios of a full run) and projects every point under them; the parts are the per-scenario
 * PV vectors, zero outside the slice, so the pool adds them (src/cli/pool.ts) into the full vectors.
 */
export interface TvfogJob {
  kind: "tvfog";
  points: number;
  /** Scenarios (even: antithetic pairs are never split across workers). */
  scenarios: number;
  /** Months each point runs: 12 × years (+ the maturity month). */
  years: number;
  seed: number;
  method: "auto" | "loop";
}

/** USD swap zero curve, 31 December 2011 (seed 003 Table 10). */
export const USD_2011 = { terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] };

/** The synthetic block: ages 35–69, in force 0–4 years, every point with `years` left to run. */
export function benchBlock(n: number, years: number): { points: SavingsPoints; basis: SavingsBasis } {
  const idx = Array.from({ length: n }, (_, i) => i);
  const durationYears = idx.map((i) => i % 5);
  const points = makeSavingsPoints({
    ageAtEntry: idx.map((i) => 35 + ((i * 7) % 35)),
    policyTerm: idx.map((i) => years + (durationYears[i] as number)),
    policyCount: idx.map((i) => 5 + (i % 17)),
    sumAssured: new Array(n).fill(0),
    premium: new Array(n).fill(100_000),
    durationMonths: durationYears.map((d) => 12 * d),
    premiumType: new Array(n).fill(SINGLE),
    feeRate: idx.map((i) => 0.012 + 0.0005 * (i % 13)),
    avInit: idx.map((i) => ((durationYears[i] as number) === 0 ? 0 : 80_000 + ((i * 37) % 50) * 1000)),
    premiumsPaidInit: durationYears.map((d) => (d === 0 ? 0 : 100_000)),
    deathGuarantee: idx.map((i) => (i % 4 === 1 ? GUARANTEE.ROLL_UP : GUARANTEE.RETURN_OF_PREMIUM)),
    maturityGuarantee: idx.map((i) => (i % 4 === 3 ? GUARANTEE.RETURN_OF_PREMIUM : GUARANTEE.NONE)),
    rollUpRate: new Array(n).fill(0.03),
  });
  // Gompertz–Makeham mortality q(x) = 0.0005 + 0.00002·e^{0.1x}, lapses 6% falling to 2%
  const mortality = makeMortalityTable(0, Array.from({ length: 131 }, (_, x) => Math.min(1, 0.0005 + 0.00002 * Math.exp(0.1 * x))), 1);
  const basis: SavingsBasis = { mortality, lapse: makeLapseTable([0.06, 0.05, 0.04, 0.03, 0.02]), coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 60, commissionRate: 0 };
  return { points, basis };
}

export function benchEconomy(job: Pick<TvfogJob, "scenarios" | "seed">): VaEconomy {
  return { curve: fitCurve(USD_2011), curveKey: "USD-2011", a: 0.0199738, sigma: 0.0115419, equityVol: 0.263, correlation: 0.4, scenarios: job.scenarios, seed: job.seed, antithetic: true };
}

export interface PreparedTvfogJob {
  /** Antithetic pairs: the units the pool splits. */
  count: number;
  steps: number;
  /** Scenarios 2·from .. 2·to − 1, simulated and projected: fixed, charges, GMDB and GMAB PVs, each full length (zero outside the slice). */
  run(from: number, to: number): { pv: Float64Array; ms: { simulate: number; project: number } };
}

export function prepareTvfogJob(job: TvfogJob): PreparedTvfogJob {
  const { points, basis } = benchBlock(job.points, job.years);
  const steps = 12 * job.years + 1;
  const economy = benchEconomy(job);
  const spec: ScenarioSpec = vaScenarioSpec(economy, job.years + 1);
  const ctx = vaContext(economy.curve, steps);
  const S = job.scenarios;
  return {
    count: S / 2,
    steps,
    run(from, to) {
      const t0 = performance.now();
      const set = simulateSlice(spec, 2 * from, 2 * to);
      const inv = toInvestmentScenarios(set);
      const scen = timeMajor(inv, steps);
      const t1 = performance.now();
      const part = vaScenarioPvs(points, basis, scen, ctx, 0, points.count, undefined, { method: job.method });
      const t2 = performance.now();
      return { pv: placeSlice(part, S, 2 * from), ms: { simulate: t1 - t0, project: t2 - t1 } };
    },
  };
}

/** A slice's PV vectors placed at its scenarios in full-length vectors: [fixed, charges, gmdb, gmab] × S. */
function placeSlice(part: VaScenarioPvs, S: number, first: number): Float64Array {
  const out = new Float64Array(4 * S);
  [part.fixed, part.charges, part.gmdb, part.gmab].forEach((x, k) => out.set(x, k * S + first));
  return out;
}

/** The full-length vectors back as PV parts. */
export function scenarioPvsOf(pv: Float64Array, S: number): VaScenarioPvs {
  const res = emptyScenarioPvs(S);
  res.fixed.set(pv.subarray(0, S));
  res.charges.set(pv.subarray(S, 2 * S));
  res.gmdb.set(pv.subarray(2 * S, 3 * S));
  res.gmab.set(pv.subarray(3 * S, 4 * S));
  return res;
}
