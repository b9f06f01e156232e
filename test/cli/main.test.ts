import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

const ISSUE_EXAMPLE = '=MCEV.ZERO({5;10;15;20;25;30},{0.0173;0.0243;0.0274;0.0275;0.0265;0.0255},{1;7;45},"SMITHWILSON",0.042)';

describe("mcev eval", () => {
  it("prints the spilled result as CSV, one line per row", async () => {
    const r = await run("eval", ISSUE_EXAMPLE);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    lines.forEach((l) => expect(Number(l)).toBeGreaterThan(0.01));
    expect(String(Number(lines[1]))).toBe(lines[1]); // shortest round-trip form
  });

  it("--json prints an array of arrays", async () => {
    const r = await run("eval", "=MCEV.DF({5;10},{0.02;0.025},{0,1})", "--json");
    expect(JSON.parse(r.out)).toEqual([[1, expect.any(Number)]]);
  });

  it("binds --range names to CSV files (blank fields are blank cells) and evaluates nested calls", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "terms.csv"), "5\n10\n15\n");
    writeFileSync(join(dir, "rates.csv"), "0.02\n0.025\n0.027\n");
    writeFileSync(join(dir, "holes.csv"), "0.02\n\n0.027\n");
    const ok = await run("eval", "=MCEV.DF(terms, rates, MCEV.FWD(terms, rates, 1, 2) * 100)", "--range", `terms=${join(dir, "terms.csv")}`, `--range=RATES=${join(dir, "rates.csv")}`);
    expect(ok.code).toBe(0);
    expect(Number(ok.out)).toBeGreaterThan(0.9);
    const bad = await run("eval", "=MCEV.DF(terms, holes, 1)", "--range", `terms=${join(dir, "terms.csv")}`, "--range", `holes=${join(dir, "holes.csv")}`);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe("#VALUE! rates (row 2 of the range): is blank; expected a number\n");
  });

  it("a malformed CSV file is a #VALUE! naming the range and the line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "bad.csv"), '"abc\n');
    const r = await run("eval", "=MCEV.DF(T, 1, 1)", "--range", `T=${join(dir, "bad.csv")}`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^#VALUE! --range T: .*bad\.csv: line 1: /);
  });

  it("an error prints the Excel code and message on stderr and exits 1", async () => {
    const r = await run("eval", "=MCEV.DF({5;10},{0.02;0.025},-1)");
    expect(r).toEqual({ code: 1, out: "", err: "#VALUE! t: -1 is negative; expected a time >= 0 in years\n" });
    const unknown = await run("eval", "=MCEV.NOPE(1)");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^#N\/A unknown function MCEV.NOPE/);
    const syntax = await run("eval", "=MCEV.DF({5;10},{0.02;0.025},1");
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/^#VALUE! formula: /);
  });

  it("usage errors exit 2", async () => {
    expect((await run("eval")).code).toBe(2);
    expect((await run("eval", "=1", "--range", "x")).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
  });
});

describe("mcev demo", () => {
  it("values the life-reinsurer sample, prints Tables 1, 5, 8, 9 and writes the report workbook", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "mcev-")), "demo.xlsx");
    const r = await run("demo", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Table 1: MCEV \(After tax, in EUR millions\)/);
    expect(r.out).toMatch(/US YRT\s+EU quota share\s+UK longevity\s+Total/);
    expect(r.out).toMatch(/New business margin/);
    expect(r.out).toMatch(/Total Group MCEV/);
    expect(r.out).toContain(`Report workbook: `);
    expect(existsSync(out)).toBe(true);
  });

  it("demo curves prints the Table 10 curves, Smith–Wilson discount factors and PVFPs", async () => {
    const r = await run("demo", "curves");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/EUR\s+USD\s+GBP\s+CAD/);
    expect(r.out).toMatch(/10y\s+2\.43%\s+2\.09%\s+2\.36%\s+2\.29%/);
    // the node zero rates come back exactly from the fitted curves
    expect(r.out).toMatch(/zero\(10\)\s+2\.430%\s+2\.090%\s+2\.360%\s+2\.290%/);
    expect(r.out).toMatch(/PVFP of a 40-year run-off/);
  });
});

describe("the installed command", () => {
  it("bin/mcev.cjs runs the bundle (built by npm install / npm test) with real exit codes", () => {
    const bin = join(root, "bin", "mcev.cjs");
    const out = execFileSync(process.execPath, [bin, "eval", ISSUE_EXAMPLE], { encoding: "utf8" });
    expect(out.trimEnd().split("\n")).toHaveLength(3);
    const bad = spawnSync(process.execPath, [bin, "eval", "=MCEV.ZERO({5;10},{0.02},1)"], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^#VALUE! rates: has 1 values but terms has 2/);
  });
});

describe("mcev reserve", () => {
  it("prints the chain-ladder table with origin numbers and a Total row", async () => {
    const r = await run("reserve", join(root, "examples/triangles/raa.csv"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Origin\s+Latest\s+CDF to ultimate\s+Ultimate\s+IBNR/);
    expect(r.out).toMatch(/Total\s+160,987\s+213,122\s+52,135/);
  });

  it("reads a header row and origin labels, and BF with premium and ELR, as JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "tri.csv"), "Origin,12,24,36\n2021,100,150,170\n2022,120,160,\n2023,90,,\n");
    writeFileSync(join(dir, "prem.csv"), "premium\n300\n300\n300\n");
    const text = await run("reserve", join(dir, "tri.csv"));
    expect(text.out).toMatch(/\n {2}2021\s+170/);
    const bf = await run("reserve", join(dir, "tri.csv"), "--method", "bf", "--premium", join(dir, "prem.csv"), "--elr", "0.6", "--json");
    expect(bf.code).toBe(0);
    const rows = JSON.parse(bf.out) as (number | string)[][];
    expect(rows[0]).toEqual(["Latest", "Expected ultimate", "% unreported", "IBNR", "Ultimate"]);
    expect(rows[1]?.[3]).toBe(0);
  });

  it("errors: a missing premium is a usage error (2); a bad triangle a #VALUE! (1)", async () => {
    expect((await run("reserve", join(root, "examples/triangles/raa.csv"), "--method", "bf")).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "bad.csv"), "1,2,3\n4,,6\n7,,\n");
    const r = await run("reserve", join(dir, "bad.csv"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^#VALUE! triangle \(row 2, column 3 of the range\): has a value after a blank/);
  });
});

describe("mcev bench basicterm", () => {
  it("prints the BasicTerm_M total with timing as JSON", async () => {
    const r = await run("bench", "basicterm", "--runs", "1");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { total: number; ms: number; modelPoints: number; steps: number };
    expect(Math.abs(out.total / 14489630.534601545 - 1)).toBeLessThan(1e-12);
    expect(out.modelPoints).toBe(10000);
    expect(out.steps).toBe(241);
    expect(out.ms).toBeGreaterThan(0);
    expect((await run("bench", "nothing")).code).toBe(2);
  });

  it("--threads 2 splits the points across worker threads and adds the parts", async () => {
    const r = await run("bench", "basicterm", "--runs", "1", "--threads", "2");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { total: number; threads: number };
    expect(out.threads).toBe(2);
    expect(Math.abs(out.total / 14489630.534601545 - 1)).toBeLessThan(1e-12);
  });
});

describe("mcev project", () => {
  it("projects the sample portfolio and prints the PV of every line, by product too (JSON)", async () => {
    const r = await run("project", "--model-points", join(root, "examples/assumptions/model_points.csv"), "--assumptions", join(root, "examples/assumptions"), "--tax-jurisdiction", "France", "--valuation-year", "2011", "--currency", "EUR", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { pv: Record<string, number>; groups: { product: string; pvNetCashflow: number }[]; steps: number };
    expect([...new Set(out.groups.map((g) => g.product))].sort()).toEqual(["ANNUITY", "DECREASING_TERM", "QUOTA_SHARE", "TERM", "YRT"]);
    expect(out.groups.reduce((a, g) => a + g.pvNetCashflow, 0)).toBeCloseTo(out.pv.net_cashflow as number, 4);
    expect(out.pv.profit_before_tax).toBeCloseTo((out.pv.net_cashflow as number) + (out.pv.opening_reserve as number), 4);
    expect(out.pv.tax).toBeCloseTo(0.344 * (out.pv.profit_before_tax as number), 4);
  });

  it("a bad table is a #VALUE! naming the table, row and column; missing options exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "mp.csv"), "policy_id,product,age_at_entry,policy_term,policy_count,sum_assured\n1,TERM,40,10,1,-5\n");
    const assumptions = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(assumptions, "lapse.csv"), "policy_year,rate\n1,0.1\n");
    const r = await run("project", "--model-points", join(dir, "mp.csv"), "--assumptions", assumptions);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^#VALUE! model_points: row 1, column sum_assured: -5 is not an amount >= 0/);
    expect((await run("project", "--model-points", join(dir, "mp.csv"))).code).toBe(2);
  });
});

describe("mcev run (one entity)", () => {
  it("values the sample entity with --valuation: Table 1 components that add up, and new business", async () => {
    const r = await run("run", "--assumptions", join(root, "examples/assumptions"), "--valuation", join(root, "examples/valuation/valuation.csv"), "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { tables: Record<string, { columns: string[]; rows: { key: string; values: number[] }[] }> };
    const t1 = out.tables.table1 as { columns: string[]; rows: { key: string; values: number[] }[] };
    const c = Object.fromEntries(t1.rows.map((x) => [x.key, x.values[0] as number]));
    expect(t1.columns).toEqual(["EUR"]);
    expect(c.snw).toBe(25_000_000);
    expect(c.mcev).toBeCloseTo((c.fs as number) + (c.rc as number) + (c.vif as number), 6);
    expect(c.vif).toBeCloseTo((c.pvfp as number) + (c.tvfog as number) + (c.fcrc as number) + (c.cornhr as number), 6);
    expect(c.fcrc).toBeLessThanOrEqual(0);
    expect(c.cornhr).toBeLessThanOrEqual(0);
    expect(out.tables.table5?.rows.find((x) => x.key === "pvnbp")?.values[0]).toBeGreaterThan(0);
  });

  it("a missing parameter is a #VALUE! naming the table; missing options exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "valuation.csv"), "name,value\ncost_of_capital,0.04\nnhr_capital,0\n");
    const r = await run("run", "--assumptions", join(root, "examples/assumptions"), "--valuation", join(dir, "valuation.csv"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^#VALUE! valuation: has no row "shareholders_net_worth"/);
    expect((await run("run")).code).toBe(2);
  });
});

