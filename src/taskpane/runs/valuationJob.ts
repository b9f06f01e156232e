import { tableKind } from "../../core/assumptions/assumptionSet";
import { McevError } from "../../core/errors";
import { fromCells, type HeaderTable } from "../../core/projection/table";
import type { GroupInput } from "../../core/valuation/group";
import { GROUP_TABLES, groupInputFromTables } from "../../core/valuation/groupTables";
import { NHR_TABLES } from "../../core/valuation/nhrTables";
import { isVaTable, type SetWithVa } from "../../core/valuation/vaBlock";
import { runSensitivities, type SensitivityRun, type SensitivitySpec } from "../../core/valuation/sensitivities";
import type { AssumptionSetData } from "../assumptions/io";
import type { JobContext } from "./jobs";
import type { SensitivityResults } from "./resultSheet";

/**
 * The engine run of the Runs tab (job kind "valuation", in the pane's Web Worker): an assumption set's
 * tables → the core's group input (groupInputFromTables) → runSensitivities: the base valuation and one
 * full valuation per sensitivity, with value, change (exact, in decimal) and % change of MCEV, VNB and
 * the traditional EV in the reported currency and unit (seed 003 Tables 6–7, seed 001's traditional set).
 *
 * The pane's tables map to the core's: every engine assumption table and `valuation` as they are;
 * the market table `fx_rates` (1 EUR = … foreign currency, seed 003 Table 13) is the run's `fx` table,
 * rebased when the reporting currency is not EUR (rate of c per reporting currency = per_eur(c) /
 * per_eur(reporting)); tables the core does not read (today the pane's equity_volatility and
 * swaption_volatility: the core's variable-annuity block reads its own swaption_vols, expiry,tenor,vol)
 * are left out and listed in the result.
 */
export const VALUATION_JOB = "valuation";

/** What the Runs tab sends: the set and the chosen sensitivities (the pane's EngineSensitivity fits). */
export interface ValuationJobParams {
  set: AssumptionSetData;
  sensitivities: readonly SensitivitySpec[];
}

export interface ValuationTimings {
  /** Tables read into the group input. */
  readMs: number;
  /** The base valuation (projection, MCEV, VNB, traditional EV, report). */
  baseMs: number;
  /** Base + every sensitivity (runSensitivities). */
  totalMs: number;
  /** Number of valuations: 1 + sensitivities. */
  runs: number;
}

/** A variable-annuity block the engine valued by Monte Carlo (its TVFOG): the entity, its esg seed and scenario count. */
export interface StochasticBlock {
  entity: string;
  seed: number;
  scenarios: number;
}

export interface ValuationJobResult extends SensitivityResults {
  /** The run's random seed (the esg table's `seed`) when a VA block was valued; undefined for a deterministic run. */
  seed?: number;
  /** Every VA block valued by Monte Carlo (empty for a deterministic run). */
  stochastic: StochasticBlock[];
  reportingCurrency: string;
  timings: ValuationTimings;
  /** Tables of the set the engine does not read (left out). */
  ignored: string[];
  /** The core's figures as they came (MCEV, VNB, TEV; changes; % changes; run times). */
  run: SensitivityRun;
}

/** The pane's market table that is the run's fx table. */
export const FX_RATES = "fx_rates";

/** A table the core reads: an engine assumption table, a group table (valuation, entities, fx), an NHR table or a variable-annuity block's table. */
export function engineReads(name: string): boolean {
  const n = name.trim().toLowerCase();
  return tableKind(n) !== undefined || (GROUP_TABLES as readonly string[]).includes(n) || (NHR_TABLES as readonly string[]).includes(n) || isVaTable(n);
}

/** The core's tables of a set (keyed as groupInputFromTables reads them) and the tables left out. */
export function engineTables(set: AssumptionSetData): { tables: Record<string, HeaderTable>; ignored: string[] } {
  const tables: Record<string, HeaderTable> = {};
  const ignored: string[] = [];
  for (const t of set.tables) {
    const name = t.name.trim().toLowerCase();
    const key = name === FX_RATES ? "fx" : name;
    if (!engineReads(key)) {
      ignored.push(t.name);
      continue;
    }
    if (tables[key] !== undefined) throw new Error(`${t.name}: the set "${set.name}" has two ${key} tables`);
    tables[key] = fromCells(t.name, [t.header, ...t.rows]);
  }
  return { tables, ignored };
}

/** fx_rates' rates are per EUR; the core's fx rates are per unit of the reporting currency. */
function rebaseFx(fx: ReadonlyMap<string, number>, reportingCurrency: string): Map<string, number> {
  const reporting = reportingCurrency.toUpperCase();
  const perEur = fx.get(reporting);
  if (reporting === "EUR" || perEur === undefined) return reporting === "EUR" ? new Map(fx) : new Map(); // without the reporting currency's rate, no rate is known
  const out = new Map<string, number>([["EUR", 1 / perEur]]);
  for (const [ccy, rate] of fx) out.set(ccy, ccy === reporting ? 1 : rate / perEur);
  return out;
}

/** The core's group input from a set (see the module comment). A set without a valuation table is refused by name. */
export function valuationInput(set: AssumptionSetData): { input: GroupInput; ignored: string[] } {
  const { tables, ignored } = engineTables(set);
  if (tables.valuation === undefined) {
    throw new Error(
      `valuation: the assumption set "${set.name}" has no valuation table — the run's parameters (name,value: shareholders_net_worth, cost_of_capital, nhr_capital, currency, tax_jurisdiction, valuation_year). Create it with "Create standard tables" on the Assumptions tab, or import valuation.csv.`,
    );
  }
  const fromPane = set.tables.some((t) => t.name.trim().toLowerCase() === FX_RATES);
  const input = groupInputFromTables(tables);
  return { input: fromPane ? { ...input, fx: rebaseFx(input.fx, input.reportingCurrency) } : input, ignored };
}

/** The core names the fx table "fx" in some messages; in the pane it is fx_rates. */
function paneMessage(e: unknown): Error {
  if (e instanceof McevError && e.argument !== undefined && /(^|, )fx$/.test(e.argument)) {
    return new Error(McevError.format(e.detail, { argument: e.argument.replace(/fx$/, FX_RATES) }, e.position));
  }
  return e instanceof Error ? e : new Error(String(e));
}

/** The unit text of the headers: "EUR", "EUR k", "EUR m". */
export function unitText(currency: string, unit: number): string {
  return unit === 1_000_000 ? `${currency} m` : unit === 1000 ? `${currency} k` : currency;
}

export const OUTPUTS = ["MCEV", "VNB", "Traditional EV"] as const;
const KEYS = ["mcev", "vnb", "tev"] as const;

/** The result sheet's data (resultSheet.ts) from the core's run: the core's own changes and % changes. */
export function sensitivityResults(run: SensitivityRun): SensitivityResults {
  return {
    outputs: [...OUTPUTS],
    unit: unitText(run.reportingCurrency, run.unit),
    decimals: run.decimals,
    base: KEYS.map((k) => run.base[k]),
    rows: run.rows.map((r) => ({ name: r.name, values: KEYS.map((k) => r.value[k]), changes: KEYS.map((k) => r.change[k]), percents: KEYS.map((k) => r.percent[k]) })),
  };
}

/** The VA blocks of the group input: the engine values each by Monte Carlo with its esg seed and scenarios. */
export function stochasticBlocks(input: GroupInput): StochasticBlock[] {
  return input.entities.flatMap((e) => {
    const va = (e.set as SetWithVa).variableAnnuity;
    return va ? [{ entity: e.name, seed: va.seed, scenarios: va.scenarios }] : [];
  });
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** The job: base + sensitivities, with the context's progress and cancel hooks. */
export function valuationJob(params: unknown, context: JobContext): ValuationJobResult {
  const { set, sensitivities } = params as ValuationJobParams;
  if (!set || !Array.isArray(set.tables)) throw new Error("the valuation job needs an assumption set");
  if (!Array.isArray(sensitivities)) throw new Error("the valuation job needs a list of sensitivities (it may be empty)");
  try {
    const t0 = clock();
    const { input, ignored } = valuationInput(set);
    const t1 = clock();
    const total = sensitivities.length + 1;
    context.progress(0, total, "Base case");
    const run = runSensitivities(
      input,
      sensitivities.map((s) => ({ id: s.id, name: s.name, shock: s.shock })),
      {
        now: clock,
        isCancelled: () => context.cancelled(),
        onProgress: (done) => context.progress(done, total, done < total ? (sensitivities[done - 1] as SensitivitySpec).name : "Done"),
      },
    );
    const t2 = clock();
    const stochastic = stochasticBlocks(input);
    const seeds = [...new Set(stochastic.map((b) => b.seed))];
    return {
      ...sensitivityResults(run),
      ...(seeds.length === 1 ? { seed: seeds[0] as number } : {}),
      stochastic,
      reportingCurrency: run.reportingCurrency,
      timings: { readMs: t1 - t0, baseMs: run.baseMs, totalMs: t2 - t1, runs: total },
      ignored,
      run,
    };
  } catch (e) {
    throw paneMessage(e);
  }
}
