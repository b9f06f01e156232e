import { parseCsv } from "../../cli/csv";
import type { CellValue } from "../../functions/cells";
import { SAMPLE_CSV } from "./samples";

/**
 * The standard assumption tables the pane creates, each filled with sample values:
 * - the engine's tables (src/core/assumptions, names as in TABLE_NAMES) with the sample of
 *   examples/assumptions/*.csv;
 * - market tables: equity and swaption implied volatilities (not read by the engine yet; the stochastic
 *   scenarios will) and exchange rates (the valuation run's fx table), with the values of seed 003
 *   (SCOR MCEV 2011) Tables 11–13 at 31 December 2011;
 * - the valuation run's parameters (`valuation`: the one-entity name,value table of
 *   examples/valuation/valuation.csv, read by the core's groupInputFromTables).
 * The capital sample carries the regulatory minimum basis, so that the standard sensitivity "required
 * capital at the regulatory minimum" runs on the pane's tables.
 */
export type TemplateKind = "engine" | "market" | "valuation";

export interface TableTemplate {
  /** The Excel table's name: the engine's table name (model_points, mortality, …). */
  name: string;
  title: string;
  kind: TemplateKind;
  description: string;
  header: string[];
  rows: CellValue[][];
  /** Number format per column; undefined keeps Excel's General. */
  numberFormats?: (string | undefined)[];
}

const PCT = "0.00%";

function fromCsv(name: string, title: string, description: string, numberFormats?: (string | undefined)[]): TableTemplate {
  const text = SAMPLE_CSV[name];
  if (text === undefined) throw new Error(`no sample CSV for ${name}`);
  const [header = [], ...rows] = parseCsv(text, `${name}.csv`);
  return { name, title, kind: "engine", description, header: header.map((h) => String(h ?? "")), rows, numberFormats };
}


/** Seed 003 Table 13: 1 EUR = … foreign currency at 31 December 2011. */
const FX_2011: [string, number][] = [
  ["USD", 1.303],
  ["GBP", 0.8417],
  ["SEK", 9.1039],
  ["CAD", 1.3477],
  ["CHF", 1.2321],
];

/** Seed 003 Table 12: at-the-money USD swaption implied volatilities, 10-year tenor, 31 December 2011. */
const SWAPTION_2011: [number, number][] = [
  [1, 0.451],
  [2, 0.411],
  [3, 0.377],
  [4, 0.357],
  [5, 0.346],
  [7, 0.329],
  [10, 0.311],
];

export const TEMPLATES: readonly TableTemplate[] = [
  fromCsv("model_points", "Model points", "One row per model point: product, sex, age at entry, term, policies, sum assured, months in force."),
  fromCsv("mortality", "Mortality", "Select and ultimate rates q by age (columns 0–5 are select years)."),
  fromCsv("mortality_improvement", "Mortality improvement", "Annual improvement of mortality rates.", [PCT]),
  fromCsv("lapse", "Lapse", "Annual lapse rate by policy year (the last rate applies after).", [undefined, PCT]),
  fromCsv("expenses", "Expenses", "Acquisition and maintenance expenses per policy, percentage of premium, inflation."),
  fromCsv("commission", "Commission", "Commission as a share of premium: first year and renewal.", [PCT, PCT]),
  fromCsv("reinsurance", "Reinsurance", "Quota share, retention and reinsurance commission."),
  fromCsv("capital", "Capital basis", "Required capital as shares of reserves and of sum at risk, and the regulatory minimum basis."),
  fromCsv("zero_curve", "Zero curves", "Swap zero rates by currency and term (seed 003 Table 10, 31 December 2011).", [undefined, undefined, PCT]),
  {
    name: "equity_volatility",
    title: "Equity volatility",
    kind: "market",
    description: "At-the-money equity implied volatility (seed 003 Table 11, 31 December 2011).",
    header: ["index", "volatility"],
    rows: [["S&P 500", 0.263]],
    numberFormats: [undefined, PCT],
  },
  {
    name: "swaption_volatility",
    title: "Swaption volatility",
    kind: "market",
    description: "At-the-money swaption implied volatilities, 10-year tenor (seed 003 Table 12, 31 December 2011).",
    header: ["currency", "option_term", "swap_tenor", "volatility"],
    rows: SWAPTION_2011.map(([term, vol]) => ["USD", term, 10, vol]),
    numberFormats: [undefined, undefined, undefined, PCT],
  },
  {
    name: "fx_rates",
    title: "Exchange rates",
    kind: "market",
    description: "1 EUR = … foreign currency (seed 003 Table 13, 31 December 2011); the valuation run's fx table.",
    header: ["currency", "per_eur"],
    rows: FX_2011.map(([ccy, x]) => [ccy, x]),
    numberFormats: [undefined, "0.0000"],
  },
  fromCsv("tax", "Tax", "Tax rate on profits by jurisdiction (seed 003 Table 14).", [undefined, PCT]),
  fromCsv("premium_rates", "Premium rates", "Premium rate per unit of sum assured by age at entry and term."),
  fromCsv("yrt_rates", "YRT rates", "Yearly renewable term reinsurance premium rates by age."),
  {
    ...fromCsv("valuation", "Valuation parameters", "The run's parameters for one entity: shareholders' net worth, cost of capital, NHR capital, frictional investment expenses, currency, tax jurisdiction, valuation year."),
    kind: "valuation",
  },
];

/** The template of a table name (case-insensitive), or undefined. */
export function templateFor(name: string): TableTemplate | undefined {
  const n = name.trim().toLowerCase();
  return TEMPLATES.find((t) => t.name === n);
}

/** The tables the pane knows that are not engine assumption tables: the market tables and `valuation`. */
export const PANE_TABLES = TEMPLATES.filter((t) => t.kind !== "engine").map((t) => t.name);
