import { columnCount, overlaps, parseAddress, rangeAddress, rowCount, type RangeRef } from "../workbook/address";
import type { CalculationMode, Cell, Cells, Workbook } from "../workbook/workbook";

/**
 * Workbook runs: sensitivities on the user's own formula model. The user picks input cells or ranges
 * and output cells; each sensitivity writes shocked inputs, lets Excel recalculate, reads the outputs
 * and writes the original inputs back. Excel's Data Tables and Goal Seek do not work with custom
 * functions, so this is how what-ifs run on a model built with MCEV.* functions.
 *
 * Safety, in this order:
 * 1. the original inputs (formulas where cells hold formulas, so nothing is flattened to values) and
 *    the calculation mode are saved in the workbook's store BEFORE the first write;
 * 2. after every sensitivity, and in a `finally` (error, cancel), the originals are written back, the
 *    calculation mode restored and the inputs read back and compared;
 * 3. only when they match is the saved record deleted. If Excel or the pane dies in the middle, the
 *    record stays in the workbook and recoverPendingRun restores the inputs the next time the pane opens.
 */
export type ShockKind = "add" | "multiply" | "set";

export interface WorkbookInput {
  name: string;
  /** A cell or a range, with its sheet ("Model!B2:B5"). */
  address: string;
}

export interface WorkbookOutput {
  name: string;
  /** One cell, with its sheet. */
  address: string;
}

/** Every number in the input's cells: + amount ("add"), × amount ("multiply"), or = amount ("set"). */
export interface InputShock {
  input: string;
  kind: ShockKind;
  amount: number;
}

export interface WorkbookSensitivity {
  name: string;
  shocks: InputShock[];
}

export interface WorkbookRunSpec {
  inputs: WorkbookInput[];
  outputs: WorkbookOutput[];
  sensitivities: WorkbookSensitivity[];
}

export interface RunProgress {
  /** Steps finished and the total: the base case, then one per sensitivity. */
  done: number;
  total: number;
  /** What runs now. */
  label: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Switch Excel to manual calculation while inputs are written (restored afterwards). Default true. */
  suspendCalculation?: boolean;
  now?: () => Date;
}

export interface WorkbookRunResult {
  outputs: string[];
  /** Output values of the model as it is. */
  base: Cell[];
  rows: { name: string; values: Cell[] }[];
  startedAt: string;
  finishedAt: string;
}

/** Thrown when a run is cancelled; the inputs have been restored by then. */
export class RunCancelled extends Error {
  constructor() {
    super("The run was cancelled; the inputs were restored.");
    this.name = "RunCancelled";
  }
}

/** How long (× 100 ms) to wait for outputs that show #BUSY!. */
const BUSY_TRIES = 3000;

/** Store key of the record of a run in progress. */
export const PENDING_RUN_KEY = "workbook-run:pending";

interface PendingRun {
  version: 1;
  startedAt: string;
  calculationMode: CalculationMode;
  inputs: { address: string; formulas: Cells }[];
}

interface ResolvedInput extends WorkbookInput {
  ref: RangeRef;
  address: string;
  formulas: Cells;
  values: Cells;
}

/** Checks a run's definition; returns the problems (empty when it can run). */
export function specProblems(spec: WorkbookRunSpec): string[] {
  const problems: string[] = [];
  const refs = new Map<string, RangeRef>();
  const names = new Set<string>();
  if (spec.inputs.length === 0) problems.push("pick at least one input cell or range");
  if (spec.outputs.length === 0) problems.push("pick at least one output cell");
  if (spec.sensitivities.length === 0) problems.push("define at least one sensitivity");
  for (const x of [...spec.inputs, ...spec.outputs]) {
    const n = x.name.trim();
    if (n === "") problems.push(`${x.address}: give it a name`);
    else if (names.has(n.toLowerCase())) problems.push(`"${n}" is the name of two inputs or outputs`);
    names.add(n.toLowerCase());
    try {
      const ref = parseAddress(x.address);
      if (ref.sheet === undefined) problems.push(`${n}: ${x.address} names no sheet`);
      refs.set(n.toLowerCase(), ref);
    } catch (e) {
      problems.push(`${n}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const o of spec.outputs) {
    const ref = refs.get(o.name.trim().toLowerCase());
    if (ref && (rowCount(ref) !== 1 || columnCount(ref) !== 1)) problems.push(`output ${o.name}: ${o.address} is not one cell`);
  }
  const inputs = spec.inputs.map((i) => ({ name: i.name.trim(), ref: refs.get(i.name.trim().toLowerCase()) }));
  inputs.forEach((a, k) => {
    for (const b of inputs.slice(k + 1)) if (a.ref && b.ref && overlaps(a.ref, b.ref)) problems.push(`inputs ${a.name} and ${b.name} overlap`);
    for (const o of spec.outputs) {
      const r = refs.get(o.name.trim().toLowerCase());
      if (a.ref && r && overlaps(a.ref, r)) problems.push(`output ${o.name} lies inside input ${a.name}`);
    }
  });
  const inputNames = new Set(spec.inputs.map((i) => i.name.trim().toLowerCase()));
  for (const s of spec.sensitivities) {
    if (s.name.trim() === "") problems.push("a sensitivity has no name");
    if (s.shocks.length === 0) problems.push(`sensitivity ${s.name}: no shock`);
    for (const sh of s.shocks) {
      if (!inputNames.has(sh.input.trim().toLowerCase())) problems.push(`sensitivity ${s.name}: no input named "${sh.input}"`);
      if (!Number.isFinite(sh.amount)) problems.push(`sensitivity ${s.name}: the amount is not a number`);
      if (!["add", "multiply", "set"].includes(sh.kind)) problems.push(`sensitivity ${s.name}: "${sh.kind}" is not add, multiply or set`);
    }
  }
  return problems;
}

/** The shocked contents of an input: numbers changed, every other cell (text, blank) as it was. */
export function shockedCells(formulas: Cells, values: Cells, shocks: readonly InputShock[]): Cell[][] {
  return values.map((row, i) =>
    row.map((v, j) => {
      if (typeof v !== "number") return (formulas[i] as Cell[])[j] as Cell;
      let x = v;
      for (const s of shocks) x = s.kind === "add" ? x + s.amount : s.kind === "multiply" ? x * s.amount : s.amount;
      return x;
    }),
  );
}

function sameCells(a: Cells, b: Cells): boolean {
  return a.length === b.length && a.every((row, i) => row.length === (b[i] as Cell[]).length && row.every((c, j) => c === (b[i] as Cell[])[j]));
}

async function restoreInputs(wb: Workbook, inputs: readonly { address: string; formulas: Cells }[]): Promise<void> {
  for (const i of inputs) await wb.writeFormulas(i.address, i.formulas);
}

async function verifyInputs(wb: Workbook, inputs: readonly { address: string; formulas: Cells }[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const i of inputs) if (!sameCells(await wb.readFormulas(i.address), i.formulas)) wrong.push(i.address);
  return wrong;
}

/** Runs the base case and every sensitivity; the inputs are back as they were when it returns or throws. */
export async function runWorkbookSensitivities(wb: Workbook, spec: WorkbookRunSpec, options: RunOptions = {}): Promise<WorkbookRunResult> {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new Error(`The run cannot start: ${problems.join("; ")}.`);
  if ((await wb.store.get(PENDING_RUN_KEY)) !== undefined) throw new Error("An earlier workbook run was interrupted and its inputs are not restored yet; restore them first.");
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const total = spec.sensitivities.length + 1;
  const checkCancel = () => {
    if (options.signal?.aborted) throw new RunCancelled();
  };
  checkCancel();

  const inputs: ResolvedInput[] = [];
  for (const i of spec.inputs) {
    const ref = parseAddress(i.address);
    const address = rangeAddress(ref);
    inputs.push({ ...i, ref, address, formulas: await wb.readFormulas(address), values: await wb.readValues(address) });
  }
  const byName = new Map(inputs.map((i) => [i.name.trim().toLowerCase(), i]));
  const outputs = spec.outputs.map((o) => rangeAddress(parseAddress(o.address)));
  const mode = await wb.calculationMode();
  const saved = inputs.map((i) => ({ address: i.address, formulas: i.formulas }));
  const record: PendingRun = { version: 1, startedAt, calculationMode: mode, inputs: saved };
  await wb.store.set(PENDING_RUN_KEY, JSON.stringify(record));

  const readOutputs = async (): Promise<Cell[]> => {
    const read = async () => {
      const out: Cell[] = [];
      for (const a of outputs) out.push((await wb.readValues(a))[0]?.[0] ?? "");
      return out;
    };
    // asynchronous custom functions (MCEV.PROJECT runs in a worker) show #BUSY! until they answer
    let out = await read();
    for (let tries = 0; out.includes("#BUSY!") && tries < BUSY_TRIES; tries++) {
      checkCancel();
      await new Promise((resolve) => setTimeout(resolve, 100));
      out = await read();
    }
    return out;
  };

  let dirty = false;
  let failure: unknown;
  const rows: WorkbookRunResult["rows"] = [];
  let base: Cell[] = [];
  try {
    if (options.suspendCalculation !== false && mode !== "manual") await wb.setCalculationMode("manual");
    options.onProgress?.({ done: 0, total, label: "Base case" });
    await wb.recalculate();
    base = await readOutputs();
    for (const [k, s] of spec.sensitivities.entries()) {
      checkCancel();
      options.onProgress?.({ done: k + 1, total, label: s.name });
      const touched = new Set<ResolvedInput>();
      for (const shock of s.shocks) touched.add(byName.get(shock.input.trim().toLowerCase()) as ResolvedInput);
      dirty = true;
      for (const input of touched) {
        const mine = s.shocks.filter((x) => x.input.trim().toLowerCase() === input.name.trim().toLowerCase());
        await wb.writeFormulas(input.address, shockedCells(input.formulas, input.values, mine));
      }
      await wb.recalculate();
      const values = await readOutputs();
      await restoreInputs(wb, [...touched]);
      dirty = false;
      rows.push({ name: s.name, values });
    }
    checkCancel();
    options.onProgress?.({ done: total, total, label: "Done" });
  } catch (e) {
    failure = e;
  }

  // always: originals back, calculation mode back, then check before forgetting the record
  let restoreError: unknown;
  try {
    if (dirty) await restoreInputs(wb, saved);
    if ((await wb.calculationMode()) !== mode) await wb.setCalculationMode(mode);
    await wb.recalculate().catch(() => undefined);
    const wrong = await verifyInputs(wb, saved);
    if (wrong.length > 0) {
      await restoreInputs(wb, saved);
      const still = await verifyInputs(wb, saved);
      if (still.length > 0) throw new Error(`the inputs ${still.join(", ")} could not be restored; the originals stay saved in the workbook`);
    }
    await wb.store.delete(PENDING_RUN_KEY);
  } catch (e) {
    restoreError = e;
  }
  if (failure !== undefined) {
    if (restoreError !== undefined && failure instanceof Error) failure.message += ` (restoring the inputs also failed: ${restoreError instanceof Error ? restoreError.message : String(restoreError)}; they are restored when the pane opens again)`;
    throw failure;
  }
  if (restoreError !== undefined) throw restoreError;
  return { outputs: spec.outputs.map((o) => o.name), base, rows, startedAt, finishedAt: now().toISOString() };
}

export interface RecoveredRun {
  startedAt: string;
  inputs: string[];
}

/**
 * Restores the inputs of a workbook run that did not finish (Excel or the pane stopped in the middle):
 * called when the pane opens. Returns what was restored, or undefined when no run was pending.
 */
export async function recoverPendingRun(wb: Workbook): Promise<RecoveredRun | undefined> {
  const text = await wb.store.get(PENDING_RUN_KEY);
  if (text === undefined) return undefined;
  let record: PendingRun;
  try {
    record = JSON.parse(text) as PendingRun;
    if (!Array.isArray(record.inputs)) throw new Error("no inputs");
  } catch (e) {
    throw new Error(`The record of an interrupted run is damaged (${e instanceof Error ? e.message : String(e)}); it was kept in the workbook.`);
  }
  await restoreInputs(wb, record.inputs);
  if (record.calculationMode && (await wb.calculationMode()) !== record.calculationMode) await wb.setCalculationMode(record.calculationMode);
  await wb.recalculate().catch(() => undefined);
  const wrong = await verifyInputs(wb, record.inputs);
  if (wrong.length > 0) throw new Error(`The inputs ${wrong.join(", ")} of an interrupted run could not be restored; the originals stay saved in the workbook.`);
  await wb.store.delete(PENDING_RUN_KEY);
  return { startedAt: record.startedAt, inputs: record.inputs.map((i) => i.address) };
}

/** Two standard shocks for an input: ±100 bp for a rate (an input whose numbers lie within ±1), ±10% otherwise. */
export function suggestedSensitivities(input: WorkbookInput, looksLikeRate: boolean): WorkbookSensitivity[] {
  const s = (name: string, kind: ShockKind, amount: number): WorkbookSensitivity => ({ name: `${input.name} ${name}`, shocks: [{ input: input.name, kind, amount }] });
  return looksLikeRate ? [s("+100 bp", "add", 0.01), s("−100 bp", "add", -0.01)] : [s("+10%", "multiply", 1.1), s("−10%", "multiply", 0.9)];
}
