import { readLapse } from "../core/assumptions/lapse";
import { readMortality } from "../core/assumptions/mortality";
import { fitCurve } from "../core/curves";
import { invalid, McevError } from "../core/errors";
import { GENERATORS, toInvestmentScenarios, type ScenarioGenerator, type ScenarioSet } from "../core/esg/simulation";
import { fromCells, type HeaderTable } from "../core/projection/table";
import type { SavingsBasis } from "../core/savings/basis";
import { readSavingsPoints } from "../core/savings/modelPointTable";
import { readProductSpecs } from "../core/savings/productSpec";
import { readSurrenderCharges } from "../core/savings/surrenderCharge";
import { tvfogEstimate, valueVaBlock, vaHorizon, vaScenarioSpec, type TvfogEstimate, type VaBlock, type VaBlockValue, type VaEconomy } from "../core/valuation/tvfog";
import { timeMajor, type TimeMajorScenarios } from "../core/valuation/vaKernel";
import { asMatrix, isMatrix, numericVector, optionalBoolean, requiredNumber, type Argument } from "./args";
import type { CellMatrix, CellValue } from "./cells";
import type { FunctionSpec } from "./registry";
import { equityVolArg } from "./esgCheck";
import { cachedScenarios } from "./scenarioCache";

/**
 * The time value of financial options and guarantees (issue 5; core: src/core/valuation/tvfog.ts):
 *
 *   MCEV.TVFOG(stochastic_pvs, ce_pv, [antithetic])   mean of given scenario PVs − the CE PV, with its
 *                                                     Monte Carlo standard error and 95% interval
 *   MCEV.TVFOG.VA(model_points, product_specs, terms, rates, a, sigma, equity_vol, correlation, [tables])
 *                                                     the same for a block of variable annuities
 *                                                     projected here under Hull–White + equity scenarios
 *
 * One Excel name cannot take two signatures, so the block form is its own function. Its fixed
 * arguments are the block (model points, product specs) and the scenario model in ESG.CHECK's order
 * (curve, a, σ, equity volatility, correlation); everything optional — decrement tables and run options —
 * comes as name/value pairs like MCEV.PROJECT's, so a formula names what it sets and new options never
 * shift positions. It runs on the scenario functions' long-lived worker (worker/client.ts), where the
 * scenario set of the same inputs is simulated once and shared by every cell (./scenarioCache.ts).
 * Both spill a two-column table, label | value, with the TVFOG in the first row.
 */

/** The rows of the simple form. */
function estimateRows(e: TvfogEstimate): CellMatrix {
  return [
    ["tvfog", e.tvfog],
    ["standard error", e.standardError],
    ["lower 95%", e.lower],
    ["upper 95%", e.upper],
    ["scenarios", e.scenarios],
  ];
}

/** The rows of the block form: the estimate, then the parts (before tax). */
export function blockRows(v: VaBlockValue): CellMatrix {
  const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
  return [
    ...estimateRows(v.estimate),
    ["mean stochastic PV", v.estimate.meanStochastic],
    ["certainty-equivalent PV", v.cePv],
    ["mean GMDB cost", mean(v.stochastic.gmdb)],
    ["CE GMDB cost", v.ce.gmdb[0] as number],
    ["mean GMAB cost", mean(v.stochastic.gmab)],
    ["CE GMAB cost", v.ce.gmab[0] as number],
    ["months", v.steps],
  ];
}


const TABLES = ["mortality", "lapse", "surrender_charges"] as const;
const NUMBERS = ["scenarios", "seed", "dividend_yield", "equity_share", "coi_multiple", "expense_acq", "expense_maint", "commission_rate", "expense_inflation"] as const;
const OTHER = ["antithetic", "generator"] as const;
type Option = (typeof TABLES)[number] | (typeof NUMBERS)[number] | (typeof OTHER)[number];
const ALIASES: Readonly<Record<string, Option>> = { surr_charge: "surrender_charges", surr_charge_table: "surrender_charges", mort_table: "mortality" };

interface VaRun {
  block: VaBlock;
  economy: VaEconomy;
}

/** The pairs after the fixed arguments: tables (a range with its header row) and options (a value). Errors name the pair. */
function readPairs(rest: readonly Argument[]): { tables: Partial<Record<(typeof TABLES)[number], HeaderTable>>; values: Partial<Record<Option, CellValue>> } {
  if (rest.length % 2 !== 0) invalid("tables", `has ${rest.length} arguments; give pairs of a name and a range (or value)`);
  const tables: Partial<Record<(typeof TABLES)[number], HeaderTable>> = {};
  const values: Partial<Record<Option, CellValue>> = {};
  const known = [...TABLES, ...NUMBERS, ...OTHER] as readonly string[];
  for (let k = 0; k < rest.length; k += 2) {
    const pair = k / 2 + 1;
    const raw = rest[k];
    const name = isMatrix(raw) ? raw[0]?.[0] : raw;
    if (typeof name !== "string" || name.trim() === "") invalid("tables", `pair ${pair}: the first of each pair is a name like "mortality"; got ${JSON.stringify(name ?? null)}`);
    const lower = name.trim().toLowerCase();
    const key = (ALIASES[lower] ?? lower) as Option;
    if (!known.includes(key)) invalid("tables", `pair ${pair}: unknown name "${name}"; expected a table (${TABLES.join(", ")}) or an option (${[...NUMBERS, ...OTHER].join(", ")})`);
    if (key in tables || key in values) invalid("tables", `pair ${pair}: "${key}" is given twice`);
    const value = rest[k + 1];
    if ((TABLES as readonly string[]).includes(key)) {
      if (!isMatrix(value)) invalid("tables", `pair ${pair} ("${key}"): give the table as a range with its header row`);
      tables[key as (typeof TABLES)[number]] = fromCells(key, asMatrix(value, key));
      continue;
    }
    const v: CellValue | undefined = isMatrix(value) ? (asMatrix(value, key).length === 1 && asMatrix(value, key)[0]?.length === 1 ? value[0]?.[0] : invalid("tables", `pair ${pair} ("${key}"): expected a single value, got a range`)) : value;
    // blank: not given (the default)
    if (v === null || v === undefined || v === "") continue;
    values[key] = v;
  }
  return { tables, values };
}

function numberOption(values: Partial<Record<Option, CellValue>>, key: (typeof NUMBERS)[number], fallback: number, ok: (x: number) => boolean, what: string): number {
  const v = values[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) invalid("tables", `"${key}": ${JSON.stringify(v)} is not ${what}`);
  return v;
}

/** The block and the scenario inputs of MCEV.TVFOG.VA's arguments. */
export function vaRun(args: readonly Argument[]): VaRun {
  const [modelPoints, productSpecs, terms, rates, a, sigma, equityVol, correlation, ...rest] = args;
  if (!isMatrix(modelPoints)) invalid("model_points", "is a single value; give the VA model point table with its header row");
  if (!isMatrix(productSpecs)) invalid("product_specs", "is a single value; give the product spec table with its header row");
  const { tables, values } = readPairs(rest);
  const t = numericVector(terms, "terms");
  const r = numericVector(rates, "rates");
  const curve = fitCurve({ terms: t, rates: r });
  const charges = tables.surrender_charges ? readSurrenderCharges(tables.surrender_charges) : undefined;
  const points = readSavingsPoints(fromCells("model_points", modelPoints), readProductSpecs(fromCells("product_specs", productSpecs), charges)).points;
  let mortality;
  if (tables.mortality) {
    const m = readMortality(tables.mortality);
    if (!m.tables.unisex) invalid("tables", '"mortality" has rates by sex; the account-value engine takes one table for everybody');
    mortality = m.tables.unisex;
  }
  const nonNegative = (x: number) => x >= 0;
  const basis: SavingsBasis = {
    ...(mortality ? { mortality } : {}),
    ...(tables.lapse ? { lapse: readLapse(tables.lapse) } : {}),
    ...(charges ? { surrenderCharges: charges } : {}),
    coiMultiple: numberOption(values, "coi_multiple", 0, nonNegative, "a COI multiple >= 0"),
    acquisitionPerPolicy: numberOption(values, "expense_acq", 0, nonNegative, "an amount >= 0"),
    maintenancePerPolicyPerYear: numberOption(values, "expense_maint", 0, nonNegative, "an amount >= 0"),
    commissionRate: numberOption(values, "commission_rate", 0, (x) => x >= 0 && x <= 10, "a share of premium from 0 to 10"),
  };
  const generatorText = values.generator;
  let generator: ScenarioGenerator = "PSEUDO";
  if (generatorText !== undefined) {
    const g = String(generatorText).trim().toUpperCase();
    if (!(GENERATORS as readonly string[]).includes(g)) invalid("tables", `"generator": ${JSON.stringify(generatorText)} is not PSEUDO or SOBOL`);
    generator = g as ScenarioGenerator;
  }
  const economy: VaEconomy = {
    curve,
    curveKey: `${curve.method}|${Array.from(t).join(",")}|${Array.from(r).join(",")}`,
    a: requiredNumber(a, "a"),
    sigma: requiredNumber(sigma, "sigma"),
    equityVol: equityVolArg(equityVol),
    correlation: requiredNumber(correlation, "correlation"),
    dividendYield: numberOption(values, "dividend_yield", 0, () => true, "a dividend yield"),
    scenarios: numberOption(values, "scenarios", 1000, (x) => Number.isInteger(x) && x >= 2, "a whole number of scenarios >= 2"),
    seed: numberOption(values, "seed", 0, (x) => Number.isSafeInteger(x) && x >= 0, "a whole number >= 0"),
    antithetic: optionalBoolean(values.antithetic ?? null, "antithetic", true),
    generator,
    equityShare: numberOption(values, "equity_share", 1, (x) => x >= 0 && x <= 1, "a share of the funds in equity from 0 to 1"),
  };
  const block: VaBlock = { points, basis, expenseInflation: numberOption(values, "expense_inflation", 0, (x) => x > -1 && x < 1, "an inflation rate above −1 and below 1") };
  return { block, economy };
}

/** Each simulated set converted once to the kernel's layout, per equity share. */
const converted = new WeakMap<ScenarioSet, Map<number, TimeMajorScenarios>>();

/** The block's scenarios: the set of its scenario inputs from the shared cache, in the kernel's layout. */
function blockScenarios(run: VaRun): TimeMajorScenarios {
  const { years } = vaHorizon(run.block);
  const set = cachedScenarios(vaScenarioSpec(run.economy, years));
  const share = run.economy.equityShare ?? 1;
  let byShare = converted.get(set);
  if (!byShare) converted.set(set, (byShare = new Map()));
  let tm = byShare.get(share);
  if (!tm) {
    const inv = toInvestmentScenarios(set, share);
    tm = timeMajor(inv, inv.steps);
    byShare.set(share, tm);
  }
  return tm;
}

/** A core error about a scenario or block argument that the function has under another name. */
function renamed(e: unknown): unknown {
  if (!(e instanceof McevError) || e.argument === undefined) return e;
  const map: Record<string, string> = { equityShare: "tables", expense_inflation: "tables", years: "model_points", curveHorizon: "terms" };
  const to = map[e.argument];
  return to ? new McevError(e.code, `${e.argument}: ${e.detail}`, { argument: to }) : e;
}

const USD = "{5;10;15;20;25;30},{0.0124;0.0209;0.0251;0.0264;0.027;0.0274}";

export const tvfogFunctions: readonly FunctionSpec[] = [
  {
    name: "TVFOG",
    parameters: [{ name: "stochastic_pvs" }, { name: "ce_pv" }, { name: "antithetic", optional: true }],
    examples: ["=MCEV.TVFOG({-12.1;-3.4;-8.8;-15.2;-9.9;-7.3},-5.2)", "=MCEV.TVFOG({-12.1;-3.4;-8.8;-15.2;-9.9;-7.3},-5.2,TRUE)"],
    invoke: ([pvs, ce, antithetic]) => estimateRows(tvfogEstimate(numericVector(pvs, "stochastic_pvs"), requiredNumber(ce, "ce_pv"), optionalBoolean(antithetic, "antithetic", false))),
  },
  {
    name: "TVFOG.VA",
    parameters: [{ name: "model_points" }, { name: "product_specs" }, { name: "terms" }, { name: "rates" }, { name: "a" }, { name: "sigma" }, { name: "equity_vol" }, { name: "correlation" }, { name: "tables", repeating: true }],
    examples: [
      `=MCEV.TVFOG.VA(VA_POINTS,VA_SPECS,${USD},0.02,0.0115,0.263,0.4,"mortality",MORTALITY,"lapse",LAPSE,"scenarios",1000)`,
      `=MCEV.TVFOG.VA(VA_POINTS,VA_SPECS,${USD},0.02,0.0115,{1,0.3;5,0.27;10,0.25},0.4,"mortality",MORTALITY,"scenarios",2000,"seed",7,"generator","SOBOL","equity_share",0.6,"expense_maint",40)`,
    ],
    invoke: (args) => {
      try {
        const run = vaRun(args);
        return blockRows(valueVaBlock(run.block, run.economy, blockScenarios(run)));
      } catch (e) {
        throw renamed(e);
      }
    },
  },
];
