import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { callFunction } from "../../src/functions/registry";
import { readRange } from "../triangles";
import { E2E_DIST, functionsPage, haveBrowser, launchChromium } from "./browser";
import { serve } from "./server";

/**
 * MCEV.TVFOG.VA in the production bundle in a real browser (Debian's Chromium): the call runs in the
 * scenario functions' long-lived Web Worker, two cells with the same scenario inputs share it, and the
 * numbers are the registry's in Node.
 */
const dist = E2E_DIST;
const browserPresent = haveBrowser("the TVFOG real-browser tests");
const PAGE = functionsPage("tvfog e2e");

const terms = [[5], [10], [15], [20], [25], [30]];
const rates = [[0.0124], [0.0209], [0.0251], [0.0264], [0.027], [0.0274]];
const fixed = [readRange("examples/va/model_points.csv"), readRange("examples/va/product_specs.csv"), terms, rates, 0.02, 0.0115, [[0.263]], -0.4];
const pairs = (...extra: unknown[]) => [[["mortality"]], readRange("examples/assumptions/mortality.csv"), [["scenarios"]], [[400]], ...extra];

describe.skipIf(!browserPresent)("MCEV.TVFOG.VA in headless Chromium", () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof serve>>;
  const workers: string[] = [];

  beforeAll(async () => {
    server = await serve(dist, { "/e2e.html": PAGE });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${server.url}/e2e.html`);
    await page.waitForFunction(() => "TVFOG.VA" in (window as unknown as { registered: object }).registered);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("two cells with the same scenario inputs run on one worker and match the registry in Node; TVFOG is synchronous", async () => {
    const before = workers.length;
    const [a, b] = await page.evaluate(
      async ({ fixed, p1, p2 }) => {
        const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => Promise<unknown>> }).registered["TVFOG.VA"] as (...x: unknown[]) => Promise<unknown>;
        return Promise.all([f(...fixed, p1, {}), f(...fixed, p2, {})]);
      },
      { fixed, p1: pairs(), p2: pairs([["expense_maint"]], [[40]]) },
    );
    expect(workers.length - before).toBe(1);
    for (const [got, extra] of [
      [a, []],
      [b, ["expense_maint", 40]],
    ] as const) {
      const expected = callFunction("TVFOG.VA", [...fixed, "mortality", readRange("examples/assumptions/mortality.csv"), "scenarios", 400, ...extra] as never) as (string | number)[][];
      const rows = got as (string | number)[][];
      expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
      rows.forEach((r, k) => expect(Math.abs((r[1] as number) - (expected[k]?.[1] as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[k]?.[1] as number))));
    }
    const simple = await page.evaluate(() => ((window as unknown as { registered: Record<string, (...x: unknown[]) => unknown> }).registered.TVFOG as (...x: unknown[]) => unknown)([[1], [2], [4]], 1));
    expect((simple as unknown[][])[0]?.[0]).toBe("tvfog");
  });

  it("a bad argument comes back as #VALUE! naming it", async () => {
    const error = await page.evaluate(
      async ({ fixed, p }) => {
        const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => Promise<unknown>> }).registered["TVFOG.VA"] as (...x: unknown[]) => Promise<unknown>;
        try {
          await f(fixed[0], fixed[1], fixed[2], fixed[3], -1, fixed[5], fixed[6], fixed[7], p, {});
          return null;
        } catch (e) {
          return { code: (e as { code: string }).code, message: (e as Error).message };
        }
      },
      { fixed, p: pairs() },
    );
    expect(error).toEqual({ code: "#VALUE!", message: expect.stringMatching(/^a: -1 is not a mean reversion speed/) });
  });
});
