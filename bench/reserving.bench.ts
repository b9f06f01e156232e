import { bench, describe } from "vitest";
import { Xoshiro256StarStar } from "../src/core/random";
import { callFunction } from "../src/functions/registry";
import type { CellMatrix } from "../src/functions/cells";

/**
 * Reserving functions through the registry, as Excel and the CLI call them. A 50 × 50 cumulative
 * triangle is generated deterministically: development pattern 1 − e^{−0.15 j} with lognormal noise.
 */
function syntheticTriangle(n: number, seed: number): CellMatrix {
  const rng = new Xoshiro256StarStar(seed);
  const rows: CellMatrix = [];
  for (let i = 0; i < n; i++) {
    const ultimate = 1e6 * (1 + 0.02 * i);
    const row: (number | null)[] = [];
    let previous = 0;
    for (let j = 0; j < n; j++) {
      if (j >= n - i) {
        row.push(null);
        continue;
      }
      const pattern = 1 - Math.exp(-0.15 * (j + 1));
      previous = Math.max(previous + 1, ultimate * pattern * Math.exp(0.05 * rng.nextNormal()));
      row.push(previous);
    }
    rows.push(row);
  }
  return rows;
}

const big = syntheticTriangle(50, 2026);

describe("reserving, 50 × 50 triangle", () => {
  bench("MCEV.MACK (Mack's sigma rule)", () => {
    callFunction("MACK", [big]);
  });
  bench("MCEV.MACK (log-linear sigma, estimated tail)", () => {
    callFunction("MACK", [big, true, "LOGLINEAR"]);
  });
  bench("MCEV.CHAINLADDER", () => {
    callFunction("CHAINLADDER", [big]);
  });
});
