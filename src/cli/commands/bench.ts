import { join } from "node:path";
import { existsSync } from "node:fs";
import { prepareJob, type BasicTermJob } from "../jobs";
import { ProjectionPool } from "../pool";
import { UsageError, type Io } from "../io";
import { BENCH_SAVINGS_USAGE, runSavingsBench } from "./benchSavings";
import { BENCH_TVFOG_USAGE, runTvfogBench } from "./benchTvfog";

export const BENCH_USAGE = `mcev bench basicterm [--data DIR] [--runs N] [--replicate K] [--threads T]

Runs lifelib's BasicTerm_M model (10,000 new-business term policies, monthly, premium solved in the
model) on the projection engine, PV-only, and prints JSON:
  {"total": …, "ms": …, "modelPoints": …, "steps": …, "runs": …, "threads": …, "peakRssMB": …}
ms is the median of --runs timed runs (default 15) after 3 warm-up runs.
  --data DIR     the benchmark folder (default: ../shared/benchmarks/lifelib-basicterm beside the repo)
  --replicate K  repeat the 10,000 points K times (e.g. 100 for one million model points)
  --threads T    split the model points across T worker threads (default 1: the main thread)

${BENCH_SAVINGS_USAGE}

${BENCH_TVFOG_USAGE}`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

export async function runBench(args: string[], io: Io, root: string, workerFile: string): Promise<number> {
  const [what, ...rest] = args;
  if (what === "savings") return runSavingsBench(rest, io, root);
  if (what === "tvfog") return runTvfogBench(rest, io, workerFile);
  if (what !== "basicterm") throw new UsageError(`unknown benchmark ${what ?? ""}`, BENCH_USAGE);
  let dataDir = join(root, "..", "shared", "benchmarks", "lifelib-basicterm");
  let runs = 15;
  let k = 1;
  let threads = 1;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const v = rest[i + 1];
    const whole = v !== undefined && Number.isInteger(Number(v)) && Number(v) >= 1;
    if (a === "--data" && v) dataDir = v;
    else if (a === "--runs" && whole) runs = Number(v);
    else if (a === "--replicate" && whole) k = Number(v);
    else if (a === "--threads" && whole) threads = Number(v);
    else throw new UsageError(`unexpected argument ${a}${v === undefined ? "" : " " + v}`, BENCH_USAGE);
    i++;
  }
  if (!existsSync(join(dataDir, "BasicTerm_M", "model_point_table.csv"))) throw new UsageError(`no BasicTerm_M data in ${dataDir}; give the benchmark folder with --data DIR`, BENCH_USAGE);
  const job: BasicTermJob = { kind: "basicterm", dataDir, replicate: k };
  const times: number[] = [];
  let total = 0;
  let count = 0;
  let steps = 0;
  if (threads === 1) {
    const prepared = prepareJob(job);
    count = prepared.count;
    steps = prepared.steps;
    for (let w = 0; w < 3; w++) prepared.run(0, count, false);
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      total = prepared.run(0, count, false).pv[4] as number;
      times.push(performance.now() - t0);
    }
  } else {
    const pool = await ProjectionPool.start(workerFile, job, threads);
    try {
      count = pool.count;
      steps = pool.steps;
      for (let w = 0; w < 3; w++) await pool.run();
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        total = (await pool.run()).pv[4] as number;
        times.push(performance.now() - t0);
      }
    } finally {
      await pool.close();
    }
  }
  io.out(JSON.stringify({ total, ms: Number(median(times).toFixed(3)), modelPoints: count, steps, runs, threads, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\n");
  return 0;
}
