import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { benchBlock, benchEconomy } from "../../src/cli/tvfogJob";
import { valueVaBlock } from "../../src/core/valuation/tvfog";

const root = join(__dirname, "..", "..");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, root);
  return { code, out, err };
}

interface Out {
  tvfog: number;
  standardError: number;
  ce: number;
  ms: number;
  modelPoints: number;
  scenarios: number;
  steps: number;
  threads: number;
  method: string;
}

describe("mcev bench tvfog", () => {
  const small = ["bench", "tvfog", "--points", "60", "--scenarios", "40", "--years", "5", "--runs", "1", "--warmup", "0"];

  it("prints the block's TVFOG, its SE and the timing as JSON: the core's valuation of the same block and scenarios", async () => {
    const r = await run(...small);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Out;
    expect(out).toMatchObject({ modelPoints: 60, scenarios: 40, steps: 61, threads: 1, method: "auto" });
    const { points, basis } = benchBlock(60, 5);
    const core = valueVaBlock({ points, basis }, benchEconomy({ scenarios: 40, seed: 1 }));
    expect(Math.abs(out.tvfog - core.estimate.tvfog)).toBeLessThan(1e-9 * Math.abs(core.cePv));
    expect(out.ce).toBe(core.cePv);
    expect(out.standardError).toBeCloseTo(core.estimate.standardError, 3);
    expect(out.ms).toBeGreaterThan(0);
  });

  it("--threads 2 (scenario slices in worker threads) and --method loop give the same TVFOG", async () => {
    const one = JSON.parse((await run(...small)).out) as Out;
    const two = JSON.parse((await run(...small, "--threads", "2")).out) as Out;
    const loop = JSON.parse((await run(...small, "--method", "loop")).out) as Out;
    expect(two.threads).toBe(2);
    expect(Math.abs(two.tvfog - one.tvfog)).toBeLessThan(1e-9 * Math.abs(one.ce));
    expect(Math.abs(loop.tvfog - one.tvfog)).toBeLessThan(1e-9 * Math.abs(one.ce));
  });

  it("bad arguments are usage errors", async () => {
    expect((await run("bench", "tvfog", "--scenarios", "7")).code).toBe(2);
    expect((await run("bench", "tvfog", "--method", "fast")).code).toBe(2);
    expect((await run("bench", "tvfog", "--points", "0")).code).toBe(2);
  });
});
