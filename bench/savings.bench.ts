import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bench, describe } from "vitest";
import { parseCsv } from "../src/cli/csv";
import { fromCells } from "../src/core/projection/table";
import { Xoshiro256StarStar } from "../src/core/random";
import { cashValueContext, cashValueModel, cashValueScenario } from "../src/core/savings/cashValueME";
import { runSavings, savingsHorizon } from "../src/core/savings/projection";
import { lognormalReturns } from "../src/core/savings/scenarios";

/**
 * lifelib's savings model CashValue_ME_EX4 (10,000 points, 241 months, one scenario) on the
 * account-value engine, with the data of ../shared/benchmarks/lifelib-savings (published: NumPy
 * 543 ms, Julia 119 ms on a GitHub runner). Three scopes: from the CSV text, from the parsed tables
 * (readers + scenario + engine: the model's own run), and the engine alone on prepared inputs; then
 * the engine over 100 scenarios (the Monte Carlo shape). Run: `npm run bench`.
 */
const dir = join(__dirname, "../../shared/benchmarks/lifelib-savings/CashValue_ME_EX4");
const text = (name: string) => readFileSync(join(dir, name), "utf8");
const files = ["model_point_table_10K.csv", "product_spec_table.csv", "surr_charge_table.csv", "std_norm_rand_seed1234.csv", "disc_rate_ann.csv"].map((name) => [name, text(name)] as const);
const parse = (name: string, csv: string) => fromCells(name, parseCsv(csv, name));

function fromTables(tables: ReturnType<typeof parse>[]): number {
  const [modelPoints, productSpecs, surrenderCharges, normals, discount] = tables as [ReturnType<typeof parse>, ReturnType<typeof parse>, ReturnType<typeof parse>, ReturnType<typeof parse>, ReturnType<typeof parse>];
  const { table, basis } = cashValueModel({ modelPoints, productSpecs, surrenderCharges });
  const steps = savingsHorizon(table.points, basis);
  return runSavings(table.points, basis, cashValueScenario(normals), cashValueContext(discount, steps)).pv[8] as number;
}

const tables = files.map(([name, csv]) => parse(name, csv));
const { table, basis } = cashValueModel({ modelPoints: tables[0] as ReturnType<typeof parse>, productSpecs: tables[1] as ReturnType<typeof parse>, surrenderCharges: tables[2] as ReturnType<typeof parse> });
const steps = savingsHorizon(table.points, basis);
const scenario = cashValueScenario(tables[3] as ReturnType<typeof parse>);
const ctx = cashValueContext(tables[4] as ReturnType<typeof parse>, steps);
const hundred = lognormalReturns(new Xoshiro256StarStar(1).fillNormal(new Float64Array(100 * 242)), 100, 242, 0.02, 0.15);

describe("lifelib CashValue_ME_EX4: 10,000 points × 241 months, one scenario", () => {
  bench("from the CSV text (parse, read, project)", () => {
    fromTables(files.map(([name, csv]) => parse(name, csv)));
  });
  bench("from the parsed tables (readers, scenario, project)", () => {
    fromTables(tables);
  });
  bench("engine only (runSavings, PV lines)", () => {
    runSavings(table.points, basis, scenario, ctx);
  });
  bench("engine with per-period lines", () => {
    runSavings(table.points, basis, scenario, ctx, { perPeriod: true });
  });
});

describe("account-value engine, 10,000 points × 241 months × 100 scenarios", () => {
  bench("runSavings, PV lines per scenario", () => {
    runSavings(table.points, basis, hundred, ctx);
  }, { iterations: 3, warmupIterations: 1 });
});
