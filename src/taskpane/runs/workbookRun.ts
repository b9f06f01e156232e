import { columnCount, overlaps, parseAddress, rangeAddress, rowCount, type RangeRef } from "../workbook/address";
import { CalculationWaitAborted, type CalculationMode, type Cell, type Cells, type Workbook } from "../workbook/workbook";

/**
 * Workbook runs: sensitivities on the user's own formula model. The user picks input cells or ranges
 * and output cells; each sensitivity writes shocked inputs, lets Excel recalculate, reads the outputs
 * and writes the original inputs back. Excel's Data Tables and Goal Seek do not work with custom
 * functions, so this is how what-ifs run on a model built with MCEV.* functions.
 *
 * Safety, in this order:
 * 0. inputs that are part of a dynamic-array spill are refused before anything is written;
 * 1. the original inputs (formulas where cells hold formulas, so nothing is flattened to values) of the
 *    cells a run shocks (those showing numbers) and the calculation mode are saved in the workbook's store
 *    BEFORE the first write; every other cell (text, blanks) is never written — writes pass null there,
 *    which Office.js leaves unchanged, so Excel never re-parses text such as "007";
 * 2. after every sensitivity, and in a `finally` (error, cancel), the originals are written back (retried
 *    with a backoff), the calculation mode restored in its own step whatever the inputs did, and the
 *    inputs read back and compared;
 * 3. only when they match is the saved record deleted. If Excel or the pane dies in the middle, or the
 *    restore keeps failing, the record stays in the workbook; recoverPendingRun restores the inputs the
 *    next time the pane opens or from the "Restore inputs now" banner, and discardPendingRun forgets it.
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
  /** Largest record of the originals, in characters (default MAX_RECORD_CHARS; tests lower it). */
  maxRecordChars?: number;
  /** Pauses between attempts to restore the inputs (default RESTORE_RETRY_MS). */
  restoreRetryMs?: readonly number[];
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

/**
 * Largest record of a run's originals, in characters of JSON (the store writes it in one request; Office.js
 * requests are limited to about 5 MB on the web, and the XML escaping of the store can grow the text). A
 * larger record is refused before any cell is written; only the cells a run shocks (numbers) are kept, so
 * this is some 100,000 formulas or 200,000 constants.
 */
export const MAX_RECORD_CHARS = 2_000_000;

/** Pauses between attempts to restore the inputs (transient errors: the user editing a cell, Excel busy). */
export const RESTORE_RETRY_MS: readonly number[] = [200, 1000, 3000];

/**
 * The record saved before the first write. Version 2 keeps, per input, the original formula or constant
 * of every cell the run may shock (the cells holding numbers) and null for every other cell, which is
 * never written. Version 1 records (every cell) are read with their text constants left out.
 */
interface PendingRun {
  version: 1 | 2;
  startedAt: string;
  calculationMode: CalculationMode;
  inputs: SavedInput[];
}

interface SavedInput {
  address: string;
  formulas: (Cell | null)[][];
}

interface ResolvedInput extends WorkbookInput {
  ref: RangeRef;
  address: string;
  formulas: Cells;
  values: Cells;
}

/** The inputs were not restored (after the retries); the record stays in the workbook. */
export class InputsNotRestored extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputsNotRestored";
  }
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

/**
 * The shocked contents of an input: the new number in every cell that shows a number, and null — "leave
 * the cell as it is" in Office.js — in every other cell (text, blank, booleans, errors), which is never
 * written.
 */
export function shockedCells(values: Cells, shocks: readonly InputShock[]): (Cell | null)[][] {
  return values.map((row) =>
    row.map((v) => {
      if (typeof v !== "number") return null;
      let x = v;
      for (const s of shocks) x = s.kind === "add" ? x + s.amount : s.kind === "multiply" ? x * s.amount : s.amount;
      return x;
    }),
  );
}

/** The originals of the cells a run may shock (those showing a number); null elsewhere. */
export function shockableOriginals(formulas: Cells, values: Cells): (Cell | null)[][] {
  return values.map((row, i) => row.map((v, j) => (typeof v === "number" ? ((formulas[i] as Cell[])[j] as Cell) : null)));
}

/** A version 1 record kept every cell: its text constants are left out (never written back). */
function upgrade(record: PendingRun): SavedInput[] {
  if (record.version !== 1) return record.inputs;
  return record.inputs.map((i) => ({ address: i.address, formulas: i.formulas.map((row) => row.map((c) => (typeof c === "string" && !c.startsWith("=") ? null : c))) }));
}

function sameSaved(now: Cells, saved: readonly (readonly (Cell | null)[])[]): boolean {
  return now.length === saved.length && saved.every((row, i) => row.every((c, j) => c === null || c === (now[i] as Cell[])[j]));
}

/** Writes back the saved cells that differ from their originals now (null everywhere else: left alone). */
async function restoreInputs(wb: Workbook, inputs: readonly SavedInput[]): Promise<void> {
  for (const i of inputs) {
    if (!i.formulas.some((row) => row.some((c) => c !== null))) continue;
    const now = await wb.readFormulas(i.address);
    const patch = i.formulas.map((row, r) => row.map((c, k) => (c === null || c === (now[r] as Cell[] | undefined)?.[k] ? null : c)));
    if (patch.some((row) => row.some((c) => c !== null))) await wb.patchFormulas(i.address, patch);
  }
}

async function verifyInputs(wb: Workbook, inputs: readonly SavedInput[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const i of inputs) if (!sameSaved(await wb.readFormulas(i.address), i.formulas)) wrong.push(i.address);
  return wrong;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes the originals back (when `dirty`, or when a check finds a cell changed) and checks them, retried
 * after each pause of `retryMs`. Throws InputsNotRestored when the last attempt fails.
 */
async function restoreAndVerify(wb: Workbook, inputs: readonly SavedInput[], dirty: boolean, retryMs: readonly number[]): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt <= retryMs.length; attempt++) {
    if (attempt > 0) await pause(retryMs[attempt - 1] as number);
    try {
      if (dirty || attempt > 0) await restoreInputs(wb, inputs);
      let wrong = await verifyInputs(wb, inputs);
      if (wrong.length > 0 && !dirty && attempt === 0) {
        await restoreInputs(wb, inputs);
        wrong = await verifyInputs(wb, inputs);
      }
      if (wrong.length === 0) return;
      last = new Error(`the inputs ${wrong.join(", ")} read back different from the originals`);
    } catch (e) {
      last = e;
    }
  }
  const why = last instanceof Error ? last.message : String(last);
  throw new InputsNotRestored(`the inputs could not be restored (${why}); the originals stay saved in the workbook — use "Restore inputs now"`);
}

/** Sets the calculation mode back, retried like the inputs; an error is returned, not thrown. */
async function restoreMode(wb: Workbook, mode: CalculationMode, retryMs: readonly number[]): Promise<unknown> {
  let last: unknown;
  for (let attempt = 0; attempt <= retryMs.length; attempt++) {
    if (attempt > 0) await pause(retryMs[attempt - 1] as number);
    try {
      if ((await wb.calculationMode()) !== mode) await wb.setCalculationMode(mode);
      return undefined;
    } catch (e) {
      last = e;
    }
  }
  return last;
}

/** Runs the base case and every sensitivity; the inputs are back as they were when it returns or throws. */
export async function runWorkbookSensitivities(wb: Workbook, spec: WorkbookRunSpec, options: RunOptions = {}): Promise<WorkbookRunResult> {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new Error(`The run cannot start: ${problems.join("; ")}.`);
  if ((await wb.store.get(PENDING_RUN_KEY)) !== undefined) throw new Error('An earlier workbook run was interrupted and its inputs are not restored yet; use "Restore inputs now" (or discard its record) first.');
  const now = options.now ?? (() => new Date());
  const retryMs = options.restoreRetryMs ?? RESTORE_RETRY_MS;
  const startedAt = now().toISOString();
  const total = spec.sensitivities.length + 1;
  const checkCancel = () => {
    if (options.signal?.aborted) throw new RunCancelled();
  };
  checkCancel();

  const inputs: ResolvedInput[] = [];
  const refused: string[] = [];
  for (const i of spec.inputs) {
    const ref = parseAddress(i.address);
    const address = rangeAddress(ref);
    // a constant written into a spill blocks it (#SPILL!) and "restoring" would leave constants there
    const spill = await wb.spillCells(address);
    if (spill.cells.length > 0) refused.push(`input ${i.name.trim()}: ${spill.cells.map((c) => (c.address === c.anchor ? `${c.address} (spills)` : `${c.address} (spilled from ${c.anchor})`)).join(", ")} ${spill.cells.length === 1 ? "is" : "are"} part of a dynamic-array spill`);
    inputs.push({ ...i, ref, address, formulas: await wb.readFormulas(address), values: await wb.readValues(address) });
  }
  if (refused.length > 0) throw new Error(`The run cannot start: ${refused.join("; ")}. Pick the cells the spill's formula reads instead.`);
  const byName = new Map(inputs.map((i) => [i.name.trim().toLowerCase(), i]));
  const outputs = spec.outputs.map((o) => rangeAddress(parseAddress(o.address)));
  const mode = await wb.calculationMode();
  const saved: SavedInput[] = inputs.map((i) => ({ address: i.address, formulas: shockableOriginals(i.formulas, i.values) }));
  const record: PendingRun = { version: 2, startedAt, calculationMode: mode, inputs: saved };
  const text = JSON.stringify(record);
  const maxChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  if (text.length > maxChars) {
    throw new Error(`The run cannot start: the inputs' originals take ${text.length.toLocaleString("en-US")} characters, more than the ${maxChars.toLocaleString("en-US")} the workbook's store takes in one request. Pick smaller input ranges.`);
  }
  await wb.store.set(PENDING_RUN_KEY, text);

  const recalculate = async () => {
    try {
      await wb.recalculate(options.signal);
    } catch (e) {
      if (e instanceof CalculationWaitAborted) throw new RunCancelled();
      throw e;
    }
  };

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
    await recalculate();
    base = await readOutputs();
    for (const [k, s] of spec.sensitivities.entries()) {
      checkCancel();
      options.onProgress?.({ done: k + 1, total, label: s.name });
      const touched = new Set<ResolvedInput>();
      for (const shock of s.shocks) touched.add(byName.get(shock.input.trim().toLowerCase()) as ResolvedInput);
      dirty = true;
      for (const input of touched) {
        const mine = s.shocks.filter((x) => x.input.trim().toLowerCase() === input.name.trim().toLowerCase());
        await wb.patchFormulas(input.address, shockedCells(input.values, mine));
      }
      await recalculate();
      const values = await readOutputs();
      await restoreInputs(wb, saved.filter((x) => [...touched].some((t) => t.address === x.address)));
      dirty = false;
      rows.push({ name: s.name, values });
    }
    checkCancel();
    options.onProgress?.({ done: total, total, label: "Done" });
  } catch (e) {
    failure = e;
  }

  // always: originals back (retried), calculation mode back whatever happened, then forget the record
  let restoreError: unknown;
  try {
    await restoreAndVerify(wb, saved, dirty, retryMs);
  } catch (e) {
    restoreError = e;
  } finally {
    const modeError = await restoreMode(wb, mode, retryMs);
    if (modeError !== undefined && restoreError === undefined) restoreError = new InputsNotRestored(`the calculation mode could not be set back to ${mode} (${modeError instanceof Error ? modeError.message : String(modeError)})`);
  }
  if (restoreError === undefined) {
    if (mode === "manual") await wb.recalculate().catch(() => undefined);
    try {
      await wb.store.delete(PENDING_RUN_KEY);
    } catch (e) {
      restoreError = new Error(`the inputs are restored, but the record of the run could not be removed (${e instanceof Error ? e.message : String(e)}); use "Restore inputs now"`);
    }
  }
  if (failure !== undefined) {
    if (restoreError !== undefined && failure instanceof Error) failure.message += ` (restoring also failed: ${restoreError instanceof Error ? restoreError.message : String(restoreError)})`;
    throw failure;
  }
  if (restoreError !== undefined) throw restoreError;
  return { outputs: spec.outputs.map((o) => o.name), base, rows, startedAt, finishedAt: now().toISOString() };
}

export interface RecoveredRun {
  startedAt: string;
  inputs: string[];
}

/** The record of a run whose inputs are not restored, or undefined; a damaged record throws. */
export async function pendingRun(wb: Workbook): Promise<RecoveredRun | undefined> {
  const record = await readRecord(wb);
  return record && { startedAt: record.startedAt, inputs: record.inputs.map((i) => i.address) };
}

async function readRecord(wb: Workbook): Promise<PendingRun | undefined> {
  const text = await wb.store.get(PENDING_RUN_KEY);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as PendingRun;
    if (!Array.isArray(record.inputs)) throw new Error("no inputs");
    return record;
  } catch (e) {
    throw new Error(`The record of an interrupted run is damaged (${e instanceof Error ? e.message : String(e)}); it was kept in the workbook. Discard it if the inputs are right.`);
  }
}

/**
 * Restores the inputs of a workbook run that did not finish (Excel or the pane stopped in the middle, or
 * the restore failed): called when the pane opens and by "Restore inputs now". Returns what was restored,
 * or undefined when no run was pending. The calculation mode is set back whatever the inputs do.
 */
export async function recoverPendingRun(wb: Workbook, options: { restoreRetryMs?: readonly number[] } = {}): Promise<RecoveredRun | undefined> {
  const record = await readRecord(wb);
  if (record === undefined) return undefined;
  const inputs = upgrade(record);
  const retryMs = options.restoreRetryMs ?? RESTORE_RETRY_MS;
  let restoreError: unknown;
  try {
    await restoreAndVerify(wb, inputs, true, retryMs);
  } catch (e) {
    restoreError = e;
  } finally {
    if (record.calculationMode) {
      const modeError = await restoreMode(wb, record.calculationMode, retryMs);
      if (modeError !== undefined && restoreError === undefined) restoreError = new InputsNotRestored(`the calculation mode could not be set back to ${record.calculationMode}`);
    }
  }
  if (restoreError !== undefined) throw new InputsNotRestored(`An interrupted workbook run: ${restoreError instanceof Error ? restoreError.message : String(restoreError)}.`);
  if (record.calculationMode === "manual") await wb.recalculate().catch(() => undefined);
  await wb.store.delete(PENDING_RUN_KEY);
  return { startedAt: record.startedAt, inputs: inputs.map((i) => i.address) };
}

/**
 * Forgets the record of an interrupted run without restoring anything (for a record that cannot be
 * restored: a damaged record, a sheet deleted since): the pane asks the user to confirm first. Returns
 * false when the user declined (nothing changed).
 */
export async function discardPendingRun(wb: Workbook, confirm: (message: string) => Promise<boolean>): Promise<boolean> {
  const text = await wb.store.get(PENDING_RUN_KEY);
  if (text === undefined) return false;
  let what = "an interrupted workbook run";
  try {
    const r = JSON.parse(text) as PendingRun;
    what = `the workbook run started ${r.startedAt} (inputs ${r.inputs.map((i) => i.address).join(", ")})`;
  } catch {
    // a damaged record: described generically
  }
  const ok = await confirm(`Discard the saved originals of ${what}? The inputs stay as they are now; the original values cannot be restored afterwards.`);
  if (!ok) return false;
  await wb.store.delete(PENDING_RUN_KEY);
  return true;
}

/** Two standard shocks for an input: ±100 bp for a rate (an input whose numbers lie within ±1), ±10% otherwise. */
export function suggestedSensitivities(input: WorkbookInput, looksLikeRate: boolean): WorkbookSensitivity[] {
  const s = (name: string, kind: ShockKind, amount: number): WorkbookSensitivity => ({ name: `${input.name} ${name}`, shocks: [{ input: input.name, kind, amount }] });
  return looksLikeRate ? [s("+100 bp", "add", 0.01), s("−100 bp", "add", -0.01)] : [s("+10%", "multiply", 1.1), s("−10%", "multiply", 0.9)];
}
