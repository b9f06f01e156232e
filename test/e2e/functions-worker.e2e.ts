import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { callFunction } from "../../src/functions/registry";
import { readRange } from "../triangles";
import { E2E_DIST, functionsPage, haveBrowser, launchChromium } from "./browser";
import { serve } from "./server";

/**
 * The production bundle of the custom functions in a real browser (Debian's Chromium): functions.js is
 * loaded with a stand-in CustomFunctions global (as Excel's runtime provides it), MCEV.PROJECTPV is
 * called, and the call must run in a Web Worker and give the same numbers as the registry in Node.
 */
const dist = E2E_DIST;
const browserPresent = haveBrowser("the real-browser tests");
const PAGE = functionsPage("functions e2e");

const tables = (...names: string[]) => names.flatMap((n) => [n, readRange(`examples/assumptions/${n}.csv`)]);
const points = readRange("examples/projection/term_points.csv");
const args = [points, ...tables("mortality", "lapse", "expenses", "commission", "zero_curve"), "currency", "EUR"];

describe.skipIf(!browserPresent)("custom functions in headless Chromium", () => {
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
    await page.waitForFunction(() => "PROJECTPV" in (window as unknown as { registered: object }).registered);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("registers every function of the registry with Excel's runtime", async () => {
    const ids = await page.evaluate(() => Object.keys((window as unknown as { registered: object }).registered));
    expect(ids).toEqual(expect.arrayContaining(["DF", "ZERO", "PVFP", "PROJECT", "PROJECTPV", "CHAINLADDER", "MACK", "BOOTSTRAP"]));
  });

  it("MCEV.PROJECTPV runs in a Web Worker and matches the registry in Node", async () => {
    const before = workers.length;
    const result = await page.evaluate(async (a) => {
      const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => Promise<unknown>> }).registered.PROJECTPV as (...x: unknown[]) => Promise<unknown>;
      const [mp, ...rest] = a;
      return f(mp, rest, {});
    }, args);
    expect(workers.length).toBeGreaterThan(before);
    const expected = callFunction("PROJECTPV", args) as (string | number)[][];
    const got = result as (string | number)[][];
    expect(got.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
    got.slice(1).forEach((row, k) => {
      const e = expected[k + 1]?.[1] as number;
      expect(Math.abs((row[1] as number) - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
    });
  });

  it("a bad argument comes back as #VALUE! with the message, from the worker", async () => {
    const error = await page.evaluate(async (a) => {
      const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => Promise<unknown>> }).registered.PROJECT as (...x: unknown[]) => Promise<unknown>;
      try {
        await f(a[0], ["mortalty", a[2]], {});
        return null;
      } catch (e) {
        return { code: (e as { code: string }).code, message: (e as Error).message };
      }
    }, args);
    expect(error).toEqual({ code: "#VALUE!", message: expect.stringMatching(/^tables: pair 1: unknown name "mortalty"/) });
  });

  it("cancelling a call terminates its worker and rejects", async () => {
    const outcome = await page.evaluate(async (a) => {
      const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => Promise<unknown>> }).registered.PROJECT as (...x: unknown[]) => Promise<unknown>;
      const invocation: { onCanceled?: () => void } = {};
      const [mp, ...rest] = a;
      const pending = f(mp, rest, invocation);
      invocation.onCanceled?.();
      try {
        await pending;
        return "resolved";
      } catch {
        return "rejected";
      }
    }, args);
    expect(outcome).toBe("rejected");
  });

  it("a large projection (40,000 model points) is split across several Web Workers and merged: same numbers as Node", async () => {
    const big = [points[0] as unknown[], ...Array.from({ length: 40_000 }, (_, k) => [k + 1, "TERM", 25 + (k % 35), 1 + (k % 5), 1 + (k % 3), 50_000 + 1000 * (k % 97), 12 * (k % 3), 20 + (k % 50)])];
    const bigArgs = [big, ...args.slice(1)];
    const before = workers.length;
    const result = await page.evaluate(async (a) => {
      const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => Promise<unknown>> }).registered.PROJECTPV as (...x: unknown[]) => Promise<unknown>;
      const [mp, ...rest] = a;
      return f(mp, rest, {});
    }, bigArgs);
    expect(workers.length - before).toBeGreaterThanOrEqual(2);
    const expected = callFunction("PROJECTPV", bigArgs as never) as (string | number)[][];
    (result as (string | number)[][]).slice(1).forEach((row, k) => {
      const e = expected[k + 1]?.[1] as number;
      expect(Math.abs((row[1] as number) - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
    });
  });

  it("synchronous functions answer directly: MCEV.DF", async () => {
    const df = await page.evaluate(() => {
      const f = (window as unknown as { registered: Record<string, (...x: unknown[]) => unknown> }).registered.DF as (...x: unknown[]) => unknown;
      return f([[5], [10]], [[0.02], [0.025]], [[0], [5]]);
    });
    expect(df).toEqual(callFunction("DF", [[[5], [10]], [[0.02], [0.025]], [[0], [5]]]));
  });
});
