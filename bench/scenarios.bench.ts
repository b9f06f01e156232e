import { bench, describe } from "vitest";
import { fitCurve } from "../src/core/curves";
import { martingaleTests } from "../src/core/esg/martingale";
import { simulateScenarios, toInvestmentScenarios, type ScenarioSpec } from "../src/core/esg/simulation";
import { callFunction } from "../src/functions/registry";
import { clearScenarioCache } from "../src/functions/scenarioCache";

/**
 * Scenario generation (issue 5): Hull–White + equity, exact monthly steps, on the seed's USD curve
 * (Table 10) with (a, σ) near the Table 12 calibration, σ_S = 26.3%, ρ = −40%. One thread (the
 * generator is single-threaded; slices of scenarios can go to workers). Run: `npm run bench`, or
 * `npx vitest bench --run bench/scenarios.bench.ts`. Figures in docs/esg.md.
 */
const curve = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] });
const spec: ScenarioSpec = { curve, curveHorizon: 30, a: 0.02, sigma: 0.0115, equityVol: 0.263, correlation: 0.4, scenarios: 1000, years: 30, seed: 0 };

describe("1,000 scenarios × 360 months (short rate, deflator, equity)", () => {
  bench("PSEUDO, antithetic pairs (default)", () => {
    simulateScenarios(spec);
  });
  bench("PSEUDO, independent scenarios", () => {
    simulateScenarios({ ...spec, antithetic: false });
  });
  bench("SOBOL (Brownian bridge), antithetic pairs", () => {
    simulateScenarios({ ...spec, generator: "SOBOL" });
  });
  bench("equity vol by term (a Cholesky factor per step)", () => {
    simulateScenarios({ ...spec, equityVol: { terms: [1, 5, 10], vols: [0.3, 0.27, 0.25] } });
  });
});

describe("using 1,000 × 360 scenarios", () => {
  const set = simulateScenarios(spec);
  bench("toInvestmentScenarios (returns and deflators for the account-value engine)", () => {
    toInvestmentScenarios(set);
  });
  bench("martingaleTests (30 years, three tests)", () => {
    martingaleTests(set);
  });
});

describe("10,000 scenarios × 360 months", () => {
  bench("PSEUDO, antithetic pairs", () => {
    simulateScenarios({ ...spec, scenarios: 10_000 });
  }, { iterations: 3, time: 0 });
});

describe("MCEV.ESG.CHECK through the registry, 1,000 scenarios × 30 years", () => {
  const terms = [[5], [10], [15], [20], [25], [30]];
  const rates = [[0.0124], [0.0209], [0.0251], [0.0264], [0.027], [0.0274]];
  const args = [terms, rates, 0.02, 0.0115, 0.263, 0.4, 1000, 30];
  bench("scenarios simulated (cache cleared)", () => {
    clearScenarioCache();
    callFunction("ESG.CHECK", args);
  });
  bench("scenarios from the cache (another cell with the same inputs)", () => {
    callFunction("ESG.CHECK", args);
  });
});
