import { invalid } from "../errors";
import type { MonthlyRates } from "./decrements";
import type { MortalityTable } from "./mortality";
import { monthlyRate } from "./rates";

/**
 * Mortality improvement (seed: "mortality improvement (by age and calendar year, or flat)").
 *
 * An improvement rate imp(x, y) is the annual reduction of the annual q at attained age x from calendar
 * year y to y + 1. The base mortality table q_base is taken to hold the rates of the BASE YEAR, which is
 * the valuation year unless the basis gives `baseYear`. The cumulative factor F(x, Y) of calendar year Y
 * is defined by F(x, baseYear) = 1 and F(x, Y + 1) = F(x, Y)·(1 − imp(x, Y)), so that
 *
 *   q(x, k) = q_base(x) · F(x, valuationYear + k)
 *           = q_base(x) · Π_{j=0}^{k−1} (1 − imp(x, valuationYear + j))     when baseYear = valuationYear,
 *
 * k = 0, 1, … the projection year (projection month t lies in projection year floor(t / 12)). With
 * baseYear < valuationYear the improvements of baseYear .. valuationYear − 1 are applied before the
 * projection starts (the product "runs from the base year"); with baseYear > valuationYear the years
 * valuationYear .. baseYear − 1 are un-improved: F = 1 / Π_{y=Y}^{baseYear−1} (1 − imp(x, y)).
 * The improved annual q is capped at 1, and a base rate of exactly 1 (a table's closing age) is kept at 1.
 * The select column does not change the improvement: every column of age x is multiplied by F(x, ·).
 */
export type ImprovementBasis = FlatImprovement | ImprovementTable;

/** The same improvement rate at every age in every calendar year. */
export interface FlatImprovement {
  readonly kind: "flat";
  /** Annual improvement rate, in (−1, 1); negative = worsening mortality. */
  readonly rate: number;
  /** Calendar year of the base table's rates; default the valuation year. */
  readonly baseYear?: number;
}

/**
 * Improvement rates by attained age (rows, minAge, minAge + 1, …) and calendar year (columns firstYear,
 * firstYear + 1, …), row-major. Ages below the first row use the first row and ages above the last row
 * the last row; years before firstYear use the first column and years after the last column the last
 * column (the last year continues).
 */
export interface ImprovementTable {
  readonly kind: "table";
  /** The assumption table's name in messages; default "mortality_improvement". */
  readonly name?: string;
  readonly minAge: number;
  readonly firstYear: number;
  /** Number of calendar-year columns; the number of age rows is rates.length / years. */
  readonly years: number;
  /** Annual rates, (age − minAge) · years + (year − firstYear). */
  readonly rates: Float64Array;
  /** Calendar year of the base table's rates; default the valuation year. */
  readonly baseYear?: number;
}

export const IMPROVEMENT_TABLE = "mortality_improvement";

/** A checked flat improvement basis. */
export function flatImprovement(rate: number, baseYear?: number, name = IMPROVEMENT_TABLE): FlatImprovement {
  const basis: FlatImprovement = baseYear === undefined ? { kind: "flat", rate } : { kind: "flat", rate, baseYear };
  checkImprovement(basis, name);
  return basis;
}

/** Builds and checks an improvement table; errors name the table, the row (1-based) and the column (its year). */
export function makeImprovementTable(minAge: number, firstYear: number, years: number, rates: ArrayLike<number>, options: { name?: string; baseYear?: number } = {}): ImprovementTable {
  const name = options.name ?? IMPROVEMENT_TABLE;
  const table: ImprovementTable = { kind: "table", name, minAge, firstYear, years, rates: Float64Array.from(rates), ...(options.baseYear === undefined ? {} : { baseYear: options.baseYear }) };
  checkImprovement(table, name);
  return table;
}

const isRate = (x: number) => x > -1 && x < 1;

/** Refuses an improvement basis with rates outside (−1, 1), a bad shape or a bad base year. */
export function checkImprovement(basis: ImprovementBasis, name?: string): void {
  if (basis.kind === "flat") {
    const table = name ?? IMPROVEMENT_TABLE;
    if (!isRate(basis.rate)) invalid(table, `${basis.rate} is not an annual improvement rate strictly between −1 and 1`);
    if (basis.baseYear !== undefined && !Number.isInteger(basis.baseYear)) invalid(table, `the base year ${basis.baseYear} is not a whole calendar year`);
    return;
  }
  const table = name ?? basis.name ?? IMPROVEMENT_TABLE;
  if (!Number.isInteger(basis.minAge) || basis.minAge < 0) invalid(table, `the first age ${basis.minAge} is not a whole number of years >= 0`);
  if (!Number.isInteger(basis.firstYear)) invalid(table, `the first year ${basis.firstYear} is not a whole calendar year`);
  if (!Number.isInteger(basis.years) || basis.years < 1) invalid(table, `needs at least one calendar-year column (years = ${basis.years})`);
  if (basis.rates.length === 0 || basis.rates.length % basis.years !== 0) invalid(table, `has ${basis.rates.length} rates, not a whole number of rows of ${basis.years} years`);
  if (basis.baseYear !== undefined && !Number.isInteger(basis.baseYear)) invalid(table, `the base year ${basis.baseYear} is not a whole calendar year`);
  const years = basis.years;
  basis.rates.forEach((x, k) => {
    const row = Math.floor(k / years);
    if (!isRate(x)) invalid(table, `row ${row + 1}, column ${basis.firstYear + (k % years)}: ${x} is not an annual improvement rate strictly between −1 and 1 (age ${basis.minAge + row})`, k);
  });
}

/** imp(age, year): the rate of the basis, clamped to the table's ages and years. */
export function improvementRate(basis: ImprovementBasis, age: number, year: number): number {
  if (basis.kind === "flat") return basis.rate;
  const rows = basis.rates.length / basis.years;
  const r = Math.min(Math.max(age - basis.minAge, 0), rows - 1);
  const c = Math.min(Math.max(year - basis.firstYear, 0), basis.years - 1);
  return basis.rates[r * basis.years + c] as number;
}

/**
 * Cumulative improvement factors F(age, valuationYear + k), k = 0 .. years − 1, for the ages
 * firstAge .. firstAge + ages − 1: row-major (k · ages + age row).
 */
export function improvementFactors(basis: ImprovementBasis, firstAge: number, ages: number, valuationYear: number, years: number): Float64Array {
  const out = new Float64Array(years * ages);
  const base = basis.baseYear ?? valuationYear;
  for (let r = 0; r < ages; r++) {
    const age = firstAge + r;
    let f = 1;
    for (let y = base; y < valuationYear; y++) f *= 1 - improvementRate(basis, age, y);
    for (let y = valuationYear; y < base; y++) f /= 1 - improvementRate(basis, age, y);
    for (let k = 0; k < years; k++) {
      out[k * ages + r] = f;
      f *= 1 - improvementRate(basis, age, valuationYear + k);
    }
  }
  return out;
}

/**
 * Improved MONTHLY q of a mortality table for projection years 0 .. years − 1, computed once per run:
 * layout (k · rows + ageRow) · columns + col, with qm = 1 − (1 − min(1, q_base · F))^(1/12), and a
 * base q of 1 kept at 1.
 */
export function improvedMonthlyMortality(table: MortalityTable, basis: ImprovementBasis, valuationYear: number, years: number): Float64Array {
  const cols = table.columns;
  const rows = table.q.length / cols;
  const factors = improvementFactors(basis, table.minAge, rows, valuationYear, years);
  const out = new Float64Array(years * rows * cols);
  for (let k = 0; k < years; k++) {
    for (let r = 0; r < rows; r++) {
      const f = factors[k * rows + r] as number;
      for (let c = 0; c < cols; c++) {
        const q = table.q[r * cols + c] as number;
        const improved = q >= 1 ? 1 : Math.min(1, q * f);
        out[(k * rows + r) * cols + c] = monthlyRate(improved);
      }
    }
  }
  return out;
}

/**
 * The `improvedQm(ageRow, col, projectionYear)` callback of MonthlyRates for a run of `years`
 * projection years (ceil(steps / 12)): a lookup in the table computed once by improvedMonthlyMortality,
 * no pow per policy-month. Projection years past the run's last use its last year.
 */
export function mortalityImprovement(table: MortalityTable, basis: ImprovementBasis, valuationYear: number, years: number): NonNullable<MonthlyRates["improvedQm"]> {
  const n = Math.max(1, years);
  const cache = improvedMonthlyMortality(table, basis, valuationYear, n);
  const cols = table.columns;
  const rows = table.q.length / cols;
  const lastYear = n - 1;
  return (ageRow, col, projectionYear) => cache[((projectionYear < lastYear ? projectionYear : lastYear) * rows + ageRow) * cols + col] as number;
}
