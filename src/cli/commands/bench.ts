import { readFileSync } from "node:fs";
import { join } from "node:path";
import { basicTermBasis, basicTermContext, modelPointsFromTable } from "../../core/projection/basicTerm";
import { runProjection } from "../../core/projection/engine";
import type { ModelPoints } from "../../core/projection/modelPoints";
import { termAssurance } from "../../core/projection/products/termAssurance";
import { fromCells } from "../../core/projection/table";
import { parseCsv } from "../csv";
import { UsageError, type Io } from "../io";

export const BENCH_USAGE = `mcev bench basicterm [--data DIR] [--runs N] [--replicate K]

Runs lifelib's BasicTerm_M model (10,000 new-business term policies, monthly, premium solved in the
model) on the projection engine, single thread, PV-only, and prints JSON:
  {"total": …, "ms": …, "modelPoints": …, "steps": …, "runs": …, "peakRssMB": …}
ms is the median of --runs timed runs (default 15) after 3 warm-up runs.
  --data DIR     the benchmark folder (default: ../shared/benchmarks/lifelib-basicterm beside the repo)
  --replicate K  repeat the 10,000 points K times (e.g. 100 for one million model points)`;

function replicate(points: ModelPoints, k: number): ModelPoints {
  const rep = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as { new (n: number): T })(a.length * k);
    for (let r = 0; r < k; r++) out.set(a, r * a.length);
    return out;
  };
  return { count: points.count * k, ageAtEntry: rep(points.ageAtEntry), policyTerm: rep(points.policyTerm), policyCount: rep(points.policyCount), sumAssured: rep(points.sumAssured), durationMonths: rep(points.durationMonths) };
}

export function runBench(args: string[], io: Io, root: string): number {
  const [what, ...rest] = args;
  if (what !== "basicterm") throw new UsageError(`unknown benchmark ${what ?? ""}`, BENCH_USAGE);
  let dir = join(root, "..", "shared", "benchmarks", "lifelib-basicterm");
  let runs = 15;
  let k = 1;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const v = rest[i + 1];
    const whole = v !== undefined && Number.isInteger(Number(v)) && Number(v) >= 1;
    if (a === "--data" && v) dir = v;
    else if (a === "--runs" && whole) runs = Number(v);
    else if (a === "--replicate" && whole) k = Number(v);
    else throw new UsageError(`unexpected argument ${a}${v === undefined ? "" : " " + v}`, BENCH_USAGE);
    i++;
  }
  const table = (name: string) => {
    const path = join(dir, "BasicTerm_M", name);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      throw new UsageError(`cannot read ${path}; give the benchmark folder with --data DIR`, BENCH_USAGE);
    }
    return fromCells(name, parseCsv(text, path));
  };
  const points = replicate(modelPointsFromTable(table("model_point_table.csv"), { forceSingleNewPolicy: true }), k);
  const basis = basicTermBasis(table("mort_table.csv"), { kind: "solved", loading: 0.5 });
  const steps = termAssurance.horizon(points);
  const ctx = basicTermContext(table("disc_rate_ann.csv"), steps);
  const once = () => runProjection(termAssurance, points, basis, ctx, { perPeriod: false });
  for (let w = 0; w < 3; w++) once();
  const times: number[] = [];
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    total = once().pv[4] as number;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = runs % 2 ? (times[(runs - 1) / 2] as number) : ((times[runs / 2 - 1] as number) + (times[runs / 2] as number)) / 2;
  io.out(JSON.stringify({ total, ms: Number(median.toFixed(3)), modelPoints: points.count, steps, runs, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\n");
  return 0;
}
