import * as v from "valibot";
import type { AssumptionSet } from "../assumptions/assumptionSet";
import { amount, commissionRate, interest, numberIn, rate, text, wholeIn } from "../assumptions/fields";
import { readParameters } from "../assumptions/parameters";
import { readRows, usable } from "../assumptions/rows";
import type { YieldCurve } from "../curves/yieldCurve";
import { invalid, McevError } from "../errors";
import { calibrateHullWhite, type CalibrationQuote } from "../esg/calibration";
import { resolveVolType } from "../esg/quotes";
import { GENERATORS, type ScenarioGenerator } from "../esg/simulation";
import type { MortalityTable } from "../projection/mortality";
import type { HeaderTable } from "../projection/table";
import type { SavingsBasis } from "../savings/basis";
import { readSavingsPoints } from "../savings/modelPointTable";
import type { SavingsPoints } from "../savings/modelPoints";
import { readProductSpecs } from "../savings/productSpec";
import { readSurrenderCharges, type SurrenderChargeTable } from "../savings/surrenderCharge";
import { valueVaBlock, type VaBlockValue, type VaEconomy } from "./tvfog";

/**
 * A block of variable annuities (account-value business with GMDB / GMAB guarantees) inside an entity
 * of the valuation run, valued stochastically for its TVFOG (tvfog.ts). Its tables, beside the
 * entity's ordinary assumption tables (an entity's own folder, or shared by the group):
 *
 *   va_model_points        the account-value model points (savings/modelPointTable.ts: spec_id,
 *                          age_at_entry, policy_term, policy_count, sum_assured, duration_mth,
 *                          premium_pp, av_pp_init, accum_prem_init_pp) — in force (duration_mth >= 0)
 *   va_product_specs       the product specs (savings/productSpec.ts: premium_type, fee_rate, gmdb,
 *                          gmab, roll_up_rate, surrender charge, …)
 *   va_surrender_charges   surrender-charge rates by policy year (savings/surrenderCharge.ts), optional
 *   va_basis               name,value: coi_multiple, expense_acq, expense_maint, commission_rate,
 *                          expense_inflation, equity_share (all optional, see VaBasisSchema)
 *   esg                    name,value: the scenario inputs (EsgParametersSchema): a and sigma of the
 *                          Hull–White short rate (or, both blank, calibrated to swaption_vols),
 *                          equity_vol, correlation, dividend_yield, scenarios, seed, antithetic,
 *                          generator, vol_type
 *   swaption_vols          expiry,tenor,vol: at-the-money swaption volatilities to calibrate a and σ to
 *                          (on the entity's curve), when the esg table leaves a and sigma blank
 *
 * Decrements come from the entity's own tables: `mortality` (one table for everybody: the account-value
 * engine has no sex; select columns by policy year as for the other products) and `lapse`. The curve is
 * the entity's reference curve (valuation/run.ts runCurve), so an interest shock moves the scenarios too.
 */
export const VA_TABLES = ["va_model_points", "va_product_specs", "va_surrender_charges", "va_basis", "esg", "swaption_vols"] as const;

export function isVaTable(key: string): boolean {
  return (VA_TABLES as readonly string[]).includes(key.toLowerCase().replace(/\.csv$/, ""));
}

export const VaBasisSchema = v.object({
  coi_multiple: v.optional(numberIn("a COI multiple >= 0 (lifelib: 1.1)", 0, 100), 0),
  expense_acq: v.optional(amount(), 0),
  expense_maint: v.optional(amount(), 0),
  commission_rate: v.optional(commissionRate(), 0),
  expense_inflation: v.optional(interest(), 0),
  equity_share: v.optional(rate(), 1),
});

export const EsgParametersSchema = v.object({
  a: v.optional(numberIn("a mean reversion speed > 0 (e.g. 0.02)", 0, 100, { lo: true })),
  sigma: v.optional(numberIn("an absolute short-rate volatility > 0 (e.g. 0.0115)", 0, 1, { lo: true })),
  vol_type: v.optional(text()),
  equity_vol: numberIn("an equity volatility >= 0 (a decimal: 0.263 for 26.3%)", 0, 2),
  correlation: numberIn("a correlation between −1 and 1 (a decimal: −0.4 for −40%)", -1, 1),
  dividend_yield: v.optional(numberIn("a dividend yield between −1 and 1 (a decimal)", -1, 1), 0),
  scenarios: v.optional(wholeIn("a whole number of scenarios from 2 to 100000", 2, 100_000), 1000),
  seed: v.optional(wholeIn("a whole number >= 0", 0, Number.MAX_SAFE_INTEGER), 0),
  antithetic: v.optional(v.boolean("TRUE or FALSE"), true),
  generator: v.optional(text(), "PSEUDO"),
});

const SwaptionRowSchema = v.object({
  expiry: numberIn("an expiry in years > 0", 0, 100, { lo: true }),
  tenor: numberIn("a swap length in years > 0", 0, 100, { lo: true }),
  vol: numberIn("a volatility > 0", 0, 10, { lo: true }),
});

/** A VA block as read from its tables, before it meets the entity's decrements and curve. */
export interface VaBlockInput {
  points: SavingsPoints;
  surrenderCharges?: SurrenderChargeTable;
  coiMultiple: number;
  acquisitionPerPolicy: number;
  maintenancePerPolicyPerYear: number;
  commissionRate: number;
  expenseInflation: number;
  equityShare: number;
  /** Given a and σ, or swaption quotes to calibrate them to. */
  a?: number;
  sigma?: number;
  swaptions?: { quotes: CalibrationQuote[]; volType: string | undefined };
  equityVol: number;
  correlation: number;
  dividendYield: number;
  scenarios: number;
  seed: number;
  antithetic: boolean;
  generator: ScenarioGenerator;
  /** Market shocks applied (valuation/shocks.ts): AV × equity, equity vol × equityVol, swaption vols (or σ) × swaptionVol. */
  shock: { equity: number; equityVol: number; swaptionVol: number };
}

/** An assumption set that may carry a VA block (the valuation run's entities). */
export type SetWithVa = AssumptionSet & { variableAnnuity?: VaBlockInput };

/** The VA block of an entity's tables (keys as in groupTables: lower-case names), or undefined when it has none. */
export function readVaBlock(tables: Readonly<Record<string, HeaderTable>>): VaBlockInput | undefined {
  const get = (name: string) => tables[name] ?? tables[`${name}.csv`];
  const mp = get("va_model_points");
  const specsTable = get("va_product_specs");
  // no model points, no block: the other VA tables may be shared by the group (esg, specs) and are ignored
  if (!mp) return undefined;
  if (!specsTable) invalid("va_product_specs", "is missing; the VA block's model points (va_model_points) name their product specs (spec_id)");
  const esgTable = get("esg");
  if (!esgTable) invalid("esg", "is missing; a VA block needs the scenario parameters (name,value: a, sigma, equity_vol, correlation, scenarios, seed)");
  const chargesTable = get("va_surrender_charges");
  const surrenderCharges = chargesTable ? readSurrenderCharges(chargesTable) : undefined;
  const points = readSavingsPoints(mp, readProductSpecs(specsTable, surrenderCharges)).points;
  for (let i = 0; i < points.count; i++) {
    if ((points.durationMonths[i] as number) < 0) invalid(mp.name, `row ${i + 1}, column duration_mth: ${points.durationMonths[i]} is a policy issued after the valuation date; the VA block values the business in force (duration_mth >= 0)`);
  }
  const basisTable = get("va_basis");
  const b = basisTable ? readParameters(usable(basisTable), VaBasisSchema) : v.parse(VaBasisSchema, {});
  const e = readParameters(usable(esgTable), EsgParametersSchema);
  const generator = e.generator.trim().toUpperCase();
  if (!(GENERATORS as readonly string[]).includes(generator)) invalid(esgTable.name, `generator: "${e.generator}" is not PSEUDO or SOBOL`);
  if (e.antithetic && e.scenarios % 2 !== 0) invalid(esgTable.name, `scenarios: ${e.scenarios} is odd; antithetic pairs need an even number`);
  const block: VaBlockInput = {
    points,
    ...(surrenderCharges ? { surrenderCharges } : {}),
    coiMultiple: b.coi_multiple,
    acquisitionPerPolicy: b.expense_acq,
    maintenancePerPolicyPerYear: b.expense_maint,
    commissionRate: b.commission_rate,
    expenseInflation: b.expense_inflation,
    equityShare: b.equity_share,
    equityVol: e.equity_vol,
    correlation: e.correlation,
    dividendYield: e.dividend_yield,
    scenarios: e.scenarios,
    seed: e.seed,
    antithetic: e.antithetic,
    generator: generator as ScenarioGenerator,
    shock: { equity: 1, equityVol: 1, swaptionVol: 1 },
  };
  const swaptionTable = get("swaption_vols");
  if (e.a !== undefined && e.sigma !== undefined) {
    if (swaptionTable) invalid(esgTable.name, "gives a and sigma, and a swaption_vols table is given too; give a and sigma, or leave them blank to calibrate to swaption_vols");
    return { ...block, a: e.a, sigma: e.sigma };
  }
  if (e.a !== undefined || e.sigma !== undefined) invalid(esgTable.name, `gives ${e.a !== undefined ? "a" : "sigma"} but not ${e.a !== undefined ? "sigma" : "a"}; give both, or neither to calibrate them to swaption_vols`);
  if (!swaptionTable) invalid(esgTable.name, "has no a and sigma, and no swaption_vols table is given to calibrate them to");
  const { rows } = readRows(usable(swaptionTable), SwaptionRowSchema);
  if (e.vol_type !== undefined) resolveVolType(e.vol_type, "vol_type");
  return { ...block, swaptions: { quotes: rows.map((r) => ({ expiry: r.expiry, tenor: r.tenor, vol: r.vol })), volType: e.vol_type } };
}

/** The block under a market shock: factors multiply those already applied. */
export function shockVaBlock(block: VaBlockInput, shock: { equity?: number; equityVolatility?: number; swaptionVolatility?: number }): VaBlockInput {
  const f = (x: number | undefined) => x ?? 1;
  return { ...block, shock: { equity: block.shock.equity * f(shock.equity), equityVol: block.shock.equityVol * f(shock.equityVolatility), swaptionVol: block.shock.swaptionVol * f(shock.swaptionVolatility) } };
}

/** The block's mortality: the entity's table for everybody (the engine has no sex). */
function unisexMortality(set: AssumptionSet): MortalityTable | undefined {
  const m = set.mortality;
  if (!m) return undefined;
  if (m.tables.unisex) return m.tables.unisex;
  return invalid("mortality", "has rates by sex; the VA block's account-value engine takes one table for everybody (give the VA block's entity a mortality table without a sex column)");
}

/** The scenario inputs of a block on a curve (calibrating a and σ when the block gives swaption quotes), with its shocks applied. */
export function vaEconomy(block: VaBlockInput, curve: YieldCurve, curveKey: string | undefined): VaEconomy {
  let a = block.a;
  let sigma = block.sigma;
  const k = block.shock.swaptionVol;
  if (block.swaptions) {
    // swaption vols × factor, recalibrated
    const quotes = block.swaptions.quotes.map((q) => ({ ...q, vol: q.vol * k }));
    try {
      const fit = calibrateHullWhite(curve, quotes, { volType: resolveVolType(block.swaptions.volType, "vol_type") });
      a = fit.a;
      sigma = fit.sigma;
    } catch (e) {
      if (e instanceof McevError) throw new McevError(e.code, `swaption_vols: ${e.detail}`, { argument: "esg" });
      throw e;
    }
  } else {
    // a given σ × factor: a swaption's normal volatility is proportional to σ for a fixed a
    sigma = (sigma as number) * k;
  }
  return {
    curve,
    ...(curveKey !== undefined ? { curveKey } : {}),
    a: a as number,
    sigma: sigma as number,
    equityVol: block.equityVol * block.shock.equityVol,
    correlation: block.correlation,
    dividendYield: block.dividendYield,
    scenarios: block.scenarios,
    seed: block.seed,
    antithetic: block.antithetic,
    generator: block.generator,
    equityShare: block.equityShare,
  };
}

/** The points with the equity shock on the account values at the valuation date. */
function shockedPoints(block: VaBlockInput): SavingsPoints {
  const f = block.shock.equity;
  if (f === 1) return block.points;
  return { ...block.points, avInit: block.points.avInit.map((x) => x * f) };
}

/** Values an entity's VA block on the entity's decrements and curve: CE PV, stochastic PVs, TVFOG (before tax). */
export function valueEntityVaBlock(block: VaBlockInput, set: AssumptionSet, curve: YieldCurve, curveKey: string | undefined): VaBlockValue {
  const mortality = unisexMortality(set);
  const basis: SavingsBasis = {
    ...(mortality ? { mortality } : {}),
    ...(set.lapse ? { lapse: set.lapse } : {}),
    ...(block.surrenderCharges ? { surrenderCharges: block.surrenderCharges } : {}),
    coiMultiple: block.coiMultiple,
    acquisitionPerPolicy: block.acquisitionPerPolicy,
    maintenancePerPolicyPerYear: block.maintenancePerPolicyPerYear,
    commissionRate: block.commissionRate,
  };
  return valueVaBlock({ points: shockedPoints(block), basis, expenseInflation: block.expenseInflation }, vaEconomy(block, curve, curveKey));
}
