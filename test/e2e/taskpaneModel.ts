import type { MemoryBook } from "../../src/taskpane/workbook/memoryBook";

/**
 * The small formula model of the task pane's browser test, on sheet Model: a rate (B2), a lapse rate
 * (B3), three yearly cash flows (D2:D4); outputs the value of the cash flows net of lapses, discounted
 * (B10), and 5% of it (B11). `recalc` plays Excel's calculation of those two formulas.
 */
export const MODEL_CELLS: (string | number)[][] = [
  ["input", "", "", "cash flows"],
  ["rate", 0.03, "", 100],
  ["lapse", 0.05, "", 110],
  ["", "", "", 120],
];

export function modelValue(rate: number, lapse: number, cashFlows: readonly number[]): number {
  return cashFlows.reduce((s, c, t) => s + (c * (1 - lapse) ** (t + 1)) / (1 + rate) ** (t + 1), 0);
}

export function recalcModel(book: MemoryBook): void {
  if (!book.findSheet("Model")) return;
  const rate = Number(book.value("Model!B2"));
  const lapse = Number(book.value("Model!B3"));
  const cf = book.values("Model!D2:D4").map((r) => Number(r[0]));
  const v = modelValue(rate, lapse, cf);
  book.setComputed("Model!B10", v);
  book.setComputed("Model!B11", 0.05 * v);
}

export function setUpModel(book: MemoryBook): void {
  if (!book.findSheet("Model")) book.addSheet("Model");
  book.setFormulas("Model!A1:D4", MODEL_CELLS);
  book.setFormulas("Model!A10:B11", [["value", "=MODEL(B2,B3,D2:D4)"], ["vnb", "=0.05*B10"]]);
  recalcModel(book);
}
