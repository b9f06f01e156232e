import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAssumptionSet, TABLE_NAMES } from "../../src/core/assumptions";
import { MARKET_READERS } from "../../src/taskpane/assumptions/market";
import { createAssumptionTables, readAssumptionTables } from "../../src/taskpane/assumptions/tables";
import { TEMPLATES, templateFor } from "../../src/taskpane/assumptions/templates";
import { locate, validateTable, validateWorkbook } from "../../src/taskpane/assumptions/validate";
import { columnLetters, parseAddress } from "../../src/taskpane/workbook/address";
import { MemoryWorkbook } from "../../src/taskpane/workbook/memoryWorkbook";

const root = join(__dirname, "..", "..");
const yes = async () => true;
const no = async () => false;

describe("assumption table templates", () => {
  it("the standard tables, named as the engine names them, plus the market tables and the valuation parameters", () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual([
      "model_points", "mortality", "mortality_improvement", "lapse", "expenses", "commission", "reinsurance", "capital",
      "zero_curve", "equity_volatility", "swaption_volatility", "fx_rates", "tax", "premium_rates", "yrt_rates", "valuation",
    ]);
    for (const t of TEMPLATES.filter((x) => x.kind === "engine")) expect(TABLE_NAMES).toContain(t.name);
    expect(templateFor("valuation")?.kind).toBe("valuation");
  });

  const csvLines = (...path: string[]) => readFileSync(join(root, "examples", ...path), "utf8").trim().split(/\r?\n/);
  const cells = (line: string) => line.split(",").map((x) => (Number.isFinite(Number(x)) && x !== "" ? Number(x) : x));

  it("engine templates hold exactly the sample CSV files of examples/assumptions", () => {
    for (const t of TEMPLATES.filter((x) => x.kind === "engine")) {
      const lines = csvLines("assumptions", `${t.name}.csv`);
      expect(t.rows).toHaveLength(lines.length - 1);
      expect(t.header.join(",")).toBe(lines[0]);
      expect(t.rows.at(-1)).toEqual(cells(lines.at(-1) as string));
    }
  });

  it("capital: the sample's basis and its regulatory minimum basis (RC at 150% of it), as the reinsurer sample's", () => {
    const capital = templateFor("capital")!;
    const reinsurer = Object.fromEntries(csvLines("reinsurer", "capital.csv").slice(1).map((l) => cells(l) as [string, number]));
    expect(capital.header.slice(2)).toEqual(["minimum_reserve_share", "minimum_sum_at_risk_share"]);
    expect(capital.rows[0]?.slice(2)).toEqual([reinsurer.minimum_reserve_share, reinsurer.minimum_sum_at_risk_share]);
    expect(readAssumptionSet({ capital }).capital?.minimum).toEqual({ capitalReserveShare: 0.0267, capitalSumAtRiskShare: 0.002 });
  });

  it("valuation: the one-entity parameters of examples/valuation/valuation.csv", () => {
    const t = templateFor("valuation")!;
    const lines = csvLines("valuation", "valuation.csv");
    expect(t.header.join(",")).toBe(lines[0]);
    expect(t.rows).toEqual(lines.slice(1).map(cells));
    expect(t.rows.map((r) => r[0])).toEqual(["shareholders_net_worth", "cost_of_capital", "nhr_capital", "frictional_investment_expenses", "currency", "tax_jurisdiction", "valuation_year"]);
  });

  it("the engine reads every engine template as one assumption set, cross checks included", () => {
    const set = readAssumptionSet(Object.fromEntries(TEMPLATES.filter((t) => t.kind === "engine").map((t) => [t.name, { name: t.name, header: t.header, rows: t.rows }])));
    expect(set.zeroCurve?.byCurrency.size).toBe(4);
    expect(set.modelPoints?.points.count).toBe(10);
  });

  it("market tables: seed 003 Tables 11–13 at 31 December 2011", () => {
    const fx = MARKET_READERS.fx_rates?.(templateFor("fx_rates")!) as Map<string, number>;
    expect(Object.fromEntries(fx)).toEqual({ USD: 1.303, GBP: 0.8417, SEK: 9.1039, CAD: 1.3477, CHF: 1.2321 });
    expect(templateFor("equity_volatility")?.rows).toEqual([["S&P 500", 0.263]]);
    const sw = MARKET_READERS.swaption_volatility?.(templateFor("swaption_volatility")!) as { optionTerm: number; volatility: number }[];
    expect(sw.map((r) => [r.optionTerm, r.volatility])).toEqual([[1, 0.451], [2, 0.411], [3, 0.377], [4, 0.357], [5, 0.346], [7, 0.329], [10, 0.311]]);
  });
});

describe("creating the tables in the workbook", () => {
  it("real Excel tables on the Assumptions sheet, side by side under titles, with the sample values", async () => {
    const wb = new MemoryWorkbook();
    const report = await createAssumptionTables(wb, no);
    expect(report.created.map((t) => t.name)).toEqual(TEMPLATES.map((t) => t.name));
    expect(await wb.listSheets()).toEqual(["Sheet1", "Assumptions"]);
    const infos = await wb.listTables();
    expect(infos[0]).toMatchObject({ name: "model_points", sheet: "Assumptions", address: "Assumptions!A2:H12", rowCount: 10, columnCount: 8 });
    expect(infos[1]).toMatchObject({ name: "mortality", address: "Assumptions!J2:P105" });
    expect(wb.book.value("Assumptions!A1")).toBe("Model points");
    expect(wb.book.sheet("Assumptions").cells.get(0)?.bold).toBe(true);
    // no two tables overlap; each is one column apart
    const refs = infos.map((t) => parseAddress(t.address));
    refs.slice(1).forEach((r, k) => expect(r.start.column).toBe((refs[k] as typeof r).end.column + 2));
    const tables = await readAssumptionTables(wb);
    for (const t of TEMPLATES) {
      const got = tables.get(t.name);
      expect(got?.header).toEqual(t.header);
      expect(got?.rows).toEqual(t.rows.map((r) => r.map((c) => c ?? "")));
    }
    expect(wb.book.numberFormats("Assumptions!" + (infos.find((t) => t.name === "lapse")?.address.split("!")[1] ?? "")).at(1)).toEqual(["General", "0.00%"]);
  });

  it("an existing table is replaced only after confirmation; refused → nothing overwritten", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Assumptions"] });
    await wb.createTable({ sheet: "Assumptions", topLeft: "A1", name: "Lapse", header: ["policy_year", "rate"], rows: [[1, 0.2]] });
    await wb.writeValues("Assumptions!D1:D2", [["my note"], [42]]);
    const asked: string[] = [];
    const report = await createAssumptionTables(wb, async (m) => (asked.push(m), false), ["lapse", "tax"]);
    expect(asked).toEqual([expect.stringMatching(/already has the table Lapse\. Replace it/)]);
    expect(report.kept).toEqual(["Lapse"]);
    expect(report.created.map((t) => t.name)).toEqual(["tax"]);
    expect((await wb.readTable("Lapse")).rows).toEqual([[1, 0.2]]);
    expect(await wb.readValues("Assumptions!D1:D2")).toEqual([["my note"], [42]]);
    // the new table went to the right of what the sheet holds
    expect(report.created[0]?.address).toBe("Assumptions!F2:G7");

    const again = await createAssumptionTables(wb, yes, ["lapse"]);
    expect(again.replaced).toEqual(["Lapse"]);
    expect((await wb.readTable("lapse")).rows).toEqual(templateFor("lapse")?.rows);
    expect(await wb.readValues("Assumptions!D1:D2")).toEqual([["my note"], [42]]);
  });
});

describe("validation with the engine's readers", () => {
  it("the sample tables have no problem", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no);
    const report = await validateWorkbook(wb);
    expect(report.problems).toEqual([]);
    expect(report.checked).toHaveLength(TEMPLATES.length);
    expect(report.missing).toEqual([]);
  });

  it("lists every problem, in every table, with the table, row, column and the cell to select", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no);
    const where = async (name: string) => (await wb.listTables()).find((t) => t.name === name)?.address as string;
    // lapse at T2:U7 → row 2 rate is U4; row 4 rate is U6
    expect(await where("lapse")).toBe("Assumptions!T2:U7");
    await wb.writeValues("Assumptions!U4", [[1.5]]);
    await wb.writeValues("Assumptions!U6", [["abc"]]);
    // mortality J2:P105 (Age, 0..5): row 3 (age 20), select year 1 → column L, sheet row 5
    await wb.writeValues("Assumptions!L5", [[-0.1]]);
    // fx_rates: row 2 per_eur
    const fx = parseAddress(await where("fx_rates"));
    const fxCell = `Assumptions!${columnLetters(fx.start.column + 1)}${fx.start.row + 3}`;
    await wb.writeValues(fxCell, [[-1]]);
    // model points: an unknown column (header cell)
    await wb.writeValues("Assumptions!G2", [["sum_insured"]]);

    const { problems } = await validateWorkbook(wb);
    const brief = problems.map((p) => [p.table, p.row, p.column, p.address]);
    expect(brief).toEqual([
      ["model_points", undefined, "sum_insured", "Assumptions!G2"],
      ["mortality", 3, "1", "Assumptions!L5"],
      ["lapse", 2, "rate", "Assumptions!U4"],
      ["lapse", 4, "rate", "Assumptions!U6"],
      ["fx_rates", 2, "per_eur", fxCell],
    ]);
    expect(problems[2]?.message).toBe("lapse: row 2, column rate: 1.5 is not a rate between 0 and 1 (a decimal: 0.05 for 5%)");
    expect(problems[3]?.message).toBe('lapse: row 4, column rate: "abc" is not a rate between 0 and 1 (a decimal: 0.05 for 5%)');
    expect(problems[4]?.message).toMatch(/^fx_rates: row 2, column per_eur: -1 is not an exchange rate > 0/);
    expect(problems[0]?.message).toMatch(/^model_points: has a column "sum_insured" it does not know/);
  });

  it("several problems in one column of a keyed table (ages): each reported once, no spurious ones", () => {
    const t = templateFor("mortality")!;
    const rows = t.rows.map((r) => [...r]);
    (rows[5] as unknown[])[3] = "x";
    (rows[40] as unknown[])[0] = "forty";
    (rows[60] as unknown[])[6] = 2;
    const problems = validateTable("mortality", { name: "mortality", header: t.header, rows });
    expect(problems.map((p) => [p.row, p.column])).toEqual([[6, "2"], [41, "Age"], [61, "5"]]);
  });

  it("a cross-table problem: a model point older than the mortality table", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no, ["model_points", "mortality"]);
    await wb.writeValues("Assumptions!D3", [[115]]);
    const { problems } = await validateWorkbook(wb);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ table: "model_points", row: 1, column: "age_at_entry", address: "Assumptions!D3" });
    expect(problems[0]?.message).toMatch(/outside the mortality table's ages 18\.\.120/);
  });

  it("the valuation table: read by the core's groupInputFromTables, each problem at its parameter's cell", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no);
    const at = parseAddress((await wb.listTables()).find((t) => t.name === "valuation")?.address as string);
    const cell = (parameter: string) => {
      const r = (templateFor("valuation")?.rows ?? []).findIndex((row) => row[0] === parameter);
      return `Assumptions!${columnLetters(at.start.column + 1)}${at.start.row + 2 + r}`;
    };
    await wb.writeValues(cell("cost_of_capital"), [[1.5]]);
    await wb.writeValues(cell("shareholders_net_worth"), [["lots"]]);
    const { problems } = await validateWorkbook(wb);
    // in the reader's order (the core's schema: cost_of_capital before shareholders_net_worth)
    expect(problems.map((p) => [p.table, p.row, p.column, p.address])).toEqual([
      ["valuation", 2, "value", cell("cost_of_capital")],
      ["valuation", 1, "value", cell("shareholders_net_worth")],
    ]);
    expect(problems[0]?.message).toMatch(/^valuation: row 2, column value: 1\.5 is not a rate/);
    expect(problems[1]?.message).toBe('valuation: row 1, column value: "lots" is not a finite number (shareholders_net_worth)');
    await wb.writeValues(cell("cost_of_capital"), [[0.04]]);
    await wb.writeValues(cell("shareholders_net_worth"), [[25_000_000]]);

    // against the other tables: a currency without a curve, a jurisdiction without a tax rate
    await wb.writeValues(cell("currency"), [["JPY"]]);
    let report = await validateWorkbook(wb);
    expect(report.problems.map((p) => [p.table, p.row, p.address])).toEqual([["valuation", 5, cell("currency")]]);
    expect(report.problems[0]?.message).toMatch(/^valuation: row 5, column value: zero_curve: has no curve for JPY; it has EUR, USD, GBP/);
    await wb.writeValues(cell("currency"), [["EUR"]]);
    await wb.writeValues(cell("tax_jurisdiction"), [["Spain"]]);
    report = await validateWorkbook(wb);
    expect(report.problems.map((p) => [p.row, p.address])).toEqual([[6, cell("tax_jurisdiction")]]);
    expect(report.problems[0]?.message).toMatch(/tax: has no rate for "Spain"; it has FRANCE, GERMANY/);
    await wb.writeValues(cell("tax_jurisdiction"), [["France"]]);
    expect((await validateWorkbook(wb)).problems).toEqual([]);
  });

  it("the valuation table: missing parameters, a reporting unit the run refuses, an absent table", () => {
    const t = templateFor("valuation")!;
    const without = (name: string) => ({ name: "valuation", header: t.header, rows: t.rows.filter((r) => r[0] !== name) });
    expect(validateTable("valuation", without("currency"))[0]?.message).toMatch(/^valuation: has no row "currency"/);
    expect(validateTable("valuation", without("cost_of_capital"))[0]?.message).toMatch(/^valuation: has no row for "cost_of_capital"/);
    const unit = validateTable("valuation", { name: "valuation", header: t.header, rows: [...t.rows, ["reporting_unit", 500]] });
    expect(unit.map((p) => [p.row, p.column, p.message])).toEqual([[8, "value", "valuation: row 8, column value: 500 is not 1, 1000 or 1000000 (reporting_unit)"]]);
    expect(validateTable("valuation", { name: "valuation", header: t.header, rows: [...t.rows, ["reporting_unit", 1_000_000]] })).toEqual([]);
  });

  it("the valuation table is reported missing when the workbook has none", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no, ["lapse"]);
    expect((await validateWorkbook(wb)).missing).toContain("valuation");
  });

  it("locates the readers' messages", () => {
    expect(locate('row 3, column "2": -0.1 is not a probability')).toEqual({ row: 3, column: "2" });
    expect(locate("row 7: something")).toEqual({ row: 7 });
    expect(locate("column 2 has a blank header; its columns are a, (blank)")).toEqual({ columnIndex: 1, header: true });
    expect(locate('has two columns for rate: "rate" and "Rate"')).toEqual({ column: "Rate", header: true });
    expect(locate("has no rows of data under its header")).toEqual({ header: true });
  });
});
