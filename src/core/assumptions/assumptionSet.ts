import { invalid } from "../errors";
import type { LapseTable } from "../projection/lapse";
import type { YrtRates } from "../projection/products/yrtTreaty";
import type { HeaderTable } from "../projection/table";
import type { BySex } from "./ageTable";
import { readCapital, type CapitalBasis } from "./capital";
import { readCommission, type Commission } from "./commission";
import { readDiscountRates, type DiscountRates } from "./discountRates";
import { readExpenses, type Expenses } from "./expenses";
import type { ProductCode, Sex } from "./fields";
import { readMortalityImprovement, type MortalityImprovement } from "./improvement";
import { readLapse } from "./lapse";
import { readModelPoints, type ModelPointOptions, type ModelPointTable } from "./modelPoints";
import { readMortality, type MortalityBasis } from "./mortality";
import { readPremiumRates, type PremiumRates } from "./premiumRates";
import { readReinsurance, type ReinsuranceTerms } from "./reinsurance";
import { normalise } from "./rows";
import { readTax, type TaxRates } from "./tax";
import { readYrtRates } from "./yrtRates";
import { readZeroCurve, type ZeroCurves } from "./zeroCurve";

/** Every assumption table, read and checked; a table that was not given is absent. */
export interface AssumptionSet {
  modelPoints?: ModelPointTable;
  mortality?: MortalityBasis;
  /** Mortality of annuitants, when it differs from `mortality` (which annuities use otherwise). */
  annuityMortality?: MortalityBasis;
  mortalityImprovement?: MortalityImprovement;
  lapse?: LapseTable;
  expenses?: Expenses;
  commission?: Commission;
  tax?: TaxRates;
  reinsurance?: ReinsuranceTerms;
  yrtRates?: BySex<YrtRates>;
  capital?: CapitalBasis;
  premiumRates?: PremiumRates;
  discountRates?: DiscountRates;
  zeroCurve?: ZeroCurves;
}

/** The canonical table names, in the order they are read. */
export const TABLE_NAMES = [
  "model_points",
  "mortality",
  "annuity_mortality",
  "mortality_improvement",
  "lapse",
  "expenses",
  "commission",
  "tax",
  "reinsurance",
  "yrt_rates",
  "capital",
  "premium_rates",
  "discount_rates",
  "zero_curve",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Other names accepted for a table: lifelib's file names. */
export const TABLE_ALIASES: Readonly<Record<string, TableName>> = {
  model_point_table: "model_points",
  mort_table: "mortality",
  premium_table: "premium_rates",
  disc_rate_ann: "discount_rates",
};

/** The canonical name of a table name (case-insensitive; a ".csv" ending is dropped), or undefined. */
export function tableKind(name: string): TableName | undefined {
  const n = normalise(name).replace(/\.csv$/, "");
  return (TABLE_NAMES as readonly string[]).includes(n) ? (n as TableName) : TABLE_ALIASES[n];
}

/**
 * Reads whichever tables are given, keyed by their names (canonical, or an alias; case-insensitive; a
 * ".csv" ending is ignored). An unknown name, or two names for the same table, is refused. Messages
 * name each table by its HeaderTable name. When the model points come with a mortality table (or
 * yrt_rates), every point's attained ages over its remaining term must lie in the table, for its sex.
 */
export function readAssumptionSet(tables: Readonly<Record<string, HeaderTable>>, options: ModelPointOptions = {}): AssumptionSet {
  const byKind = new Map<TableName, { key: string; table: HeaderTable }>();
  for (const [key, table] of Object.entries(tables)) {
    const kind = tableKind(key);
    if (kind === undefined) invalid(key, `is not an assumption table; the tables are ${TABLE_NAMES.join(", ")}`);
    const other = byKind.get(kind);
    if (other) invalid(key, `and "${other.key}" are both the ${kind} table; give one`);
    byKind.set(kind, { key, table });
  }
  const get = (kind: TableName) => byKind.get(kind)?.table;
  const read = <T>(kind: TableName, f: (t: HeaderTable) => T): T | undefined => {
    const t = get(kind);
    return t === undefined ? undefined : f(t);
  };
  const set: AssumptionSet = {};
  const put = <K extends keyof AssumptionSet>(k: K, x: AssumptionSet[K] | undefined) => {
    if (x !== undefined) set[k] = x;
  };
  put("modelPoints", read("model_points", (t) => readModelPoints(t, options)));
  put("mortality", read("mortality", readMortality));
  put("annuityMortality", read("annuity_mortality", readMortality));
  put("mortalityImprovement", read("mortality_improvement", readMortalityImprovement));
  put("lapse", read("lapse", readLapse));
  put("expenses", read("expenses", readExpenses));
  put("commission", read("commission", readCommission));
  put("tax", read("tax", readTax));
  put("reinsurance", read("reinsurance", readReinsurance));
  put("yrtRates", read("yrt_rates", readYrtRates));
  put("capital", read("capital", readCapital));
  put("premiumRates", read("premium_rates", readPremiumRates));
  put("discountRates", read("discount_rates", readDiscountRates));
  put("zeroCurve", read("zero_curve", readZeroCurve));

  const mp = set.modelPoints;
  // annuities run whole life (policy_term is ignored): the annuity module checks its own ages
  if (mp && set.mortality) checkAgesCovered(mp, set.mortality.tables, (get("mortality") as HeaderTable).name, ["TERM", "DECREASING_TERM", "YRT", "QUOTA_SHARE"]);
  if (mp && set.yrtRates) checkAgesCovered(mp, set.yrtRates, (get("yrt_rates") as HeaderTable).name, ["YRT"]);
  return set;
}

/**
 * Every point (of the given products) reaches attained ages age_at_entry + first policy year still to
 * run .. age_at_entry + policy_term − 1; they must lie in the table of its sex. Points that matured
 * before the valuation date are not checked (the engine skips them too).
 */
export function checkAgesCovered(
  mp: ModelPointTable,
  tables: BySex<{ readonly minAge: number; readonly maxAge: number }>,
  tableName: string,
  products?: readonly ProductCode[],
): void {
  const p = mp.points;
  const sexed = tables.unisex === undefined;
  if (sexed && mp.sex === undefined) invalid(mp.name, `has no sex column, and the ${tableName} table has rates by sex`);
  for (let i = 0; i < p.count; i++) {
    if (products && !products.includes(mp.product[i] as ProductCode)) continue;
    const term = p.policyTerm[i] as number;
    const m0 = p.durationMonths[i] as number;
    if (m0 >= 12 * term) continue;
    const s = mp.sex?.[i] as Sex | undefined;
    const t = sexed ? tables[s as Sex] : tables.unisex;
    if (t === undefined) invalid(mp.name, `row ${i + 1}, column sex: ${s}, but the ${tableName} table has no rates for sex ${s}`);
    const x = p.ageAtEntry[i] as number;
    const a0 = x + Math.floor(Math.max(m0, 0) / 12);
    const a1 = x + term - 1;
    if (a0 < t.minAge || a1 > t.maxAge) {
      invalid(
        mp.name,
        `row ${i + 1}, column age_at_entry: age at entry ${x} with policy term ${term} reaches attained ages ${a0}..${a1}, outside the ${tableName} table's ages ${t.minAge}..${t.maxAge}${sexed ? ` for sex ${s}` : ""}`,
      );
    }
  }
}
