import { bench, describe } from "vitest";
import { bootstrapChainLadder } from "../src/core/reserving/bootstrap";
import { makeTriangle } from "../src/core/reserving/triangle";
import { Xoshiro256StarStar } from "../src/core/random";

/**
 * The England–Verrall ODP bootstrap, 10,000 simulations of the 10 × 10 Taylor–Ashe triangle
 * (55 resampled residuals and 45 gamma draws per simulation), single thread. Target: well under
 * one second. Run: `npx vitest bench --run bench/bootstrap.bench.ts`.
 */
const incremental = [
  [357848, 766940, 610542, 482940, 527326, 574398, 146342, 139950, 227229, 67948],
  [352118, 884021, 933894, 1183289, 445745, 320996, 527804, 266172, 425046],
  [290507, 1001799, 926219, 1016654, 750816, 146923, 495992, 280405],
  [310608, 1108250, 776189, 1562400, 272482, 352053, 206286],
  [443160, 693190, 991983, 769488, 504851, 470639],
  [396132, 937085, 847498, 805037, 705960],
  [440832, 847631, 1131398, 1063269],
  [359480, 1061648, 1443370],
  [376686, 986608],
  [344014],
];
const triangle = makeTriangle(
  incremental.map((row) => {
    let acc = 0;
    const out: Array<number | undefined> = row.map((x) => (acc += x));
    while (out.length < 10) out.push(undefined);
    return out;
  }),
);

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
