import { bench, describe } from "vitest";
import { bootstrapChainLadder } from "../src/core/reserving/bootstrap";
import { readTriangle } from "../test/triangles";
import { Xoshiro256StarStar } from "../src/core/random";

/**
 * The England–Verrall ODP bootstrap, 10,000 simulations of the 10 × 10 Taylor–Ashe triangle
 * (55 resampled residuals and 45 gamma draws per simulation), single thread. Target: well under
 * one second. Run: `npx vitest bench --run bench/bootstrap.bench.ts`.
 */
const triangle = readTriangle("test/reference/reserving/genins.csv");

describe("ODP bootstrap, Taylor–Ashe 10 × 10", () => {
  bench("10,000 simulations", () => {
    bootstrapChainLadder(triangle, { sims: 10_000, seed: 1 });
  });
  bench("10,000 simulations with a tail factor and 9 percentiles", () => {
    bootstrapChainLadder(triangle, { sims: 10_000, seed: 1, tail: 1.05, percentiles: [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.995] });
  });
});

describe("generator throughput, 1,000,000 draws", () => {
  const g = new Xoshiro256StarStar(1);
  const out = new Float64Array(1_000_000);
  bench("nextDouble", () => {
    for (let i = 0; i < out.length; i++) out[i] = g.nextDouble();
  });
  bench("fillNormal (AS 241 inversion)", () => {
    g.fillNormal(out);
  });
  bench("nextGamma(2.5)", () => {
    for (let i = 0; i < out.length; i++) out[i] = g.nextGamma(2.5);
  });
});
