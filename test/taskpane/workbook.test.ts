import { describe, expect, it } from "vitest";
import { cellAddress, columnIndex, columnLetters, parseAddress, quoteSheet, rangeAddress } from "../../src/taskpane/workbook/address";
import { MemoryWorkbook } from "../../src/taskpane/workbook/memoryWorkbook";
import { entryXml, parseEntryXml } from "../../src/taskpane/workbook/officeWorkbook";
import { rowChunks, sheetNameProblem, tableNameProblem, uniqueSheetName } from "../../src/taskpane/workbook/workbook";

describe("A1 addresses", () => {
  it("column letters both ways, to Excel's last column XFD", () => {
    const cases: [number, string][] = [[0, "A"], [25, "Z"], [26, "AA"], [51, "AZ"], [52, "BA"], [701, "ZZ"], [702, "AAA"], [16383, "XFD"]];
    for (const [n, s] of cases) {
      expect(columnLetters(n)).toBe(s);
      expect(columnIndex(s)).toBe(n);
    }
    expect(() => columnLetters(16384)).toThrow(/XFD/);
    expect(() => columnIndex("XFE")).toThrow(/beyond XFD/);
  });

  it("parses sheet-qualified, quoted and absolute addresses and writes them back", () => {
    expect(parseAddress("Model!$B$2:C5")).toEqual({ sheet: "Model", start: { row: 1, column: 1 }, end: { row: 4, column: 2 } });
    expect(parseAddress("'It''s a model'!D4")).toEqual({ sheet: "It's a model", start: { row: 3, column: 3 }, end: { row: 3, column: 3 } });
    expect(parseAddress("C5:A1", "S")).toEqual({ sheet: "S", start: { row: 0, column: 0 }, end: { row: 4, column: 2 } });
    expect(rangeAddress(parseAddress("'It''s a model'!D4:E9"))).toBe("'It''s a model'!D4:E9");
    expect(rangeAddress(parseAddress("Model!B2"))).toBe("Model!B2");
    expect(quoteSheet("Sheet1")).toBe("Sheet1");
    expect(quoteSheet("MCEV sensitivities")).toBe("'MCEV sensitivities'");
    expect(quoteSheet("A1")).toBe("'A1'");
    expect(cellAddress(1_048_575, 16_383)).toBe("XFD1048576");
    expect(() => parseAddress("B0")).toThrow(/outside Excel's rows/);
    expect(() => parseAddress("nonsense")).toThrow(/not an A1 address/);
  });
});

describe("sheet and table names", () => {
  it("unique sheet names: (2), (3), … compared without case, within 31 characters", () => {
    expect(uniqueSheetName("MCEV sensitivities", [])).toBe("MCEV sensitivities");
    expect(uniqueSheetName("MCEV sensitivities", ["mcev SENSITIVITIES"])).toBe("MCEV sensitivities (2)");
    expect(uniqueSheetName("MCEV sensitivities", ["MCEV sensitivities", "MCEV sensitivities (2)"])).toBe("MCEV sensitivities (3)");
    const long = "A very long sheet name beyond 31 characters";
    const taken = [long.slice(0, 31)];
    expect(uniqueSheetName(long, [])).toHaveLength(31);
    expect(uniqueSheetName(long, taken)).toBe(`${long.slice(0, 27).trimEnd()} (2)`);
    expect(uniqueSheetName("a/b:c", [])).toBe("a b c");
  });

  it("Excel's naming rules", () => {
    expect(sheetNameProblem("Results [1]")).toMatch(/does not allow/);
    expect(sheetNameProblem("x".repeat(32))).toMatch(/31 characters/);
    expect(sheetNameProblem("Assumptions")).toBeUndefined();
    expect(tableNameProblem("mortality")).toBeUndefined();
    expect(tableNameProblem("zero_curve")).toBeUndefined();
    expect(tableNameProblem("AB12")).toMatch(/cell reference/);
    expect(tableNameProblem("1st")).toMatch(/not a table name/);
  });

  it("row chunks stay under the cell limit and cover every row once", () => {
    expect(rowChunks(10, 3, 9)).toEqual([[0, 3], [3, 6], [6, 9], [9, 10]]);
    expect(rowChunks(2, 50, 10)).toEqual([[0, 1], [1, 2]]);
    expect(rowChunks(0, 3, 9)).toEqual([]);
  });
});

describe("the in-memory workbook", () => {
  it("adds sheets with unique names", async () => {
    const wb = new MemoryWorkbook();
    expect(await wb.addSheet("Results")).toBe("Results");
    expect(await wb.addSheet("results")).toBe("results (2)");
    expect(await wb.listSheets()).toEqual(["Sheet1", "Results", "results (2)"]);
    expect(await wb.sheetExists("RESULTS")).toBe(true);
  });

  it("creates a real table: header as text, rows, address; reads it back", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Assumptions"] });
    const info = await wb.createTable({ sheet: "Assumptions", topLeft: "B2", name: "lapse", header: ["policy_year", "rate"], rows: [[1, 0.1], [2, 0.08], [3, null]] });
    expect(info).toEqual({ name: "lapse", sheet: "Assumptions", address: "Assumptions!B2:C5", rowCount: 3, columnCount: 2 });
    expect(await wb.tableNames()).toEqual(["lapse"]);
    const t = await wb.readTable("LAPSE");
    expect(t.header).toEqual(["policy_year", "rate"]);
    expect(t.rows).toEqual([[1, 0.1], [2, 0.08], [3, ""]]);
    await expect(wb.createTable({ sheet: "Assumptions", topLeft: "C3", name: "other", header: ["x"], rows: [[1]] })).rejects.toThrow(/overlaps the table "lapse"/);
    await expect(wb.createTable({ sheet: "Assumptions", topLeft: "H3", name: "Lapse", header: ["x"], rows: [[1]] })).rejects.toThrow(/already exists/);
    await wb.deleteTable("lapse");
    expect(await wb.isBlank("Assumptions!B2:C5")).toBe(true);
  });

  it("numeric headers become text, as in Excel (mortality's select years)", async () => {
    const wb = new MemoryWorkbook();
    await wb.createTable({ sheet: "Sheet1", topLeft: "A1", name: "m", header: ["Age", "0", "1"], rows: [[18, 0.001, 0.002]] });
    wb.book.setValues("Sheet1!B1:C1", [[0, 1]]);
    expect((await wb.readTable("m")).header).toEqual(["Age", "0", "1"]);
  });

  it("keeps formulas apart from values; writing a value replaces a formula", async () => {
    const wb = new MemoryWorkbook();
    await wb.writeFormulas("Sheet1!A1:B1", [[2, "=A1*3"]]);
    wb.book.setComputed("Sheet1!B1", 6);
    expect(await wb.readFormulas("Sheet1!A1:B1")).toEqual([[2, "=A1*3"]]);
    expect(await wb.readValues("Sheet1!A1:B1")).toEqual([[2, 6]]);
    await wb.writeValues("Sheet1!B1", [[7]]);
    expect(await wb.readFormulas("Sheet1!B1")).toEqual([[7]]);
    await expect(wb.writeValues("Sheet1!A1:B1", [[1]])).rejects.toThrow(/1 × 2 cells but 1 × 1/);
  });

  it("chunks large writes into requests of at most maxCellsPerRequest cells", async () => {
    const calls: string[] = [];
    const wb = new MemoryWorkbook({ maxCellsPerRequest: 100, beforeCall: (op, args) => op === "writeValues" && calls.push(String(args[0])) });
    const rows = Array.from({ length: 95 }, (_, r) => [r, 2 * r, 3 * r, 4 * r]);
    await wb.writeValues("Sheet1!A1:D95", rows);
    expect(calls).toEqual(["Sheet1!A1:D25", "Sheet1!A26:D50", "Sheet1!A51:D75", "Sheet1!A76:D95"]);
    expect(await wb.readValues("Sheet1!A95:D95")).toEqual([[94, 188, 282, 376]]);
  });

  it("recalculation hook: outputs as a function of inputs; manual mode waits for recalculate()", async () => {
    const wb = new MemoryWorkbook({ recalc: (b) => b.setComputed("Sheet1!B1", 10 * Number(b.value("Sheet1!A1"))) });
    await wb.writeFormulas("Sheet1!B1", [["=10*A1"]]);
    await wb.writeValues("Sheet1!A1", [[2]]);
    expect(await wb.readValues("Sheet1!B1")).toEqual([[20]]);
    await wb.setCalculationMode("manual");
    await wb.writeValues("Sheet1!A1", [[3]]);
    expect(await wb.readValues("Sheet1!B1")).toEqual([[20]]);
    await wb.recalculate();
    expect(await wb.readValues("Sheet1!B1")).toEqual([[30]]);
  });

  it("store, selection and charts", async () => {
    const wb = new MemoryWorkbook();
    await wb.store.set("set:base", "{}");
    await wb.store.set("pending-run", "x");
    expect(await wb.store.keys("set:")).toEqual(["set:base"]);
    expect(await wb.store.get("pending-run")).toBe("x");
    await wb.store.delete("pending-run");
    expect(await wb.store.get("pending-run")).toBeUndefined();
    const s = await wb.addSheet("Model");
    await wb.select(`${s}!C3:D4`);
    expect(await wb.selectedAddress()).toBe("Model!C3:D4");
    await wb.addBarChart({ sheet: "Model", source: "Model!A1:B3", title: "Tornado", anchor: "E2" });
    expect(wb.book.charts).toEqual([{ sheet: "Model", source: "Model!A1:B3", title: "Tornado", anchor: "E2", type: "barClustered" }]);
  });
});

describe("the Office workbook's store entries (custom XML parts)", () => {
  it("key and value survive the XML, whatever they contain", () => {
    const value = JSON.stringify({ a: '<x y="1">&amp;</x>', b: "line\r\nbreak" });
    const xml = entryXml("set:base & <variant>", value);
    expect(xml.startsWith('<entry xmlns="urn:mcev-toolkit:store:1" key="set:base &amp; &lt;variant&gt;">')).toBe(true);
    expect(parseEntryXml(xml)).toEqual({ key: "set:base & <variant>", value });
    expect(parseEntryXml(`<?xml version="1.0" encoding="utf-8"?>\n${entryXml("k", "")}`)).toEqual({ key: "k", value: "" });
    expect(parseEntryXml("<other/>")).toBeUndefined();
  });
});
