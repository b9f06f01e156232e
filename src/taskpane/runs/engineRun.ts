import type { Confirm } from "../assumptions/tables";
import { resolveSet } from "../assumptions/sets";
import type { Workbook } from "../workbook/workbook";
import { writeResultSheet, type ResultSheet, type RunMetadata } from "./resultSheet";
import type { EngineSensitivity } from "./sensitivities";
import { VALUATION_JOB, type ValuationJobParams, type ValuationJobResult } from "./valuationJob";
import { JobCancelled, runJob, type JobOptions } from "./workerRunner";

/**
 * An engine run from the Runs tab: the chosen assumption set (the workbook's tables or a stored set) and
 * sensitivities go to the valuation job (valuationJob.ts) in the pane's Web Worker; its results go to a
 * NEW sheet ("MCEV sensitivities", "MCEV sensitivities (2)", …) in the layout of seed 003 Tables 6–7,
 * with the run's metadata and times. Nothing is written before the job has finished: a cancel or an
 * error leaves every cell of the workbook as it was.
 */
export const NO_SEED = "none (deterministic run)";
export const ENGINE_SHEET = "MCEV sensitivities";

export interface EngineRunOptions extends Pick<JobOptions, "onProgress" | "signal" | "createWorker"> {
  /** The assumption set: WORKBOOK_TABLES ("") or a stored set's name. */
  choice: string;
  sensitivities: readonly EngineSensitivity[];
  version: string;
  confirm?: Confirm;
  /** The run's time on the sheet (default: now). */
  time?: Date;
}

export interface EngineRunOutcome {
  sheet: ResultSheet;
  result: ValuationJobResult;
  /** The assumption set's name, as on the sheet. */
  assumptionSet: string;
}

/** "45 ms", "1.23 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The metadata lines of an engine run's sheet. */
export function engineMetadata(result: ValuationJobResult, assumptionSet: string, version: string, time: Date): RunMetadata {
  const n = result.timings.runs - 1;
  const extra: [string, string][] = [
    ["Reporting currency and unit", `${result.reportingCurrency}${result.run.unit === 1 ? "" : `, in units of ${result.run.unit.toLocaleString("en-US")}`}`],
    ["Duration, base case", duration(result.timings.baseMs)],
    [`Duration, base + ${n} sensitivit${n === 1 ? "y" : "ies"}`, duration(result.timings.totalMs)],
  ];
  if (result.ignored.length > 0) extra.push(["Tables not read by the engine", result.ignored.join(", ")]);
  const blocks = result.stochastic ?? [];
  if (blocks.length > 0) {
    extra.push([
      "Scenarios (TVFOG, Monte Carlo)",
      blocks.map((b) => `${b.entity}: ${b.scenarios.toLocaleString("en-US")} scenarios, seed ${b.seed}`).join("; "),
    ]);
  }
  // one seed for the run when every VA block uses the same; per entity otherwise; none for a deterministic run
  const seed = result.seed ?? (blocks.length > 0 ? blocks.map((b) => `${b.entity}: ${b.seed}`).join("; ") : NO_SEED);
  return { title: "MCEV sensitivities", time, assumptionSet, seed, version, extra };
}

export async function runEngineSensitivities(wb: Workbook, options: EngineRunOptions): Promise<EngineRunOutcome> {
  const set = await resolveSet(wb, options.choice);
  const params: ValuationJobParams = { set, sensitivities: options.sensitivities.map((s) => ({ id: s.id, name: s.name, shock: s.shock })) };
  const result = await runJob<ValuationJobResult>(
    { kind: VALUATION_JOB, params },
    { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.createWorker ? { createWorker: options.createWorker } : {}) },
  );
  if (options.signal?.aborted) throw new JobCancelled(); // cancelled as the result came in: write nothing
  const sheet = await writeResultSheet(wb, result, engineMetadata(result, set.name, options.version, options.time ?? new Date()), { sheetName: ENGINE_SHEET, ...(options.confirm ? { confirm: options.confirm } : {}) });
  return { sheet, result, assumptionSet: set.name };
}
