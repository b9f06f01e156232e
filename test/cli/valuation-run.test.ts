import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { evaluateWithRegistry } from "../../src/cli/evaluate";
import { main } from "../../src/cli/main";
import type { CellMatrix, CellValue } from "../../src/functions/cells";

const root = join(__dirname, "..", "..");
const SAMPLE = join(root, "examples", "reinsurer");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, root);
  return { code, out, err };
}

interface Json {
  tables: Record<string, { columns: string[]; rows: { key: string; values: (number | null)[] }[] }>;
}
const values = (j: Json, table: string, key: string) => (j.tables[table]?.rows.find((r) => r.key === key) as { values: (number | null)[] }).values;

function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && "result" in v) return (v.result ?? null) as CellValue;
  return v as CellValue;
}

describe("mcev run on the life-reinsurer sample", () => {
  it("prints Tables 1, 5, 8, 9 and the traditional EV; --json carries every table", async () => {
    const text = await run("run", "--assumptions", SAMPLE);
    expect(text.code).toBe(0);
    for (const title of ["Table 1: MCEV (After tax, in EUR millions)", "Table 5: VNB and new business margin", "Table 8: Reconciliation", "Table 9: Group MCEV", "Traditional embedded value"]) expect(text.out).toContain(title);
    const j = JSON.parse((await run("run", "--assumptions", SAMPLE, "--json")).out) as Json;
    expect(j.tables.table1?.columns).toEqual(["US YRT", "EU quota share", "UK longevity", "Total"]);
    expect(text.out).toContain(`Embedded Value (MCEV)  ${values(j, "table1", "mcev").slice(0, 3).map((x) => (x as number).toFixed(1)).join(" ")}`.split("  ")[0] as string);
  });

  it("--out writes the report workbook: Table 1 on sheet MCEV equals the JSON, and each entity's cash flows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    const out = join(dir, "report.xlsx");
    const r = await run("run", "--assumptions", SAMPLE, "--out", out, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["MCEV", "New business", "IFRS reconciliation", "Group MCEV", "Traditional EV", "Entities", "Cash flows US YRT", "Cash flows EU quota share", "Cash flows UK longevity", "Run"]);
    const ws = wb.getWorksheet("MCEV") as ExcelJS.Worksheet;
    const labels: Record<string, number> = {};
    ws.eachRow((row, n) => (labels[String(row.getCell(1).value)] = n));
    const mcevRow = ws.getRow(labels["Embedded Value (MCEV)"] as number);
    expect([2, 3, 4, 5].map((c) => mcevRow.getCell(c).value)).toEqual(values(j, "table1", "mcev"));
    // cash flows of the US block: first projection year's premiums are positive, the header names the lines
    const cf = wb.getWorksheet("Cash flows US YRT") as ExcelJS.Worksheet;
    expect(cf.getRow(2).getCell(1).value).toBe("year");
    expect(cf.getRow(2).values).toContain("profit_after_tax");
    expect(Number(cf.getRow(3).getCell((cf.getRow(2).values as unknown[]).indexOf("premiums")).value)).toBeGreaterThan(0);
  });

  it("--workbook reads the generated sample workbook and gives the same tables as the CSV folder", async () => {
    const a = JSON.parse((await run("run", "--assumptions", SAMPLE, "--json")).out) as Json;
    const b = JSON.parse((await run("run", "--workbook", join(SAMPLE, "reinsurer.xlsx"), "--json")).out) as Json;
    expect(b.tables).toEqual(a.tables);
  });

  it("shock options: --mortality 0.95 raises the US YRT entity's MCEV", async () => {
    const base = JSON.parse((await run("run", "--assumptions", SAMPLE, "--json")).out) as Json;
    const shocked = JSON.parse((await run("run", "--assumptions", SAMPLE, "--json", "--mortality", "0.95")).out) as Json;
    expect(values(shocked, "table1", "mcev")[0] as number).toBeGreaterThan(values(base, "table1", "mcev")[0] as number);
  });

  it("--sensitivities prints Tables 6-7 and the traditional set; --json gives value, change and % change", async () => {
    const text = await run("run", "--assumptions", SAMPLE, "--sensitivities");
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Table 6: Sensitivities of MCEV \(in EUR millions\)/);
    expect(text.out).toMatch(/Table 7: Sensitivities of VNB/);
    expect(text.out).toMatch(/Mortality\/Morbidity -5% \(annuities\)/);
    const j = JSON.parse((await run("run", "--assumptions", SAMPLE, "--sensitivities", "--json")).out) as { base: { mcev: number }; rows: { id: string; value: { mcev: number }; change: { mcev: number } }[] };
    expect(j.rows).toHaveLength(18);
    const base = JSON.parse((await run("run", "--assumptions", SAMPLE, "--json")).out) as Json;
    expect(j.base.mcev).toBe(values(base, "table1", "mcev").at(-1));
    const lapse = j.rows.find((r) => r.id === "lapse-down");
    expect(lapse?.change.mcev).toBeGreaterThan(0);
    expect((await run("run", "--assumptions", SAMPLE, "--sensitivities", "--lapse", "0.9")).code).toBe(2);
  });

  it("bad input: a currency without an FX rate is a #VALUE! naming it (exit 1); no input is a usage error (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcev-"));
    writeFileSync(join(dir, "valuation.csv"), "name,value\nreporting_currency,EUR\ncost_of_capital,0.04\n");
    writeFileSync(join(dir, "fx.csv"), "currency,rate\nGBP,0.8417\n");
    const r = await run("run", "--assumptions", SAMPLE, "--valuation", join(dir, "valuation.csv"));
    expect(r.code).toBe(0); // no fx table given here: the sample's fx.csv is used
    const { cpSync } = await import("node:fs");
    const copy = join(dir, "sample");
    cpSync(SAMPLE, copy, { recursive: true });
    writeFileSync(join(copy, "fx.csv"), "currency,rate\nGBP,0.8417\n");
    const bad = await run("run", "--assumptions", copy);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^#VALUE! fx: has no rate for USD \(entity US YRT\)/);
    expect((await run("run")).code).toBe(2);
    expect((await run("run", "--assumptions", join(dir, "nowhere"))).code).toBe(2);
  });
});

describe("the sample workbook's =MCEV.* formulas", () => {
  it("are stored as Excel stores add-in functions, reference the input sheets, and re-evaluate to their cached results", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(SAMPLE, "reinsurer.xlsx"));
    const ws = wb.getWorksheet("MCEV formulas") as ExcelJS.Worksheet;
    /** The values of an A1 range reference on a sheet of the workbook. */
    const rangeValues = (sheet: ExcelJS.Worksheet, ref: string): CellMatrix => {
      const [a, b] = ref.replace(/\$/g, "").split(":") as [string, string | undefined];
      const from = sheet.getCell(a);
      const to = sheet.getCell(b ?? a);
      const out: CellMatrix = [];
      for (let r = Number(from.row); r <= Number(to.row); r++) {
        const row: CellValue[] = [];
        for (let c = Number(from.col); c <= Number(to.col); c++) row.push(cellValue(sheet.getCell(r, c).value));
        out.push(row);
      }
      return out;
    };
    let checked = 0;
    const masters: { formula: string; cell: ExcelJS.Cell; ref?: string }[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; shareType?: string; ref?: string } | null;
        if (v && typeof v === "object" && typeof v.formula === "string" && v.formula.startsWith("_xldudf_")) masters.push({ formula: v.formula, cell, ...(v.ref ? { ref: v.ref } : {}) });
      }),
    );
    // one MCEV.TVFOG.VA: the US entity's variable-annuity block
    expect(masters.map((m) => m.formula.match(/^_xldudf_MCEV_[A-Z]+/)?.[0]).sort()).toEqual(
      [...["PROJECTPV", "FCRC", "CORNHR", "COMPONENTS"].flatMap((f) => Array(3).fill(`_xldudf_MCEV_${f}`)), "_xldudf_MCEV_TVFOG"].sort(),
    );
    for (const m of masters) {
      // bind every range reference to a name holding the referenced cells, then evaluate with the registry
      const names = new Map<string, CellMatrix>();
      const text = m.formula
        .replace(/^_xldudf_MCEV_([A-Z_]+)\(/, (_all, name: string) => `MCEV.${name.replace(/_/g, ".")}(`)
        .replace(/(?:'((?:[^']|'')+)'!)?(\$[A-Z]+\$\d+(?::\$[A-Z]+\$\d+)?)/g, (_all, sheet: string | undefined, ref: string) => {
          const name = `R${names.size + 1}`;
          names.set(name, rangeValues(sheet ? (wb.getWorksheet(sheet.replace(/''/g, "'")) as ExcelJS.Worksheet) : ws, ref));
          return name;
        });
      const result = evaluateWithRegistry(text, names);
      const cached = m.ref ? rangeValues(ws, m.ref) : cellValue(m.cell.value);
      if (Array.isArray(result)) {
        expect((cached as CellMatrix).length).toBe(result.length);
        result.forEach((row, i) => row.forEach((x, k) => (typeof x === "number" ? expect((cached as CellMatrix)[i]?.[k]).toBeCloseTo(x, 6) : expect((cached as CellMatrix)[i]?.[k]).toBe(x))));
      } else expect(cached).toBeCloseTo(result as number, 6);
      checked++;
    }
    expect(checked).toBe(13);
  });

  it("COMPONENTS in the workbook gives each entity's MCEV of the run, to the cent", async () => {
    const j = JSON.parse((await run("run", "--assumptions", SAMPLE, "--json")).out) as Json;
    const local = values(j, "local", "mcev");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(SAMPLE, "reinsurer.xlsx"));
    const ws = wb.getWorksheet("MCEV formulas") as ExcelJS.Worksheet;
    const found: number[] = [];
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === "Market consistent embedded value (MCEV)") found.push(Number(cellValue(ws.getCell(Number(cell.row), Number(cell.col) + 1).value)));
    }));
    expect(found).toHaveLength(3);
    found.forEach((x, i) => expect(Math.abs(x - (local[i] as number))).toBeLessThanOrEqual(0.015));
  });
});
