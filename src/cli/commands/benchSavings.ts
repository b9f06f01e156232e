import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromCells } from "../../core/projection/table";
import { Xoshiro256StarStar } from "../../core/random";
import { cashValueContext, cashValueModel, cashValueScenario } from "../../core/savings/cashValueME";
import { runSavings, savingsHorizon } from "../../core/savings/projection";
import { PV } from "../../core/savings/result";
import { lognormalReturns } from "../../core/savings/scenarios";
import { parseCsv } from "../csv";
import { UsageError, type Io } from "../io";

export const BENCH_SAVINGS_USAGE = `mcev bench savings [--data DIR] [--runs N] [--scenarios S]

Runs lifelib's savings model CashValue_ME_EX4 (10,000 cash-value points with a maturity guarantee,
monthly, one scenario from 242 given normal draws) on the account-value engine, from the parsed CSV
tables to the total PV of net cash flows, and prints JSON:
  {"total": …, "ms": …, "engineMs": …, "modelPoints": …, "steps": …, "scenarios": …, "runs": …, "peakRssMB": …}
ms: the whole run (table readers, scenario, engine); engineMs: the engine alone; medians of --runs timed
runs (default 15) after 3 warm-up runs, on the main thread.
  --data DIR       the benchmark folder (default: ../shared/benchmarks/lifelib-savings beside the repo)
  --scenarios S    instead of lifelib's scenario, S lognormal scenarios (μ 2%, σ 15%, seeded normals):
                   the total is then the mean over scenarios`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

export function runSavingsBench(args: string[], io: Io, root: string): number {
  let dataDir = join(root, "..", "shared", "benchmarks", "lifelib-savings");
  let runs = 15;
  let scenarios = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    const whole = v !== undefined && Number.isInteger(Number(v)) && Number(v) >= 1;
    if (a === "--data" && v) dataDir = v;
    else if (a === "--runs" && whole) runs = Number(v);
    else if (a === "--scenarios" && whole) scenarios = Number(v);
    else throw new UsageError(`unexpected argument ${a}${v === undefined ? "" : " " + v}`, BENCH_SAVINGS_USAGE);
    i++;
  }
  const folder = join(dataDir, "CashValue_ME_EX4");
  if (!existsSync(join(folder, "model_point_table_10K.csv"))) throw new UsageError(`no CashValue_ME_EX4 data in ${dataDir}; give the benchmark folder with --data DIR`, BENCH_SAVINGS_USAGE);
  const table = (name: string) => {
    const path = join(folder, name);
    return fromCells(name, parseCsv(readFileSync(path, "utf8"), path));
  };
  const tables = { modelPoints: table("model_point_table_10K.csv"), productSpecs: table("product_spec_table.csv"), surrenderCharges: table("surr_charge_table.csv") };
  const normals = table("std_norm_rand_seed1234.csv");
  const discount = table("disc_rate_ann.csv");
  const many = scenarios > 0 ? lognormalReturns(new Xoshiro256StarStar(1).fillNormal(new Float64Array(scenarios * 242)), scenarios, 242, 0.02, 0.15) : undefined;
  const whole = () => {
    const { table: points, basis } = cashValueModel(tables);
    const steps = savingsHorizon(points.points, basis);
    return runSavings(points.points, basis, many ?? cashValueScenario(normals), cashValueContext(discount, steps));
  };
  const { table: points, basis } = cashValueModel(tables);
  const steps = savingsHorizon(points.points, basis);
  const scenario = many ?? cashValueScenario(normals);
  const ctx = cashValueContext(discount, steps);
  const engine = () => runSavings(points.points, basis, scenario, ctx);
  for (let w = 0; w < 3; w++) {
    whole();
    engine();
  }
  const times: number[] = [];
  const engineTimes: number[] = [];
  let total = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    total = whole().pv[PV.net_cashflow] as number;
    times.push(performance.now() - t0);
    t0 = performance.now();
    engine();
    engineTimes.push(performance.now() - t0);
  }
  io.out(
    JSON.stringify({ total, ms: Number(median(times).toFixed(3)), engineMs: Number(median(engineTimes).toFixed(3)), modelPoints: points.points.count, steps, scenarios: scenario.count, runs, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\n",
  );
  return 0;
}
