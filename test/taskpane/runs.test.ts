import { describe, expect, it } from "vitest";
import { writeResultSheet } from "../../src/taskpane/runs/resultSheet";
import { discardPendingRun, InputsNotRestored, PENDING_RUN_KEY, pendingRun, recoverPendingRun, RunCancelled, runWorkbookSensitivities, specProblems, type RunProgress, type WorkbookRunSpec } from "../../src/taskpane/runs/workbookRun";
import type { MemoryBook } from "../../src/taskpane/workbook/memoryBook";
import { MemoryWorkbook } from "../../src/taskpane/workbook/memoryWorkbook";

/**
 * A small formula model on sheet Model: a rate (B2), a lapse rate that is a FORMULA (B3 = B7/2, B7 = 0.1),
 * three cash flows (D2:D4) and a label (D5). Outputs: the value of the cash flows net of lapses,
 * discounted (B10), and 5% of it (B11). The recalc hook plays Excel's calculation of these formulas.
 */
const value = (rate: number, lapse: number, cf: number[]) => cf.reduce((s, c, t) => s + (c * (1 - lapse) ** (t + 1)) / (1 + rate) ** (t + 1), 0);

function model(book: MemoryBook): void {
  if (book.formulas("Model!B3")[0]?.[0] === "=B7/2") book.setComputed("Model!B3", Number(book.value("Model!B7")) / 2);
  const rate = Number(book.value("Model!B2"));
  const lapse = Number(book.value("Model!B3"));
  if (rate > 0.5) throw new Error("the model does not converge");
  const cf = book.values("Model!D2:D4").map((r) => Number(r[0]));
  const v = value(rate, lapse, cf);
  book.setComputed("Model!B10", v);
  book.setComputed("Model!B11", 0.05 * v);
}

async function modelWorkbook(options: ConstructorParameters<typeof MemoryWorkbook>[0] = {}): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook({ sheets: ["Model"], recalc: model, ...options });
  await wb.writeFormulas("Model!A1:D7", [
    ["input", "", "", "cash flows"],
    ["rate", 0.03, "", 100],
    ["lapse", "=B7/2", "", 110],
    ["", "", "", 120],
    ["", "", "", "note"],
    ["", "", "", ""],
    ["lapse basis", 0.1, "", ""],
  ]);
  await wb.writeFormulas("Model!A10:B11", [["value", "=MODEL(B2,B3,D2:D4)"], ["vnb", "=0.05*B10"]]);
  return wb;
}

const spec: WorkbookRunSpec = {
  inputs: [
    { name: "rate", address: "Model!B2" },
    { name: "lapse", address: "Model!B3" },
    { name: "cash flows", address: "Model!D2:D5" },
  ],
  outputs: [
    { name: "Value", address: "Model!B10" },
    { name: "VNB", address: "Model!B11" },
  ],
  sensitivities: [
    { name: "Interest rates +100 bps", shocks: [{ input: "rate", kind: "add", amount: 0.01 }] },
    { name: "Interest rates -100 bps", shocks: [{ input: "rate", kind: "add", amount: -0.01 }] },
    { name: "Lapse rates -10%", shocks: [{ input: "lapse", kind: "multiply", amount: 0.9 }] },
    { name: "Cash flows -10%, no lapses", shocks: [{ input: "cash flows", kind: "multiply", amount: 0.9 }, { input: "lapse", kind: "set", amount: 0 }] },
  ],
};

const snapshot = (wb: MemoryWorkbook) => JSON.stringify([...wb.book.sheet("Model").cells.entries()].filter(([, c]) => c.formula === undefined || !c.formula.startsWith("=MODEL")));
const inputsOf = (wb: MemoryWorkbook) => [wb.book.formulas("Model!B2:B3"), wb.book.formulas("Model!D2:D5")];

describe("workbook runs on a formula model", () => {
  it("writes each sensitivity, reads the outputs, restores the inputs (formulas too)", async () => {
    const wb = await modelWorkbook();
    const before = inputsOf(wb);
    const progress: RunProgress[] = [];
    const result = await runWorkbookSensitivities(wb, spec, { onProgress: (p) => progress.push(p) });
    const cf = [100, 110, 120];
    expect(result.outputs).toEqual(["Value", "VNB"]);
    expect(result.base[0]).toBeCloseTo(value(0.03, 0.05, cf), 12);
    const expected = [value(0.04, 0.05, cf), value(0.02, 0.05, cf), value(0.03, 0.045, cf), value(0.03, 0, [90, 99, 108])];
    expect(result.rows.map((r) => r.name)).toEqual(spec.sensitivities.map((s) => s.name));
    result.rows.forEach((r, k) => {
      expect(r.values[0]).toBeCloseTo(expected[k] as number, 12);
      expect(r.values[1]).toBeCloseTo(0.05 * (expected[k] as number), 12);
    });
    expect(inputsOf(wb)).toEqual(before);
    expect(wb.book.formulas("Model!B3")).toEqual([["=B7/2"]]);
    expect(wb.book.value("Model!D5")).toBe("note");
    expect(wb.book.value("Model!B10")).toBeCloseTo(value(0.03, 0.05, cf), 12);
    expect(wb.book.calculationMode).toBe("automatic");
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
    expect(progress.map((p) => `${p.done}/${p.total} ${p.label}`)).toEqual(["0/5 Base case", "1/5 Interest rates +100 bps", "2/5 Interest rates -100 bps", "3/5 Lapse rates -10%", "4/5 Cash flows -10%, no lapses", "5/5 Done"]);
  });

  it("saves the originals in the workbook before the first write", async () => {
    const wb = await modelWorkbook();
    const seen: (string | undefined)[] = [];
    wb.book.recalc = (b) => {
      seen.push(b.store.get(PENDING_RUN_KEY));
      model(b);
    };
    await runWorkbookSensitivities(wb, spec);
    const record = JSON.parse(seen[0] as string);
    expect(record.inputs).toEqual([
      { address: "Model!B2", formulas: [[0.03]] },
      { address: "Model!B3", formulas: [["=B7/2"]] },
      { address: "Model!D2:D5", formulas: [[100], [110], [120], [null]] }, // text is never written, so not saved
    ]);
    expect(record.calculationMode).toBe("automatic");
  });

  it("restores the inputs after an error in the model", async () => {
    const wb = await modelWorkbook();
    const before = snapshot(wb);
    const failing: WorkbookRunSpec = { ...spec, sensitivities: [spec.sensitivities[0]!, { name: "Rates +60%", shocks: [{ input: "rate", kind: "add", amount: 0.6 }] }, spec.sensitivities[2]!] };
    await expect(runWorkbookSensitivities(wb, failing)).rejects.toThrow("the model does not converge");
    expect(snapshot(wb)).toBe(before);
    expect(wb.book.calculationMode).toBe("automatic");
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });

  it("restores the inputs after a cancel: no cell changed", async () => {
    const wb = await modelWorkbook();
    const before = snapshot(wb);
    const controller = new AbortController();
    const run = runWorkbookSensitivities(wb, spec, { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort() });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
    expect(snapshot(wb)).toBe(before);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });

  it("cancel while the shocked inputs are in the sheet: restored too", async () => {
    const wb = await modelWorkbook();
    const before = snapshot(wb);
    const controller = new AbortController();
    wb.book.recalc = (b) => {
      model(b);
      if (b.value("Model!B2") === 0.04) controller.abort(); // during the first sensitivity's calculation
    };
    await expect(runWorkbookSensitivities(wb, spec, { signal: controller.signal })).rejects.toBeInstanceOf(RunCancelled);
    expect(snapshot(wb)).toBe(before);
  });

  it("a crash in the middle (Excel stops answering): the originals stay in the workbook and are restored on the next open", async () => {
    let dead = false;
    const wb = await modelWorkbook({
      beforeCall: (op, args) => {
        if (dead) throw new Error("Excel is not responding");
        if (op === "recalculate" && wb.book.value("Model!D2") === 90) dead = true; // after writing the 4th sensitivity
        void args;
      },
    });
    const pristine = inputsOf(wb);
    await expect(runWorkbookSensitivities(wb, spec, { restoreRetryMs: [1, 1] })).rejects.toThrow(/Excel is not responding.*Restore inputs now/);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(true);
    expect(wb.book.value("Model!D2")).toBe(90); // shocked values left behind by the crash
    expect(wb.book.calculationMode).toBe("manual");

    // the workbook is opened again: a new pane on the same book
    const reopened = new MemoryWorkbook({ book: wb.book });
    await expect(runWorkbookSensitivities(reopened, spec)).rejects.toThrow(/interrupted/);
    const recovered = await recoverPendingRun(reopened);
    expect(recovered?.inputs).toEqual(["Model!B2", "Model!B3", "Model!D2:D5"]);
    expect(inputsOf(reopened)).toEqual(pristine);
    expect(reopened.book.calculationMode).toBe("automatic");
    expect(reopened.book.store.has(PENDING_RUN_KEY)).toBe(false);
    expect(await recoverPendingRun(reopened)).toBeUndefined();
  });

  it("refuses a run it cannot do safely, before touching anything", async () => {
    expect(specProblems({ inputs: [], outputs: [], sensitivities: [] })).toEqual(["pick at least one input cell or range", "pick at least one output cell", "define at least one sensitivity"]);
    const bad: WorkbookRunSpec = {
      inputs: [{ name: "a", address: "Model!B2:B3" }, { name: "b", address: "Model!B3" }, { name: "c", address: "B9" }],
      outputs: [{ name: "out", address: "Model!B10:B11" }, { name: "in", address: "Model!B2" }],
      sensitivities: [{ name: "s", shocks: [{ input: "zz", kind: "add", amount: 1 }] }],
    };
    expect(specProblems(bad)).toEqual([
      "c: B9 names no sheet",
      "output out: Model!B10:B11 is not one cell",
      "inputs a and b overlap",
      "output in lies inside input a",
      'sensitivity s: no input named "zz"',
    ]);
    const wb = await modelWorkbook();
    const writes = wb.book.writeCount;
    await expect(runWorkbookSensitivities(wb, bad)).rejects.toThrow(/cannot start/);
    expect(wb.book.writeCount).toBe(writes);
  });
});

describe("workbook runs write only the cells they shock (Excel parses what is written)", () => {
  it("the in-memory workbook parses strings written as formulas like Excel; null in a patch leaves a cell alone", async () => {
    const wb = new MemoryWorkbook({ sheets: ["S"] });
    await wb.writeFormulas("S!A1:F1", [["007", "5%", "1,234.5", "'007", "TRUE", "note"]]);
    expect(wb.book.values("S!A1:F1")).toEqual([[7, 0.05, 1234.5, "007", true, "note"]]);
    await wb.patchFormulas("S!A1:F1", [[null, 2, null, null, null, "=A1*2"]]);
    expect(wb.book.formulas("S!A1:F1")).toEqual([[7, 2, 1234.5, "007", true, "=A1*2"]]);
  });

  it("text cells such as \"007\" inside an input survive a run unchanged, and the next run can start", async () => {
    const wb = await modelWorkbook();
    await wb.writeFormulas("Model!D5", [["'007"]]); // typed as '007: the text 007
    await wb.writeFormulas("Model!D6", [["'2011"]]);
    const cashFlows: WorkbookRunSpec = { ...spec, inputs: [...spec.inputs.slice(0, 2), { name: "cash flows", address: "Model!D2:D6" }] };
    const before = snapshot(wb);
    await runWorkbookSensitivities(wb, cashFlows, { restoreRetryMs: [] });
    expect(wb.book.value("Model!D5")).toBe("007");
    expect(wb.book.value("Model!D6")).toBe("2011");
    expect(snapshot(wb)).toBe(before);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
    await expect(runWorkbookSensitivities(wb, cashFlows, { restoreRetryMs: [] })).resolves.toBeDefined();
  });

  it("an old (version 1) record that saved text cells restores the numbers and leaves the text alone", async () => {
    const wb = await modelWorkbook();
    await wb.writeFormulas("Model!D5", [["'007"]]);
    await wb.writeFormulas("Model!D2", [[90]]);
    wb.book.store.set(PENDING_RUN_KEY, JSON.stringify({ version: 1, startedAt: "2026-03-31T08:00:00.000Z", calculationMode: "automatic", inputs: [{ address: "Model!D2:D5", formulas: [[100], [110], [120], ["007"]] }] }));
    await expect(recoverPendingRun(wb, { restoreRetryMs: [] })).resolves.toMatchObject({ inputs: ["Model!D2:D5"] });
    expect(wb.book.formulas("Model!D2:D5")).toEqual([[100], [110], [120], ["007"]]);
    expect(wb.book.value("Model!D5")).toBe("007");
  });

  it("a record that cannot be restored can be discarded, after confirmation only", async () => {
    const wb = await modelWorkbook();
    wb.book.store.set(PENDING_RUN_KEY, "{damaged");
    await expect(pendingRun(wb)).rejects.toThrow(/damaged/);
    await expect(recoverPendingRun(wb)).rejects.toThrow(/damaged/);
    const asked: string[] = [];
    expect(await discardPendingRun(wb, async (m) => (asked.push(m), false))).toBe(false);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(true);
    expect(asked[0]).toMatch(/^Discard the saved originals of an interrupted workbook run\?/);
    expect(await discardPendingRun(wb, async () => true)).toBe(true);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
    expect(await pendingRun(wb)).toBeUndefined();
    await expect(runWorkbookSensitivities(wb, spec)).resolves.toBeDefined();
  });
});

describe("workbook runs: restore robustness", () => {
  it("transient failures of the restore are retried; the run then ends cleanly", async () => {
    let failures = 0;
    const wb = await modelWorkbook({
      beforeCall: (op, args) => {
        // the write of the 1st sensitivity's originals back and its first retry fail (the user is editing a cell)
        if (op === "patchFormulas" && args[0] === "Model!B2" && wb.book.value("Model!B2") === 0.04 && failures < 2) {
          failures++;
          throw new Error("InvalidOperation: the workbook is busy");
        }
      },
    });
    const before = snapshot(wb);
    await expect(runWorkbookSensitivities(wb, spec, { restoreRetryMs: [1, 1, 1] })).rejects.toThrow(/busy/); // the sensitivity failed …
    expect(failures).toBe(2);
    expect(snapshot(wb)).toBe(before); // … but the final restore's retries put everything back
    expect(wb.book.calculationMode).toBe("automatic");
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });

  it("when the inputs cannot be written back, the calculation mode is still restored and the record kept for \"Restore inputs now\"", async () => {
    let locked = false;
    const wb = await modelWorkbook({
      beforeCall: (op) => {
        if (locked && op === "patchFormulas") throw new Error("The cell or chart is protected");
        if (op === "recalculate" && wb.book.value("Model!B2") === 0.04) locked = true; // the sheet gets protected mid-run
      },
    });
    const pristine = inputsOf(wb);
    await expect(runWorkbookSensitivities(wb, spec, { restoreRetryMs: [1, 1] })).rejects.toThrow(/protected.*restoring also failed.*Restore inputs now/);
    expect(wb.book.calculationMode).toBe("automatic"); // not left in manual
    expect(wb.book.value("Model!B2")).toBe(0.04);
    expect(await pendingRun(wb)).toMatchObject({ inputs: ["Model!B2", "Model!B3", "Model!D2:D5"] });
    await expect(recoverPendingRun(wb, { restoreRetryMs: [1] })).rejects.toBeInstanceOf(InputsNotRestored);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(true);
    locked = false; // unprotected: "Restore inputs now"
    await expect(recoverPendingRun(wb, { restoreRetryMs: [] })).resolves.toBeDefined();
    expect(inputsOf(wb)).toEqual(pristine);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });

  it("cancel does not wait for Excel's calculation to finish", async () => {
    const wb = await modelWorkbook({ calculationMs: 60_000 }); // a model that takes a minute to calculate
    const before = snapshot(wb);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(runWorkbookSensitivities(wb, spec, { signal: controller.signal, restoreRetryMs: [] })).rejects.toBeInstanceOf(RunCancelled);
    expect(snapshot(wb)).toBe(before);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
    expect(wb.book.calculationMode).toBe("automatic");
  });
});

describe("workbook runs refuse inputs they cannot restore, before the first write", () => {
  it("cells of a dynamic-array spill (anchor or spilled into)", async () => {
    const wb = await modelWorkbook();
    wb.book.markSpill("Model!D2:D4", "=SEQUENCE(3,1,100,10)");
    const writes = wb.book.writeCount;
    await expect(runWorkbookSensitivities(wb, spec)).rejects.toThrow(
      "The run cannot start: input cash flows: Model!D2 (spills), Model!D3 (spilled from Model!D2), Model!D4 (spilled from Model!D2) are part of a dynamic-array spill.",
    );
    expect(wb.book.writeCount).toBe(writes);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });

  it("the memory workbook behaves like Excel: a constant written into a spill makes its anchor #SPILL!", () => {
    const wb = new MemoryWorkbook({ sheets: ["S"] });
    wb.book.setValues("S!A1:A3", [[1], [2], [3]]);
    wb.book.markSpill("S!A1:A3", "=SEQUENCE(3)");
    expect(wb.book.formulas("S!A1:A3")).toEqual([["=SEQUENCE(3)"], [2], [3]]);
    wb.book.setFormulas("S!A2", [[5]]);
    expect(wb.book.value("S!A1")).toBe("#SPILL!");
  });

  it("a legacy array formula: Excel refuses the write, the run stops and nothing is changed", async () => {
    const wb = await modelWorkbook();
    wb.book.setValues("Model!F2:F3", [[1], [2]]);
    wb.book.markArrayFormula("Model!F2:F3", "=TRANSPOSE(H2:I2)");
    const before = snapshot(wb);
    const arraySpec: WorkbookRunSpec = { ...spec, inputs: [...spec.inputs, { name: "factor", address: "Model!F2" }], sensitivities: [{ name: "factor +1", shocks: [{ input: "factor", kind: "add", amount: 1 }] }] };
    await expect(runWorkbookSensitivities(wb, arraySpec, { restoreRetryMs: [] })).rejects.toThrow(/can't change part of an array/);
    expect(snapshot(wb)).toBe(before);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });

  it("a record too large for one store request is refused clearly before any write", async () => {
    const wb = await modelWorkbook();
    const writes = wb.book.writeCount;
    await expect(runWorkbookSensitivities(wb, spec, { maxRecordChars: 100 })).rejects.toThrow(/cannot start: the inputs' originals take \d+ characters, more than the 100 .*Pick smaller input ranges/);
    expect(wb.book.writeCount).toBe(writes);
    expect(wb.book.store.has(PENDING_RUN_KEY)).toBe(false);
  });
});

describe("the result sheet", () => {
  const meta = { title: "Sensitivities of MCEV 2011", time: new Date(2026, 2, 31, 9, 5, 7), assumptionSet: "base", seed: 20111231, version: "0.1.0" };

  it("seed 003 Tables 6–7 layout: value, change, % change for MCEV and VNB; metadata; tornado charts", async () => {
    // the published values of Tables 6 and 7 (€m) — changes and % changes must come out as published (to rounding)
    const t6: [string, number, number, number][] = [
      ["Mortality/Morbidity -5% (life insurance)", 4454.6, 1135.4, 0.342],
      ["No mortality improvements (life insurance)", 1734.8, -1584.4, -0.477],
      ["Mortality/Morbidity -5% (annuities)", 3319.7, 0.4, 0.0],
      ["Lapse rates -10%", 3392.0, 72.7, 0.022],
      ["Maintenance expenses -10%", 3383.4, 64.1, 0.019],
      ["Interest rates +100 bps", 3251.5, -67.8, -0.02],
      ["Interest rates -100 bps", 3392.0, 72.7, 0.022],
      ["Equity and property capital values -10%", 3299.1, -20.2, -0.006],
      ["Equity and property implied volatility + 25%", 3316.3, -2.9, -0.001],
      ["Swaption implied volatility + 25%", 3319.0, -0.2, -0.0],
    ];
    const vnb = [172.7, 52.7, 116.3, 132.2, 128.8, 118.1, 125.0, 123.7, 123.7, 123.7];
    const wb = new MemoryWorkbook();
    const out = await writeResultSheet(wb, { outputs: ["MCEV", "VNB"], unit: "€m", base: [3319.3, 123.7], rows: t6.map(([name, v], k) => ({ name, values: [v, vnb[k] as number] })) }, meta);
    expect(out.sheet).toBe("Sensitivities");
    expect(out.charts).toBe(2);
    const sheet = wb.book;
    expect(sheet.values("Sensitivities!A1:B6")).toEqual([
      ["Sensitivities of MCEV 2011", ""],
      ["", ""],
      ["Run time", "2026-03-31 09:05:07"],
      ["Assumption set", "base"],
      ["Random seed", 20111231],
      ["Version", "0.1.0"],
    ]);
    const [mcev, vnbBlock] = out.blocks;
    expect(mcev?.address).toBe("Sensitivities!A8:D19");
    const table6 = sheet.values(mcev!.address);
    expect(table6[0]).toEqual(["", "MCEV (in €m)", "Change (in €m)", "% Change"]);
    expect(table6[1]).toEqual(["Base case", 3319.3, "", ""]);
    t6.forEach(([name, v, d, pct], k) => {
      const row = table6[k + 2] as (string | number)[];
      expect(row[0]).toBe(name);
      expect(row[1]).toBe(v);
      expect(Math.abs((row[2] as number) - d)).toBeLessThanOrEqual(0.1 + 1e-9); // published changes come from unrounded values
      expect(Math.abs((row[3] as number) - pct)).toBeLessThanOrEqual(0.0005 + 1e-9);
    });
    const table7 = sheet.values(vnbBlock!.address);
    expect(table7[0]).toEqual(["", "VNB (in €m)", "Change (in €m)", "% Change"]);
    expect(table7[2]?.[2]).toBeCloseTo(49.0, 9);
    expect(table7[2]?.[3]).toBeCloseTo(0.396, 3);
    expect(table7[9]?.[2]).toBeCloseTo(0, 9); // equity −10%: "−" in the report
    expect(sheet.numberFormats(mcev!.address)[2]).toEqual(["General", "#,##0.0;-#,##0.0;0.0", "+#,##0.0;-#,##0.0;0.0", "+0.0%;-0.0%;0.0%"]);
    // tornado data: sorted by |change|, largest last (on top of Excel's bar chart)
    const chart = sheet.charts[0]!;
    expect(chart).toMatchObject({ sheet: "Sensitivities", title: "MCEV: change by sensitivity (in €m)", type: "barClustered", anchor: "F8" });
    const data = sheet.values(chart.source);
    expect(data[0]).toEqual(["Sensitivity", "Change in MCEV"]);
    expect(data.at(-1)?.[0]).toBe("No mortality improvements (life insurance)");
    expect(data.at(-2)?.[0]).toBe("Mortality/Morbidity -5% (life insurance)");
    expect(sheet.selection).toBe("Sensitivities!A1");
  });

  it("unique sheet names; an existing sheet is written only after confirmation, never silently", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Sensitivities"] });
    await wb.writeValues("Sensitivities!A1", [["my own notes"]]);
    const results = { outputs: ["Value"], base: [100], rows: [{ name: "up", values: [110] }] };
    const a = await writeResultSheet(wb, results, meta);
    const b = await writeResultSheet(wb, results, meta);
    expect([a.sheet, b.sheet]).toEqual(["Sensitivities (2)", "Sensitivities (3)"]);
    const asked: string[] = [];
    const c = await writeResultSheet(wb, results, meta, { into: "Sensitivities", confirm: async (m) => (asked.push(m), false) });
    expect(asked).toEqual(['The sheet "Sensitivities" is not empty. Overwrite A1 with the results?']);
    expect(c.sheet).toBe("Sensitivities (4)");
    expect(wb.book.value("Sensitivities!A1")).toBe("my own notes");
    await wb.writeValues("Sensitivities!Z40:AA41", [["old", 1], ["content", 2]]);
    await wb.addBarChart({ sheet: "Sensitivities", source: "Sensitivities!Z40:AA41", title: "old chart", anchor: "AC40" });
    const d = await writeResultSheet(wb, results, meta, { into: "Sensitivities", confirm: async () => true });
    expect(d.sheet).toBe("Sensitivities");
    expect(wb.book.value("Sensitivities!A1")).toBe("Sensitivities of MCEV 2011");
    // after the confirmation the old content is cleared: only the new results are on the sheet
    expect(wb.book.values("Sensitivities!Z40:AA41")).toEqual([["", ""], ["", ""]]);
    expect(wb.book.charts.filter((c) => c.sheet === "Sensitivities").map((c) => c.title)).toEqual(["Value: change by sensitivity"]);
    expect(await wb.usedRange("Sensitivities")).toBe("Sensitivities!A1:Q10");
  });

  it("a workbook run's results, as written: change = shocked − base", async () => {
    const wb = await modelWorkbook();
    const result = await runWorkbookSensitivities(wb, spec);
    const out = await writeResultSheet(wb, result, { ...meta, title: "Workbook run", assumptionSet: undefined, seed: undefined });
    const rows = wb.book.values(out.blocks[0]!.address);
    expect(rows[1]?.slice(0, 2)).toEqual(["Base case", result.base[0]]);
    expect(rows[2]?.[2]).toBeCloseTo((result.rows[0]!.values[0] as number) - (result.base[0] as number), 12);
    expect(wb.book.values("Sensitivities!A4:B5")).toEqual([["Assumption set", "—"], ["Random seed", "—"]]);
  });
});
