import { certaintyEquivalentScenario, finishVaBlock, vaContext } from "../../core/valuation/tvfog";
import { timeMajor, vaScenarioPvs } from "../../core/valuation/vaKernel";
import { UsageError, type Io } from "../io";
import { ProjectionPool } from "../pool";
import { benchBlock, benchEconomy, prepareTvfogJob, scenarioPvsOf, type TvfogJob } from "../tvfogJob";

export const BENCH_TVFOG_USAGE = `mcev bench tvfog [--points N] [--scenarios S] [--years Y] [--threads T] [--method auto|loop] [--runs R] [--warmup W] [--seed K]

The TVFOG of a synthetic block of N single-premium variable annuities (GMDB return of premium or 3%
roll-up, a quarter with a GMAB; fees 1.2%–1.8%; mortality and lapses), every point running Y years
(12·Y months and the maturity month), under S Hull–White + equity scenarios (USD 2011 curve of seed 003
Table 10, a and σ fitted to Table 12, equity volatility 26.3%, correlation −40%, antithetic pairs):
scenario simulation and projection, timed from the scenario inputs to the TVFOG. Prints JSON:
  {"tvfog": …, "standardError": …, "ce": …, "ms": …, "modelPoints": …, "scenarios": …, "steps": …, "threads": …, "method": …, "runs": …, "peakRssMB": …}
ms is the median wall time of --runs runs (default 3) after --warmup runs (default 1).
  --points N      model points (default 10000)
  --scenarios S   scenarios, even (default 1000)
  --years Y       years each point runs (default 30: 360 months)
  --threads T     split the scenarios across T worker threads, each simulating and projecting its own
                  slice (default 1: the main thread)
  --method M      auto (default: the fund-index path where the product allows it) or loop (every point
                  through the scenario loop, the general kernel)`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

export async function runTvfogBench(args: string[], io: Io, workerFile: string): Promise<number> {
  const job: TvfogJob = { kind: "tvfog", points: 10_000, scenarios: 1000, years: 30, seed: 1, method: "auto" };
  let threads = 1;
  let runs = 3;
  let warmup = 1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    const n = Number(v);
    const whole = (min: number) => v !== undefined && Number.isInteger(n) && n >= min;
    if (a === "--points" && whole(1)) job.points = n;
    else if (a === "--scenarios" && whole(2) && n % 2 === 0) job.scenarios = n;
    else if (a === "--years" && whole(1) && n <= 100) job.years = n;
    else if (a === "--threads" && whole(1)) threads = n;
    else if (a === "--runs" && whole(1)) runs = n;
    else if (a === "--warmup" && whole(0)) warmup = n;
    else if (a === "--seed" && whole(0)) job.seed = n;
    else if (a === "--method" && (v === "auto" || v === "loop")) job.method = v;
    else throw new UsageError(`unexpected argument ${a}${v === undefined ? "" : " " + v}`, BENCH_TVFOG_USAGE);
    i++;
  }
  const S = job.scenarios;
  // the certainty-equivalent run: one scenario, on the main thread (not timed: a single deterministic path)
  const { points, basis } = benchBlock(job.points, job.years);
  const steps = 12 * job.years + 1;
  const economy = benchEconomy(job);
  const ctx = vaContext(economy.curve, steps);
  const ce = vaScenarioPvs(points, basis, timeMajor(certaintyEquivalentScenario(economy.curve, steps), steps), ctx);

  const times: number[] = [];
  let pv: Float64Array = new Float64Array(0);
  if (threads === 1) {
    const prepared = prepareTvfogJob(job);
    for (let w = 0; w < warmup; w++) prepared.run(0, prepared.count);
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      pv = prepared.run(0, prepared.count).pv;
      times.push(performance.now() - t0);
    }
  } else {
    const pool = await ProjectionPool.start(workerFile, job, threads);
    try {
      for (let w = 0; w < warmup; w++) await pool.run();
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        pv = (await pool.run()).pv;
        times.push(performance.now() - t0);
      }
    } finally {
      await pool.close();
    }
  }
  const value = finishVaBlock(steps, ce, scenarioPvsOf(pv, S), true);
  const e = value.estimate;
  io.out(
    JSON.stringify({
      tvfog: e.tvfog,
      standardError: e.standardError,
      ce: value.cePv,
      ms: Number(median(times).toFixed(1)),
      modelPoints: job.points,
      scenarios: S,
      steps,
      threads,
      method: job.method,
      runs,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + "\n",
  );
  return 0;
}
