import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HeaderTable } from "../../src/core/projection/table";
import { groupInputFromTables } from "../../src/core/valuation/groupTables";
import { runSensitivities, type SensitivityRun } from "../../src/core/valuation/sensitivities";
import { MCEV_SENSITIVITIES, TEV_SENSITIVITIES } from "../../src/core/valuation/standardSensitivities";
import { toJson, type AssumptionSetData } from "../../src/taskpane/assumptions/io";
import { entryXml } from "../../src/taskpane/workbook/officeWorkbook";
import { E2E_DIST, haveBrowser, launchChromium, ROOT } from "./browser";
import { serve } from "./server";
import { modelValue } from "./taskpaneModel";

/**
 * The production build of the task pane in a real browser (Debian's Chromium, 320 px wide like Excel's
 * default pane): office.js is answered with a FAKE Office host backed by an in-memory workbook
 * (fakeOfficeHost.ts, bundled here with esbuild), so the pane's Office.js code runs as in Excel. The
 * test clicks through: creates the assumption tables, validates them (a problem's link selects its
 * cell), runs a workbook-run sensitivity set on a small formula model and checks the result sheet,
 * cancels a run and checks that no cell changed, recovers an interrupted run, runs the engine's base
 * case and 18 standard sensitivities from the Runs tab in the Web Worker and checks the result sheet
 * against the core run here in Node on the same tables, cancels an engine run and checks that no cell
 * changed, times the worker's runs (printed), and saves screenshots of the pane to
 * build/screenshots/taskpane.png (Workbook runs) and taskpane-runs.png (Runs, after the engine run).
 */
const root = ROOT;
const out = E2E_DIST;
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const browserPresent = haveBrowser("the task pane's real-browser tests");

interface Fake {
  book: {
    value(a: string): unknown;
    values(a: string): unknown[][];
    formulas(a: string): unknown[][];
    select(a: string): void;
    setValues(a: string, v: unknown[][]): void;
    sheetNames(): string[];
    selection: string;
    tables: { name: string; sheet: string }[];
    charts: { sheet: string; title: string; source: string }[];
    calculationMode: string;
  };
  xmlParts: Map<string, string>;
  calcDelayMs: number;
  requests: number;
  snapshot(sheet: string): Record<string, unknown>;
  tableCells(): { name: string; cells: unknown[][] }[];
}
type W = { __fakeExcel: Fake; mcevTaskpane: { runJob(job: unknown, options?: unknown): Promise<unknown> } };

describe.skipIf(!browserPresent)("task pane in headless Chromium with a fake Office host", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: Awaited<ReturnType<typeof serve>>;
  let fakeHost: string;
  const workers: string[] = [];
  const errors: string[] = [];

  const open = async (setup?: unknown): Promise<Page> => {
    const p = await context.newPage();
    p.on("worker", (w) => workers.push(w.url()));
    p.on("pageerror", (e) => errors.push(e.message));
    if (setup !== undefined) await p.addInitScript((s) => ((window as unknown as { __fakeExcelSetup: unknown }).__fakeExcelSetup = s), setup);
    await p.goto(`${server.url}/taskpane.html`);
    await p.getByText("Running in Excel (OfficeOnline).").waitFor();
    return p;
  };
  const fake = <T>(p: Page, f: (x: Fake) => T): Promise<T> => p.evaluate(`(${f.toString()})(window.__fakeExcel)`) as Promise<T>;

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(__dirname, "fakeOfficeHost.ts")], bundle: true, format: "iife", platform: "browser", target: "es2022", write: false, logLevel: "silent" });
    fakeHost = bundle.outputFiles[0]?.text ?? "";
    server = await serve(out, {});
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true });
    // office.js comes from the fake host; nothing else may leave localhost
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: fakeHost });
      if (url.startsWith(server.url)) return route.continue();
      return route.abort();
    });
    page = await open();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("creates the standard assumption tables as Excel tables", async () => {
    await page.getByRole("button", { name: "Create standard tables" }).click();
    await page.getByText(/16 tables created on Assumptions/).waitFor();
    const tables = await fake(page, (x) => x.book.tables.map((t) => `${t.sheet}!${t.name}`));
    expect(tables).toHaveLength(16);
    expect(tables).toContain("Assumptions!mortality");
    expect(tables).toContain("Assumptions!fx_rates");
    expect(tables).toContain("Assumptions!valuation");
    expect(await fake(page, (x) => x.book.values("Assumptions!A2:C3"))).toEqual([["policy_id", "product", "sex"], [1, "TERM", "M"]]);
  });

  it("validates: no problems, then a bad cell is listed and its link selects it", async () => {
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByText("No problems in 16 tables.").waitFor();
    await fake(page, (x) => x.book.setValues("Assumptions!U4", [[1.5]])); // lapse, row 2, rate
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByText("1 problem in 1 of 16 tables.").waitFor();
    const link = page.getByRole("button", { name: "lapse, row 2, column rate" });
    await link.click();
    await expect.poll(() => fake(page, (x) => x.book.selection)).toBe("Assumptions!U4");
    await fake(page, (x) => x.book.setValues("Assumptions!U4", [[0.08]]));
  });

  it("asks before replacing existing tables; Cancel leaves them as they are", async () => {
    await fake(page, (x) => x.book.setValues("Assumptions!U3", [[0.11]])); // the user's own lapse rate
    await page.getByRole("button", { name: "Create standard tables" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText(/already has the tables model_points, mortality/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByText(/0 tables created.*kept as they were: model_points/).waitFor();
    expect(await fake(page, (x) => x.book.value("Assumptions!U3"))).toBe(0.11);
    expect(await fake(page, (x) => x.book.tables.length)).toBe(16);
    await fake(page, (x) => x.book.setValues("Assumptions!U3", [[0.1]]));
  });

  it("keyboard: arrow keys move between the sections, Enter opens one and presses buttons", async () => {
    await page.getByRole("tab", { name: "Assumptions" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("tab", { name: "Runs", exact: true }).getAttribute("aria-selected")).toBe("true");
    // the engine run is there: the MCEV set is ticked by default
    expect(await page.getByRole("button", { name: /^Run 11 sensitivities$/ }).isEnabled()).toBe(true);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    const validate = page.getByRole("button", { name: "Validate" });
    await validate.focus();
    await page.keyboard.press("Enter");
    await page.getByText("No problems in 16 tables.").waitFor();
  });

  it("a workbook run on a formula model: the result sheet holds the model's values, the inputs are back", async () => {
    await page.getByRole("tab", { name: "Workbook runs" }).click();
    const pick = async (address: string, button: string) => {
      await fake(page, new Function("x", `x.book.select(${JSON.stringify(address)})`) as (x: Fake) => void);
      await page.getByRole("button", { name: button }).click();
    };
    await pick("Model!B2", "Add selected cells as input");
    await pick("Model!B3", "Add selected cells as input");
    await pick("Model!D2:D4", "Add selected cells as input");
    await pick("Model!B10", "Add selected cell as output");
    await pick("Model!B11", "Add selected cell as output");
    const inputs = page.getByRole("list", { name: "Inputs" });
    await expect.poll(async () => (await inputs.getByRole("textbox").all()).length).toBe(6);
    expect(await inputs.getByRole("textbox").nth(0).inputValue()).toBe("rate"); // named from the cell on its left
    expect(await inputs.getByRole("textbox").nth(5).inputValue()).toBe("Model!D2:D4");
    await page.getByRole("button", { name: "Add standard shocks" }).click();
    const shocks = page.getByRole("list", { name: "Sensitivities" }).getByRole("listitem");
    await expect.poll(() => shocks.count()).toBe(6);

    const before = await fake(page, (x) => x.snapshot("Model"));
    await page.getByRole("button", { name: "Run workbook sensitivities" }).click();
    await page.getByText(/Done: 6 sensitivities; results on the sheet "Workbook run"/).waitFor();
    expect(await fake(page, (x) => x.snapshot("Model"))).toEqual(before);
    expect(await fake(page, (x) => x.book.calculationMode)).toBe("automatic");

    const cf = [100, 110, 120];
    const base = modelValue(0.03, 0.05, cf);
    const expected: [string, number][] = [
      ["rate +100 bp", modelValue(0.04, 0.05, cf)],
      ["rate −100 bp", modelValue(0.02, 0.05, cf)],
      ["lapse +100 bp", modelValue(0.03, 0.06, cf)],
      ["lapse −100 bp", modelValue(0.03, 0.04, cf)],
      ["Input 3 +10%", modelValue(0.03, 0.05, [110, 121, 132])],
      ["Input 3 −10%", modelValue(0.03, 0.05, [90, 99, 108])],
    ];
    const sheet = await fake(page, (x) => x.book.values("'Workbook run'!A1:D30"));
    const header = sheet.findIndex((r) => r[1] === "value");
    expect(header).toBeGreaterThan(0);
    expect(sheet[0]?.[0]).toBe("Workbook run: sensitivities");
    expect(sheet.slice(2, 7).map((r) => r[0])).toEqual(["Run time", "Assumption set", "Random seed", "Version", "Inputs"]);
    expect(sheet[header]).toEqual(["", "value", "Change", "% Change"]);
    expect(sheet[header + 1]?.slice(0, 2)).toEqual(["Base case", base]);
    expected.forEach(([name, v], k) => {
      const row = sheet[header + 2 + k] as [string, number, number, number];
      expect(row[0]).toBe(name);
      expect(row[1]).toBeCloseTo(v, 10);
      expect(row[2]).toBeCloseTo(v - base, 10);
      expect(row[3]).toBeCloseTo((v - base) / base, 12);
    });
    const vnb = sheet.findIndex((r) => r[1] === "vnb");
    expect((sheet[vnb + 2] as number[])[1]).toBeCloseTo(0.05 * (expected[0] as [string, number])[1], 10);
    const charts = await fake(page, (x) => x.book.charts.map((c) => [c.sheet, c.title]));
    expect(charts).toEqual([["Workbook run", "value: change by sensitivity"], ["Workbook run", "vnb: change by sensitivity"]]);
    expect(await fake(page, (x) => [...x.xmlParts.values()].some((v) => v.includes("workbook-run:pending")))).toBe(false);
  });

  it("the screenshot of the pane", async () => {
    mkdirSync(join(root, "build", "screenshots"), { recursive: true });
    const file = join(root, "build", "screenshots", "taskpane.png");
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file)).toBe(true);
  });

  it("cancel in the middle of a run: no cell changed, no result sheet", async () => {
    await fake(page, (x) => (x.calcDelayMs = 400));
    const before = await fake(page, (x) => x.snapshot("Model"));
    const sheets = await fake(page, (x) => x.book.sheetNames());
    await page.getByRole("button", { name: "Run workbook sensitivities" }).click();
    await page.getByText(/\(2 of 7\)/).waitFor(); // the first sensitivity: rate +100 bp
    await expect.poll(() => fake(page, (x) => x.book.value("Model!B2"))).toBe(0.04); // shocked, being calculated
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("The run was cancelled. The inputs are as they were; no results were written.").waitFor();
    expect(await fake(page, (x) => x.snapshot("Model"))).toEqual(before);
    expect(await fake(page, (x) => x.book.sheetNames())).toEqual(sheets);
    expect(await fake(page, (x) => [...x.xmlParts.values()].some((v) => v.includes("workbook-run:pending")))).toBe(false);
    await fake(page, (x) => (x.calcDelayMs = 0));
  });

  it("an interrupted run found in the workbook is restored when the pane opens", async () => {
    const pending = entryXml("workbook-run:pending", JSON.stringify({ version: 1, startedAt: "2026-03-31T10:00:00.000Z", calculationMode: "automatic", inputs: [{ address: "Model!B2", formulas: [[0.03]] }, { address: "Model!D2:D4", formulas: [[100], [110], [120]] }] }));
    const crashed = await open({ xmlParts: [pending], cells: { "Model!B2": [[0.04]], "Model!D2:D4": [[90], [99], [108]] } });
    await crashed.getByText(/did not finish\. Its inputs \(Model!B2, Model!D2:D4\) were restored\./).waitFor();
    expect(await fake(crashed, (x) => [x.book.value("Model!B2"), x.book.values("Model!D2:D4")])).toEqual([0.03, [[100], [110], [120]]]);
    expect(await fake(crashed, (x) => x.xmlParts.size)).toBe(0);
    await crashed.close();
  });

  /** The workbook's assumption tables as the pane reads them, and the core's run on them (computed here, in Node). */
  const workbookTables = async (p: Page): Promise<{ name: string; cells: unknown[][] }[]> => fake(p, (x) => x.tableCells());
  const coreRun = (tables: { name: string; cells: unknown[][] }[]): SensitivityRun => {
    const byName: Record<string, HeaderTable> = {};
    for (const t of tables) {
      if (t.name === "equity_volatility" || t.name === "swaption_volatility") continue; // not read by the engine yet
      const [header = [], ...rows] = t.cells as (string | number | boolean | null)[][];
      byName[t.name === "fx_rates" ? "fx" : t.name] = { name: t.name, header: header.map(String), rows };
    }
    return runSensitivities(groupInputFromTables(byName), [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES]);
  };
  const asSet = (name: string, tables: { name: string; cells: unknown[][] }[]): AssumptionSetData => ({
    name,
    tables: tables.map((t) => ({ name: t.name, header: (t.cells[0] ?? []).map(String), rows: t.cells.slice(1) as (string | number | boolean | null)[][] })),
  });
  const allSheets = (p: Page) => fake(p, (x) => x.book.sheetNames().map((n) => [n, x.snapshot(n)]));

  it("an engine run from the Runs tab: base + the 18 standard sensitivities in the Web Worker; the result sheet holds the core's figures", async () => {
    await page.getByRole("tab", { name: "Runs", exact: true }).click();
    for (const s of TEV_SENSITIVITIES) await page.getByRole("checkbox", { name: s.name, exact: true }).check();
    const run = page.getByRole("button", { name: "Run 18 sensitivities" });
    const workersBefore = workers.length;
    await run.click();
    const done = page.getByText(/Results written to the sheet "MCEV sensitivities"\. Base case .+; base \+ 18 sensitivities .+\./);
    await done.waitFor({ timeout: 60_000 });
    expect(workers.length).toBeGreaterThan(workersBefore); // the run went to a Web Worker

    const core = coreRun(await workbookTables(page));
    const sheet = await fake(page, (x) => x.book.values("'MCEV sensitivities'!A1:D90"));
    expect(sheet.slice(2, 6)).toEqual([["Run time", expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), "", ""], ["Assumption set", "Workbook tables", "", ""], ["Random seed", "none (deterministic run)", "", ""], ["Version", expect.any(String), "", ""]]);
    const keys = { MCEV: "mcev", VNB: "vnb", "Traditional EV": "tev" } as const;
    for (const [output, key] of Object.entries(keys)) {
      const h = sheet.findIndex((r) => r[1] === `${output} (in EUR)`);
      expect(h).toBeGreaterThan(0);
      expect(sheet[h]).toEqual(["", `${output} (in EUR)`, "Change (in EUR)", "% Change"]);
      expect(sheet[h + 1]).toEqual(["Base case", core.base[key], "", ""]);
      core.rows.forEach((r, i) => expect(sheet[h + 2 + i]).toEqual([r.name, r.value[key], r.change[key], r.percent[key] ?? ""]));
    }
    expect(core.base).toEqual({ mcev: 24_829_225.26, vnb: -90_468.41, tev: 24_886_797.78 }); // = mcev run --sensitivities
    const charts = await fake(page, (x) => x.book.charts.filter((c) => c.sheet === "MCEV sensitivities").map((c) => c.title));
    expect(charts).toEqual(["MCEV: change by sensitivity (in EUR)", "VNB: change by sensitivity (in EUR)", "Traditional EV: change by sensitivity (in EUR)"]);

    const meta = Object.fromEntries(sheet.slice(2, 12).map((r) => [r[0], r[1]]));
    console.log(`e2e timing (Chromium Web Worker, fresh worker, from the Runs tab): base case ${String(meta["Duration, base case"])}; base + 18 sensitivities ${String(meta["Duration, base + 18 sensitivities"])}`);

    mkdirSync(join(root, "build", "screenshots"), { recursive: true });
    const file = join(root, "build", "screenshots", "taskpane-runs.png");
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file)).toBe(true);
  });

  it("times the worker: base + 18 sensitivities vs the base case alone (printed)", async () => {
    const set = asSet("Workbook tables", await workbookTables(page));
    const sensitivities = [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES];
    const timings = await page.evaluate(
      async ({ set, sensitivities }) => {
        const out: { all: number[]; allBase: number[]; base: number[] } = { all: [], allBase: [], base: [] };
        const job = (list: unknown[]) => (window as unknown as W).mcevTaskpane.runJob({ kind: "valuation", params: { set, sensitivities: list } }) as Promise<{ timings: { baseMs: number; totalMs: number } }>;
        for (let i = 0; i < 3; i++) {
          const a = await job(sensitivities);
          out.all.push(a.timings.totalMs);
          out.allBase.push(a.timings.baseMs);
          out.base.push((await job([])).timings.totalMs);
        }
        return out;
      },
      { set, sensitivities },
    );
    const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    console.log(`e2e timing (Chromium Web Worker, a fresh worker per run, 3 runs each): base + 18 sensitivities ${ms(timings.all)} ms (their base case ${ms(timings.allBase)} ms); base case alone ${ms(timings.base)} ms`);
    expect(timings.all.every((x) => x > 0)).toBe(true);
  });

  it("cancel an engine run in the middle: rejected at once, no result sheet, no cell changed", async () => {
    // a stored set with a 200 times larger portfolio (2,000 model points), so that the run takes a while
    const tables = await workbookTables(page);
    const big = asSet("large portfolio", tables);
    const mp = big.tables.find((t) => t.name === "model_points")!;
    const rows = mp.rows;
    mp.rows = Array.from({ length: 200 }, (_, k) => rows.map((r) => [k * rows.length + Number(r[0]), ...r.slice(1)])).flat();
    const xml = entryXml("assumption-set:large portfolio", toJson(big));
    await page.evaluate((x) => (window as unknown as W).__fakeExcel.xmlParts.set("{part-large}", x), xml);

    const choice = page.getByRole("combobox", { name: "Assumption set" });
    await choice.focus(); // the list of stored sets is read again
    await choice.selectOption("large portfolio");
    const before = await allSheets(page);
    const charts = await fake(page, (x) => x.book.charts.length);
    // press Cancel the moment the progress bar reaches the second sensitivity (base and the first one done):
    // an observer in the page, since each step lasts less than Playwright's polling interval
    await page.evaluate(() => {
      const w = window as unknown as { __cancelledAt?: string };
      const observer = new MutationObserver(() => {
        const label = Array.from(document.querySelectorAll("label"), (l) => l.textContent ?? "").find((t) => /\(3 of 19\)$/.test(t));
        const cancel = Array.from(document.querySelectorAll("button")).find((b) => b.textContent === "Cancel");
        if (label === undefined || cancel === undefined) return;
        observer.disconnect();
        w.__cancelledAt = label;
        cancel.click();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Run 18 sensitivities" }).click();
    await page.getByText("The run was cancelled; nothing was written.").waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __cancelledAt?: string }).__cancelledAt)).toBe("No mortality improvements (annuities) (3 of 19)");
    expect(await allSheets(page)).toEqual(before);
    expect(await fake(page, (x) => x.book.charts.length)).toBe(charts);
    await choice.selectOption({ label: "The workbook's tables" });
    await page.evaluate(() => (window as unknown as W).__fakeExcel.xmlParts.delete("{part-large}"));
  });

  it("long jobs run in a Web Worker, with progress; cancel rejects at once", async () => {
    const before = workers.length;
    const result = await page.evaluate(async () => {
      const progress: number[] = [];
      const r = await (window as unknown as W).mcevTaskpane.runJob({ kind: "test.sum-of-squares", params: { n: 100_000, steps: 5 } }, { onProgress: (p: { done: number }) => progress.push(p.done) });
      return { r, progress };
    });
    expect(result).toEqual({ r: (100_000 * 100_001 * 200_001) / 6, progress: [1, 2, 3, 4, 5] });
    expect(workers.length).toBeGreaterThan(before);
    const cancelled = await page.evaluate(async () => {
      const controller = new AbortController();
      const t0 = performance.now();
      const run = (window as unknown as W).mcevTaskpane.runJob({ kind: "test.sum-of-squares", params: { n: 4_000_000_000, steps: 1000 } }, { signal: controller.signal, onProgress: () => controller.abort() });
      try {
        await run;
        return "finished";
      } catch (e) {
        return `${(e as Error).name} after ${Math.round(performance.now() - t0) < 60_000 ? "less than a minute" : "too long"}`;
      }
    });
    expect(cancelled).toBe("JobCancelled after less than a minute");
  });

  it("no uncaught errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
