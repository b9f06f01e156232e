import { bench, describe } from "vitest";
import { benchBlock, benchEconomy, prepareTvfogJob } from "../src/cli/tvfogJob";
import { simulateScenarios, toInvestmentScenarios } from "../src/core/esg/simulation";
import { vaContext, vaScenarioSpec } from "../src/core/valuation/tvfog";
import { timeMajor, vaScenarioPvs } from "../src/core/valuation/vaKernel";

/**
 * The TVFOG of a variable-annuity block (issue 5): the synthetic block of `mcev bench tvfog`
 * (src/cli/tvfogJob.ts: single premiums, GMDB / GMAB, USD 2011 curve, Table 12 Hull–White fit, 26.3%
 * equity volatility, −40% correlation), 360 months + the maturity month. The full benchmark (10,000
 * points × 1,000 scenarios, 1 and 2 worker threads) is `mcev bench tvfog`; these are its parts at a
 * size that runs in seconds. Run: `npx vitest bench --run bench/tvfog.bench.ts`.
 */
const job = { kind: "tvfog" as const, points: 1000, scenarios: 1000, years: 30, seed: 1, method: "auto" as const };
const { points, basis } = benchBlock(job.points, job.years);
const steps = 12 * job.years + 1;
const economy = benchEconomy(job);
const spec = vaScenarioSpec(economy, job.years + 1);
const ctx = vaContext(economy.curve, steps);
const scenarios = timeMajor(toInvestmentScenarios(simulateScenarios(spec)), steps);

describe("TVFOG of a VA block: 1,000 points × 1,000 scenarios × 361 months", () => {
  bench("scenarios: Hull–White + equity, 1,000 × 31 years monthly, to the kernel's layout", () => {
    timeMajor(toInvestmentScenarios(simulateScenarios(spec)), steps);
  });
  bench("kernel, fund-index path (single premiums, no COI; the index and its ranks cached on the set)", () => {
    vaScenarioPvs(points, basis, scenarios, ctx);
  });
  bench(
    "kernel, scenario loop (the general path)",
    () => {
      vaScenarioPvs(points, basis, scenarios, ctx, 0, points.count, undefined, { method: "loop" });
    },
    { iterations: 2, warmupIterations: 1 },
  );
  bench("whole job (simulate + project), one thread", () => {
    const p = prepareTvfogJob(job);
    p.run(0, p.count);
  });
});
