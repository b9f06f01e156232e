import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvField, fromJson, importFiles, toCsvFiles, toJson, type AssumptionSetData } from "../../src/taskpane/assumptions/io";
import { deleteSet, getSet, listSets, loadSet, resolveSet, saveSet, WORKBOOK_TABLES, workbookSet } from "../../src/taskpane/assumptions/sets";
import { createAssumptionTables } from "../../src/taskpane/assumptions/tables";
import { TEMPLATES } from "../../src/taskpane/assumptions/templates";
import { MemoryWorkbook } from "../../src/taskpane/workbook/memoryWorkbook";

const root = join(__dirname, "..", "..");
const yes = async () => true;
const no = async () => false;
const sample: AssumptionSetData = { name: "sample", tables: TEMPLATES.map((t) => ({ name: t.name, header: t.header, rows: t.rows })) };

describe("CSV and JSON files of a whole assumption set", () => {
  it("CSV fields: shortest numbers, TRUE/FALSE, quotes only when needed", () => {
    expect([0.1, 1e-7, 622000, true, false, null, "", "S&P 500", 'a "b"', "x,y", " pad"].map(csvField)).toEqual(["0.1", "1e-7", "622000", "TRUE", "FALSE", "", "", "S&P 500", '"a ""b"""', '"x,y"', '" pad"']);
  });

  it("CSV export → import gives back every table, cell for cell", () => {
    const files = toCsvFiles(sample);
    expect(files.map((f) => f.fileName)).toContain("mortality.csv");
    const { set, skipped } = importFiles(files.map((f) => ({ name: f.fileName, text: f.content })), "back");
    expect(skipped).toEqual([]);
    expect(set.tables).toEqual(sample.tables);
  });

  it("imports the bundled sample folder (examples/assumptions) as it is", () => {
    const dir = join(root, "examples", "assumptions");
    const files = readdirSync(dir).map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
    const { set, skipped } = importFiles([...files, { name: "notes.txt", text: "x" }, { name: "other.csv", text: "a\n1\n" }], "examples");
    expect(set.tables.map((t) => t.name).sort()).toEqual(files.map((f) => f.name.replace(".csv", "")).sort());
    expect(skipped.map((s) => s.file)).toEqual(["notes.txt", "other.csv"]);
    const lapse = set.tables.find((t) => t.name === "lapse");
    expect(lapse?.rows.slice(0, 2)).toEqual([[1, 0.1], [2, 0.08]]);
  });

  it("JSON export → import; lifelib file names are aliases; two files for one table are refused", () => {
    const json = toJson({ ...sample, savedAt: "2026-01-02T03:04:05.000Z" });
    const { set } = fromJson(json, "file");
    expect(set).toEqual({ ...sample, savedAt: "2026-01-02T03:04:05.000Z" });
    const plain = fromJson(JSON.stringify({ mort_table: [["Age", "q"], [20, 0.001]], nonsense: [[1]] }), "plain");
    expect(plain.set.tables).toEqual([{ name: "mortality", header: ["Age", "q"], rows: [[20, 0.001]] }]);
    expect(plain.skipped).toEqual([{ file: "plain: nonsense", reason: "not an assumption table's name" }]);
    expect(() => fromJson("{", "bad")).toThrow(/bad: not valid JSON/);
    expect(() => fromJson(JSON.stringify({ format: "other" }), "f")).toThrow(/format "other"/);
    expect(() => fromJson(JSON.stringify({ tables: { lapse: { header: ["a"], rows: [[{}]] } } }), "f")).toThrow(/lapse.rows: row 1, cell 1 is \{\}/);
    expect(() => importFiles([{ name: "lapse.csv", text: "policy_year,rate\n1,0.1\n" }, { name: "LAPSE.csv", text: "policy_year,rate\n1,0.1\n" }])).toThrow(/a second file for the lapse table/);
    expect(() => importFiles([{ name: "a.json", text: "{}" }, { name: "lapse.csv", text: "x\n1\n" }])).toThrow(/either one JSON file/);
  });
});

describe("named assumption sets stored in the workbook", () => {
  it("save the workbook's tables as a set, change the tables, load the set back (after confirmation)", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no, ["lapse", "tax"]);
    expect(await saveSet(wb, "base", no, undefined, new Date("2026-03-31T12:00:00Z"))).toBe(true);
    expect(await listSets(wb)).toEqual([{ name: "base", savedAt: "2026-03-31T12:00:00.000Z", tables: ["lapse", "tax"] }]);

    expect((await wb.listTables()).map((t) => t.address)).toEqual(["Assumptions!A2:B7", "Assumptions!D2:E7"]);
    await wb.writeValues("Assumptions!B3", [[0.5]]); // lapse, row 1 rate
    const variant = await workbookSet(wb, "lapse up");
    expect(variant.tables.find((t) => t.name === "lapse")?.rows[0]).toEqual([1, 0.5]);
    await saveSet(wb, "lapse up", no);
    expect((await listSets(wb)).map((s) => s.name)).toEqual(["base", "lapse up"]);

    // declining leaves the tables as they are
    await loadSet(wb, "base", no);
    expect(await wb.readValues("Assumptions!B3")).toEqual([[0.5]]);
    const report = await loadSet(wb, "base", yes);
    expect(report.replaced.sort()).toEqual(["lapse", "tax"]);
    expect(await wb.readValues("Assumptions!B3")).toEqual([[0.1]]);
    // back at their places, under their titles
    expect((await wb.listTables()).map((t) => [t.name, t.address])).toEqual([["lapse", "Assumptions!A2:B7"], ["tax", "Assumptions!D2:E7"]]);
    expect(await wb.readValues("Assumptions!A1:D1")).toEqual([["Lapse", "", "", "Tax"]]);

    // a run chooses a set: the workbook's tables or a stored one
    expect((await resolveSet(wb, WORKBOOK_TABLES)).tables.find((t) => t.name === "lapse")?.rows[0]).toEqual([1, 0.1]);
    expect((await resolveSet(wb, "lapse up")).tables.find((t) => t.name === "lapse")?.rows[0]).toEqual([1, 0.5]);
    await expect(resolveSet(wb, "nope")).rejects.toThrow(/no assumption set "nope"/);
  });

  it("never replaces or deletes a stored set without confirmation", async () => {
    const wb = new MemoryWorkbook();
    await createAssumptionTables(wb, no, ["lapse"]);
    await saveSet(wb, "base", no);
    const before = await wb.store.get("assumption-set:base");
    await wb.writeValues("Assumptions!B3", [[0.3]]);
    expect(await saveSet(wb, "base", no)).toBe(false);
    expect(await wb.store.get("assumption-set:base")).toBe(before);
    expect(await saveSet(wb, "base", yes)).toBe(true);
    expect((await getSet(wb, "base"))?.tables[0]?.rows[0]).toEqual([1, 0.3]);
    expect(await deleteSet(wb, "base", no)).toBe(false);
    expect(await listSets(wb)).toHaveLength(1);
    expect(await deleteSet(wb, "base", yes)).toBe(true);
    expect(await listSets(wb)).toEqual([]);
    await expect(saveSet(wb, "  ", yes)).rejects.toThrow(/give the set a name/);
    await expect(saveSet(new MemoryWorkbook(), "empty", yes)).rejects.toThrow(/no assumption tables/);
  });
});
