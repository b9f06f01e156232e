import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";

const root = join(__dirname, "..", "..");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, root);
  return { code, out, err };
}

describe("mcev bench savings", () => {
  it("prints lifelib's CashValue_ME_EX4 total with timings as JSON", async () => {
    const r = await run("bench", "savings", "--runs", "1");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { total: number; ms: number; engineMs: number; modelPoints: number; steps: number; scenarios: number };
    expect(Math.abs(out.total / 3507113709040.124 - 1)).toBeLessThan(1e-9);
    expect(out.modelPoints).toBe(10000);
    expect(out.steps).toBe(241);
    expect(out.scenarios).toBe(1);
    expect(out.ms).toBeGreaterThan(0);
    expect(out.engineMs).toBeGreaterThan(0);
  });

  it("--scenarios S runs S seeded lognormal scenarios; a bad argument is a usage error", async () => {
    const r = await run("bench", "savings", "--runs", "1", "--scenarios", "3");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { scenarios: number }).scenarios).toBe(3);
    expect((await run("bench", "savings", "--scenarios", "0")).code).toBe(2);
  });
});
