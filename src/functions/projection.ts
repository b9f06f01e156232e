import { readAssumptionSet, tableKind } from "../core/assumptions";
import { PRODUCTS } from "../core/assumptions/fields";
import { invalid, McevError } from "../core/errors";
import { projectPortfolio, type PortfolioOptions, type PortfolioResult } from "../core/projection/portfolio";
import { presentValueOfLine } from "../core/projection/profit";
import { LINE, PERIOD_LINES, PV_LINES } from "../core/projection/result";
import { fromCells, type HeaderTable } from "../core/projection/table";
import { asMatrix, isMatrix, type Argument } from "./args";
import type { CellMatrix, CellValue } from "./cells";
import type { FunctionSpec } from "./registry";

/** Options that may stand among the name/value pairs of MCEV.PROJECT and MCEV.PROJECTPV. */
const OPTIONS = ["currency", "curve_method", "ufr", "tax_jurisdiction", "valuation_year", "default_product", "steps_per_year"] as const;

/**
 * The arguments after the model points are pairs: a name, then a range with a header row (an
 * assumption table: "mortality", "lapse", …) or a value (an option: "currency", …). Errors name the
 * pair by its position.
 */
function readRun(modelPoints: Argument, rest: readonly Argument[]): { tables: Record<string, HeaderTable>; options: PortfolioOptions & { defaultProduct?: string } } {
  if (!isMatrix(modelPoints)) invalid("model_points", "is a single value; give the model point table with its header row");
  const tables: Record<string, HeaderTable> = { model_points: fromCells("model_points", asMatrix(modelPoints, "model_points")) };
  const options: PortfolioOptions & { defaultProduct?: string } = {};
  if (rest.length % 2 !== 0) invalid("tables", `has ${rest.length} arguments; give pairs of a name and a range (or value)`);
  for (let k = 0; k < rest.length; k += 2) {
    const pair = k / 2 + 1;
    const rawName = rest[k];
    const name = isMatrix(rawName) ? rawName[0]?.[0] : rawName;
    if (typeof name !== "string" || name.trim() === "") invalid("tables", `pair ${pair}: the first of each pair is a name like "mortality"; got ${JSON.stringify(name ?? null)}`);
    const value = rest[k + 1];
    const key = name.trim().toLowerCase();
    const kind = tableKind(key);
    if (kind) {
      if (kind === "model_points") invalid("tables", `pair ${pair}: the model points are the first argument`);
      if (!isMatrix(value)) invalid("tables", `pair ${pair} ("${name}"): give the table as a range with its header row`);
      if (tables[kind]) invalid("tables", `pair ${pair}: a second "${kind}" table`);
      tables[kind] = fromCells(kind, value);
      continue;
    }
    const option = OPTIONS.find((o) => o === key);
    if (!option) invalid("tables", `pair ${pair}: unknown name "${name}"; expected a table (mortality, mortality_improvement, lapse, expenses, commission, tax, reinsurance, yrt_rates, capital, premium_rates, discount_rates, zero_curve) or an option (${OPTIONS.join(", ")})`);
    const v: CellValue | undefined = isMatrix(value) ? value[0]?.[0] : value;
    // blank, or 0 (Excel desktop's blank cell; no option has a meaningful 0): not given
    if (v === null || v === undefined || v === "" || v === 0) continue;
    switch (option) {
      case "currency":
      case "curve_method":
      case "tax_jurisdiction":
      case "default_product":
        if (typeof v !== "string") invalid("tables", `pair ${pair} ("${option}"): expected text`);
        if (option === "currency") options.currency = v;
        else if (option === "curve_method") options.curveMethod = v;
        else if (option === "tax_jurisdiction") options.taxJurisdiction = v;
        else {
          const product = v.trim().toUpperCase();
          if (!PRODUCTS.includes(product as (typeof PRODUCTS)[number])) invalid("tables", `pair ${pair} ("default_product"): "${v}" is not one of ${PRODUCTS.join(", ")}`);
          options.defaultProduct = product;
        }
        break;
      case "ufr":
      case "valuation_year":
      case "steps_per_year":
        if (typeof v !== "number") invalid("tables", `pair ${pair} ("${option}"): expected a number`);
        if (option === "ufr") options.ufr = v;
        else if (option === "valuation_year") options.valuationYear = v;
        else options.stepsPerYear = v;
        break;
    }
  }
  return { tables, options };
}

function run(args: readonly Argument[], perPeriod: boolean): PortfolioResult {
  const [modelPoints, ...rest] = args;
  const { tables, options } = readRun(modelPoints, rest);
  const set = readAssumptionSet(tables, options.defaultProduct ? { defaultProduct: options.defaultProduct as never } : {});
  try {
    return projectPortfolio(set, { ...options, perPeriod });
  } catch (e) {
    if (e instanceof McevError && e.argument !== undefined && !["tables", "model_points"].includes(e.argument)) {
      // a core error names a table ("mortality"); the function's arguments are "model_points" and "tables"
      throw new McevError(e.code, `${e.argument}: ${e.detail}`, { argument: "tables" });
    }
    throw e;
  }
}

const ARGS = `TERM_POINTS,"mortality",MORTALITY,"lapse",LAPSE,"expenses",EXPENSES,"commission",COMMISSION,"zero_curve",ZERO_CURVE,"currency","EUR"`;
const FULL = `MODEL_POINTS,"mortality",MORTALITY,"mortality_improvement",IMPROVEMENT,"lapse",LAPSE,"expenses",EXPENSES,"commission",COMMISSION,"premium_rates",PREMIUM_RATES,"reinsurance",REINSURANCE,"yrt_rates",YRT_RATES,"tax",TAX,"capital",CAPITAL,"zero_curve",ZERO_CURVE,"currency","EUR","tax_jurisdiction","France","valuation_year",2011`;

export const projectionFunctions: readonly FunctionSpec[] = [
  {
    name: "PROJECT",
    parameters: [{ name: "model_points" }, { name: "tables", repeating: true }],
    examples: [`=MCEV.PROJECT(${ARGS})`],
    invoke: (args) => {
      const r = run(args, true);
      const per = r.perPeriod as Float64Array;
      const out: CellMatrix = [[r.stepsPerYear === 1 ? "year" : "month", ...PERIOD_LINES]];
      for (let t = 0; t < r.steps; t++) out.push([t, ...PERIOD_LINES.map((_, k) => per[k * r.steps + t] as number)]);
      return out;
    },
  },
  {
    name: "PROJECTPV",
    parameters: [{ name: "model_points" }, { name: "tables", repeating: true }],
    examples: [`=MCEV.PROJECTPV(${FULL})`],
    invoke: (args) => {
      const r = run(args, true);
      const rows: CellMatrix = [["line", "present value"]];
      PV_LINES.forEach((line, k) => rows.push([line, r.pv[k] as number]));
      for (const line of ["investment_income", "reserve_increase", "profit_before_tax", "tax", "profit_after_tax"] as const) {
        rows.push([line, presentValueOfLine(r, r.discount, LINE[line], true)]);
      }
      rows.push(["opening_reserve", (r.perPeriod as Float64Array)[LINE.reserve * r.steps] as number]);
      return rows;
    },
  },
];
