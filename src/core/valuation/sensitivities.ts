import Decimal from "decimal.js";
import { invalid } from "../errors";
import { valueGroup, type GroupInput, type GroupValuation } from "./group";
import { buildReport, type GroupReport } from "./report";
import type { Shock } from "./shocks";

/**
 * A set of sensitivity runs on one group input (seed 003 Tables 6–7: MCEV and VNB under each shock, with
 * the change from the base case and the % change; seed 001's traditional-EV set the same way). Each
 * run is a full group valuation with the shock applied to every entity; the figures are the reported
 * totals (reporting currency and unit, as in Table 1), so the changes are differences of reported
 * figures and add up as printed.
 */
export interface SensitivitySpec {
  id: string;
  name: string;
  shock: Shock;
}

export interface SensitivityFigures {
  mcev: number;
  vnb: number;
  /** Traditional EV. */
  tev: number;
}

export interface SensitivityRow {
  id: string;
  name: string;
  value: SensitivityFigures;
  /** value − base, exactly in decimal. */
  change: SensitivityFigures;
  /** change / |base|; null where the base is 0. */
  percent: { [K in keyof SensitivityFigures]: number | null };
  ms: number;
}

export interface SensitivityRun {
  reportingCurrency: string;
  unit: number;
  decimals: number;
  base: SensitivityFigures;
  baseMs: number;
  rows: SensitivityRow[];
}

export interface RunControl {
  /** Called after the base run (done 1) and after each sensitivity. */
  onProgress?: (done: number, total: number, name: string) => void;
  /** Checked between runs; a true value stops the set with a "cancelled" error. */
  isCancelled?: () => boolean;
  /** Clock in milliseconds for the run times (performance.now in the callers); default Date.now. */
  now?: () => number;
}

/** The reported totals of a run: MCEV (Table 1), VNB (Table 5), traditional EV. */
export function totals(report: GroupReport): SensitivityFigures {
  const pick = (table: string, key: string): number => {
    const t = report.tables.find((x) => x.key === table);
    const row = t?.rows.find((r) => r.key === key);
    const v = row?.values.at(-1);
    if (typeof v !== "number") invalid(table, `has no figure ${key}`);
    return v;
  };
  return { mcev: pick("table1", "mcev"), vnb: pick("table5", "vnb"), tev: pick("traditional", "tev") };
}

export class RunCancelled extends Error {
  constructor() {
    super("the run was cancelled");
    this.name = "RunCancelled";
  }
}

const KEYS = ["mcev", "vnb", "tev"] as const;

export function runSensitivities(input: GroupInput, specs: readonly SensitivitySpec[], control: RunControl = {}): SensitivityRun {
  const total = specs.length + 1;
  const now = control.now ?? (() => Date.now());
  const timed = (shock?: Shock): { report: GroupReport; valuation: GroupValuation; ms: number } => {
    if (control.isCancelled?.()) throw new RunCancelled();
    const t0 = now();
    const valuation = valueGroup(input, shock);
    const report = buildReport(valuation);
    return { report, valuation, ms: now() - t0 };
  };
  const b = timed();
  const base = totals(b.report);
  control.onProgress?.(1, total, "Base case");
  const rows = specs.map((spec, i): SensitivityRow => {
    const r = timed(spec.shock);
    const value = totals(r.report);
    const change = Object.fromEntries(KEYS.map((k) => [k, new Decimal(value[k]).minus(base[k]).toNumber()])) as unknown as SensitivityFigures;
    const percent = Object.fromEntries(KEYS.map((k) => [k, base[k] === 0 ? null : change[k] / Math.abs(base[k])])) as SensitivityRow["percent"];
    control.onProgress?.(i + 2, total, spec.name);
    return { id: spec.id, name: spec.name, value, change, percent, ms: r.ms };
  });
  return { reportingCurrency: b.report.reportingCurrency, unit: b.report.unit, decimals: b.report.decimals, base, baseMs: b.ms, rows };
}
