import type { AssumptionSet } from "../assumptions/assumptionSet";
import { invalid, McevError } from "../errors";
import { runCurve, valueEntity, type EntityOptions, type EntityValuation } from "./run";
import { shockAssumptions, type Shock } from "./shocks";

/**
 * A group MCEV run (seed 003 §3, Tables 1, 5, 8, 9, 13): several entities, each valued in its own
 * currency on its own reference curve and tax rate, then converted at the closing FX rates into the
 * reporting currency and added. The reported tables are built by report.ts.
 */
export interface EntityInput {
  /** A short name, unique in the group: the column heading of the reported tables. */
  name: string;
  /** The entity's assumption set: its model points (in force and new business) and tables. */
  set: AssumptionSet;
  /** Currency of the entity's figures and of its reference curve (ISO code, e.g. "USD"). */
  currency: string;
  /** Row of the tax table (seed 003 Table 14), e.g. "USA". */
  taxJurisdiction?: string;
  /** SNW in the entity's currency. */
  shareholdersNetWorth: number;
  /** Non-hedgeable risk capital at the valuation date, in the entity's currency (e.g. from MCEV.NHRBC). */
  nhrCapital: number;
  /** Adjusted IFRS equity of the entity, in its currency (Table 8). Default 0. */
  ifrsEquity?: number;
  /** Overrides the 10-year yield of the traditional EV's risk discount rate (default: the curve's 10-year rate). */
  govt10y?: number;
  /** Return on the locked-in capital of the traditional EV (default govt10y). */
  projectedReturn?: number;
}

export interface ReportingOptions {
  /** Reported amounts are in units of this many currency units: 1, 1,000 or 1,000,000. Default 1. */
  unit: number;
  /** Decimal places of the reported amounts. Default 2 for unit 1, else 1. */
  decimals: number;
}

export interface GroupInput {
  /** The reporting currency (seed 003: EUR). */
  reportingCurrency: string;
  /** Closing FX: units of each currency per ONE unit of the reporting currency (seed 003 Table 13: USD 1.3030). */
  fx: ReadonlyMap<string, number>;
  costOfCapital: number;
  frictionalInvestmentExpenses?: number;
  valuationYear?: number;
  curveMethod?: string;
  ufr?: number;
  /** Risk margin of the traditional EV's discount rate over the 10-year yield. Default 0.035 (seed 001). */
  rdrMargin?: number;
  /** Group IFRS equity excluding minorities, in the reporting currency (Table 9); absent: no Table 9. */
  groupIfrsEquity?: number;
  reporting?: Partial<ReportingOptions>;
  entities: readonly EntityInput[];
}

export interface EntityResult {
  input: EntityInput;
  /** Units of the entity's currency per unit of the reporting currency (1 for the reporting currency). */
  fxRate: number;
  valuation: EntityValuation;
}

export interface GroupValuation {
  reportingCurrency: string;
  reporting: ReportingOptions;
  groupIfrsEquity: number | undefined;
  entities: EntityResult[];
  /** The shock the run was made with, if any. */
  shock: Shock | undefined;
}

export const DEFAULT_RDR_MARGIN = 0.035;

function checkCurrency(code: string, name: string): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) invalid(name, `"${code}" is not a three-letter currency code (EUR, USD, GBP, …)`);
  return c;
}

/** The FX rate of a currency: 1 for the reporting currency, else the table's rate (> 0). */
export function fxRate(fx: ReadonlyMap<string, number>, currency: string, reportingCurrency: string, entity: string): number {
  if (currency === reportingCurrency) return 1;
  const rate = fx.get(currency);
  if (rate === undefined) {
    invalid("fx", `has no rate for ${currency} (entity ${entity}); give the units of ${currency} per 1 ${reportingCurrency} (seed 003 Table 13: USD 1.3030 per EUR)`);
  }
  if (!Number.isFinite(rate) || rate <= 0) invalid("fx", `${currency}: ${rate} is not a rate > 0 (units of ${currency} per 1 ${reportingCurrency})`);
  return rate;
}

export function checkReporting(r: Partial<ReportingOptions> | undefined): ReportingOptions {
  const unit = r?.unit ?? 1;
  if (![1, 1000, 1_000_000].includes(unit)) invalid("reporting_unit", `${unit} is not 1, 1000 or 1000000`);
  const decimals = r?.decimals ?? (unit === 1 ? 2 : 1);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) invalid("reporting_decimals", `${decimals} is not a whole number of decimal places from 0 to 6`);
  return { unit, decimals };
}

/** Re-throws an entity's error with the entity named, keeping its code and location. */
function inEntity<T>(entity: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof McevError) {
      throw new McevError(e.code, e.detail, { argument: `entity ${entity}, ${e.argument ?? "valuation"}`, ...(e.index !== undefined ? { index: e.index } : {}), ...(e.position !== undefined ? { position: e.position } : {}) });
    }
    throw e;
  }
}

/** Values every entity (optionally under a shock applied to every entity's assumptions). */
export function valueGroup(input: GroupInput, shock?: Shock): GroupValuation {
  const reportingCurrency = checkCurrency(input.reportingCurrency, "reporting_currency");
  const reporting = checkReporting(input.reporting);
  if (input.entities.length === 0) invalid("entities", "is empty; a group run needs at least one entity");
  const names = new Set<string>();
  input.entities.forEach((e, i) => {
    if (!e.name.trim()) invalid("entities", "an entity has no name", i);
    if (names.has(e.name)) invalid("entities", `the name "${e.name}" is used twice`, i);
    names.add(e.name);
  });
  if (input.groupIfrsEquity !== undefined && !Number.isFinite(input.groupIfrsEquity)) invalid("group_ifrs_equity", `${input.groupIfrsEquity} is not a finite number`);
  const rdrMargin = input.rdrMargin ?? DEFAULT_RDR_MARGIN;
  // check every FX rate before the (longer) projections, so a missing rate is reported at once
  const rates = input.entities.map((e) => fxRate(input.fx, checkCurrency(e.currency, "currency"), reportingCurrency, e.name));

  const entities = input.entities.map((e, i): EntityResult =>
    inEntity(e.name, () => {
      const currency = checkCurrency(e.currency, "currency");
      if (e.ifrsEquity !== undefined && !Number.isFinite(e.ifrsEquity)) invalid("ifrs_equity", `${e.ifrsEquity} is not a finite number`);
      const set = shock ? shockAssumptions(e.set, shock) : e.set;
      const govt10y = e.govt10y;
      const returnShift = shock?.projectedReturns ?? 0;
      const options: EntityOptions = {
        currency,
        shareholdersNetWorth: e.shareholdersNetWorth,
        costOfCapital: input.costOfCapital,
        nhrCapital: e.nhrCapital,
        traditional: {
          rdrMargin: rdrMargin + (shock?.discountRate ?? 0),
          ...(govt10y !== undefined ? { govt10y } : {}),
          ...(e.projectedReturn !== undefined || returnShift !== 0 ? { projectedReturnShift: returnShift, ...(e.projectedReturn !== undefined ? { projectedReturn: e.projectedReturn } : {}) } : {}),
        },
        ...(e.taxJurisdiction !== undefined ? { taxJurisdiction: e.taxJurisdiction } : {}),
        ...(input.frictionalInvestmentExpenses !== undefined ? { frictionalInvestmentExpenses: input.frictionalInvestmentExpenses } : {}),
        ...(input.valuationYear !== undefined ? { valuationYear: input.valuationYear } : {}),
        ...(input.curveMethod !== undefined ? { curveMethod: input.curveMethod } : {}),
        ...(input.ufr !== undefined ? { ufr: input.ufr } : {}),
      };
      runCurve(set, options); // a currency without a curve fails here, before the projection
      return { input: e, fxRate: rates[i] as number, valuation: valueEntity(set, options) };
    }),
  );
  return { reportingCurrency, reporting, groupIfrsEquity: input.groupIfrsEquity, entities, shock };
}
