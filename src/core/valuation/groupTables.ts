import * as v from "valibot";
import { readAssumptionSet } from "../assumptions/assumptionSet";
import { interest, numberIn, rate, text, wholeIn } from "../assumptions/fields";
import { readParameters } from "../assumptions/parameters";
import { KeyRegistry, readRows, usable } from "../assumptions/rows";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import type { EntityInput, GroupInput } from "./group";
import { NHR_TABLES, nhrCapitalFromTables } from "./nhrTables";
import { isVaTable, readVaBlock, type SetWithVa } from "./vaBlock";

/**
 * The tables of a group valuation, wherever they live (a folder of CSV files, a workbook's sheets, the
 * task pane's Excel tables), keyed by path:
 *
 *   valuation              group parameters (name,value), see GroupParametersSchema
 *   entities               one row per entity (EntityRowSchema); absent: ONE entity described by valuation
 *   fx                     currency,rate — units of the currency per 1 unit of the reporting currency
 *   <table>                an assumption table shared by every entity (mortality, tax, zero_curve, …)
 *   <folder>/<table>       an entity's own table; it replaces the shared table of the same kind
 *
 * An entity's folder is its `assumptions` cell, by default its name. An entity may hold a block of
 * variable annuities: the tables va_model_points, va_product_specs, va_surrender_charges, va_basis,
 * esg, swaption_vols (vaBlock.ts; the esg table is typically shared by the group).
 */
export const GROUP_TABLES = ["valuation", "entities", "fx"] as const;

const FINITE = "a finite number";
const finite = () => numberIn(FINITE, -Infinity, Infinity);

export const GroupParametersSchema = v.object({
  reporting_currency: v.optional(text()),
  valuation_year: v.optional(wholeIn("a calendar year from 1900 to 2200", 1900, 2200)),
  cost_of_capital: rate(),
  frictional_investment_expenses: v.optional(rate()),
  curve_method: v.optional(text()),
  ufr: v.optional(interest()),
  rdr_margin: v.optional(rate()),
  group_ifrs_equity: v.optional(finite()),
  reporting_unit: v.optional(numberIn("1, 1000 or 1000000", 1, 1_000_000)),
  reporting_decimals: v.optional(wholeIn("a whole number of decimals from 0 to 6", 0, 6)),
  // the one-entity form (no entities table)
  currency: v.optional(text()),
  tax_jurisdiction: v.optional(text()),
  shareholders_net_worth: v.optional(finite()),
  nhr_capital: v.optional(numberIn("an amount >= 0", 0, Infinity)),
  ifrs_equity: v.optional(finite()),
});

export const EntityRowSchema = v.object({
  entity: text(),
  currency: text(),
  tax_jurisdiction: v.optional(text()),
  assumptions: v.optional(text()),
  shareholders_net_worth: finite(),
  nhr_capital: v.optional(numberIn("an amount >= 0 (NHR capital)", 0, Infinity)),
  ifrs_equity: v.optional(finite()),
  govt10y: v.optional(interest()),
  projected_return: v.optional(interest()),
});

export const FxRowSchema = v.object({ currency: text(), rate: numberIn("an FX rate > 0 (units of the currency per 1 unit of the reporting currency)", 0, Infinity, { lo: true }) });

/** Closing FX rates by currency code (upper case). */
export function readFx(input: HeaderTable): Map<string, number> {
  const table = usable(input);
  const { rows, columns } = readRows(table, FxRowSchema, { aliases: { rate: ["closing", "per_eur", "closing_rate"] } });
  const keys = new KeyRegistry<string>(table);
  const fx = new Map<string, number>();
  rows.forEach((row, r) => {
    const ccy = row.currency.toUpperCase();
    keys.add(ccy, r, columns.label("currency"), () => row.currency);
    fx.set(ccy, row.rate);
  });
  return fx;
}

const isEntityTable = (key: string) => key.includes("/");
const isGroupTable = (key: string) => (GROUP_TABLES as readonly string[]).includes(key.toLowerCase());
const isNhrTable = (key: string) => (NHR_TABLES as readonly string[]).includes(key.toLowerCase());

/** The assumption set of an entity's tables, with its VA block when it has one. */
function entitySet(own: Record<string, HeaderTable>): SetWithVa {
  const assumptionTables = Object.fromEntries(Object.entries(own).filter(([k]) => !isNhrTable(k) && !isVaTable(k)));
  const va = readVaBlock(Object.fromEntries(Object.entries(own).filter(([k]) => isVaTable(k)).map(([k, t]) => [k.toLowerCase().replace(/\.csv$/, ""), t])));
  const set: SetWithVa = readAssumptionSet(assumptionTables);
  if (va) set.variableAnnuity = va;
  return set;
}

/** The tables of one entity (assumption and NHR tables): the shared ones, replaced by the entity folder's own. */
function entityTables(tables: Readonly<Record<string, HeaderTable>>, folder: string): Record<string, HeaderTable> {
  const out: Record<string, HeaderTable> = {};
  for (const [key, t] of Object.entries(tables)) if (!isEntityTable(key) && !isGroupTable(key)) out[key.toLowerCase()] = t;
  const prefix = `${folder.toLowerCase()}/`;
  let own = 0;
  for (const [key, t] of Object.entries(tables)) {
    if (key.toLowerCase().startsWith(prefix)) {
      out[key.slice(prefix.length).toLowerCase()] = t;
      own++;
    }
  }
  if (own === 0) invalid("entities", `the assumptions folder "${folder}" has no tables`);
  return out;
}

/** The group run's input from its tables (see the module comment). */
export function groupInputFromTables(tables: Readonly<Record<string, HeaderTable>>): GroupInput {
  const find = (name: string) => Object.entries(tables).find(([k]) => k.toLowerCase() === name)?.[1];
  const valuation = find("valuation");
  if (!valuation) invalid("valuation", "is missing: the group parameters (name,value: cost_of_capital, reporting_currency, …)");
  const p = readParameters(usable(valuation), GroupParametersSchema);
  const entitiesTable = find("entities");
  const fxTable = find("fx");
  const fx = fxTable ? readFx(fxTable) : new Map<string, number>();

  let entities: EntityInput[];
  if (entitiesTable) {
    for (const k of ["currency", "tax_jurisdiction", "shareholders_net_worth", "nhr_capital", "ifrs_equity"] as const) {
      if (p[k] !== undefined) invalid(valuation.name, `gives ${k}, but with an entities table it belongs in the entities table`);
    }
    const t = usable(entitiesTable);
    const { rows } = readRows(t, EntityRowSchema, { aliases: { entity: ["name"] } });
    entities = rows.map((row, r) => {
      const own = entityTables(tables, row.assumptions ?? row.entity);
      return {
        name: row.entity,
        set: entitySet(own),
        currency: row.currency,
        shareholdersNetWorth: row.shareholders_net_worth,
        nhrCapital: row.nhr_capital ?? nhrCapitalOf(own, row.entity, t.name, r),
        ...(row.tax_jurisdiction !== undefined ? { taxJurisdiction: row.tax_jurisdiction } : {}),
        ...(row.ifrs_equity !== undefined ? { ifrsEquity: row.ifrs_equity } : {}),
        ...(row.govt10y !== undefined ? { govt10y: row.govt10y } : {}),
        ...(row.projected_return !== undefined ? { projectedReturn: row.projected_return } : {}),
      };
    });
  } else {
    if (p.shareholders_net_worth === undefined) invalid(valuation.name, 'has no row "shareholders_net_worth" (and there is no entities table)');
    if (p.nhr_capital === undefined) invalid(valuation.name, 'has no row "nhr_capital" (and there is no entities table)');
    const shared: Record<string, HeaderTable> = {};
    for (const [key, t] of Object.entries(tables)) if (!isGroupTable(key) && !isNhrTable(key)) shared[key] = t;
    const currency = p.currency ?? p.reporting_currency;
    if (currency === undefined) invalid(valuation.name, 'has no row "currency"; say the currency of the figures and of the curve (EUR, USD, …)');
    entities = [
      {
        name: currency.toUpperCase(),
        set: entitySet(shared),
        currency,
        shareholdersNetWorth: p.shareholders_net_worth,
        nhrCapital: p.nhr_capital,
        ...(p.tax_jurisdiction !== undefined ? { taxJurisdiction: p.tax_jurisdiction } : {}),
        ...(p.ifrs_equity !== undefined ? { ifrsEquity: p.ifrs_equity } : {}),
      },
    ];
  }
  const reportingCurrency = p.reporting_currency ?? (entities.length === 1 ? (entities[0] as EntityInput).currency : undefined);
  if (reportingCurrency === undefined) invalid(valuation.name, 'has no row "reporting_currency" (e.g. EUR)');
  return {
    reportingCurrency,
    fx,
    costOfCapital: p.cost_of_capital,
    entities,
    ...(p.frictional_investment_expenses !== undefined ? { frictionalInvestmentExpenses: p.frictional_investment_expenses } : {}),
    ...(p.valuation_year !== undefined ? { valuationYear: p.valuation_year } : {}),
    ...(p.curve_method !== undefined ? { curveMethod: p.curve_method } : {}),
    ...(p.ufr !== undefined ? { ufr: p.ufr } : {}),
    ...(p.rdr_margin !== undefined ? { rdrMargin: p.rdr_margin } : {}),
    ...(p.group_ifrs_equity !== undefined ? { groupIfrsEquity: p.group_ifrs_equity } : {}),
    reporting: { ...(p.reporting_unit !== undefined ? { unit: p.reporting_unit } : {}), ...(p.reporting_decimals !== undefined ? { decimals: p.reporting_decimals } : {}) },
  };
}

/** NHR capital from the entity's nhr_impacts and nhr_correlation tables, when its row leaves nhr_capital blank. */
function nhrCapitalOf(own: Record<string, HeaderTable>, entity: string, entitiesName: string, row: number): number {
  const impacts = own.nhr_impacts;
  const correlation = own.nhr_correlation;
  if (!impacts || !correlation) {
    invalid(entitiesName, `row ${row + 1}, column nhr_capital: is blank for entity ${entity}; give the NHR capital, or the tables nhr_impacts and nhr_correlation (${impacts ? "nhr_correlation" : "nhr_impacts"} is missing)`);
  }
  return nhrCapitalFromTables(impacts, correlation);
}
