import { readDiscountRates } from "../assumptions/discountRates";
import { invalid } from "../errors";
import { discountSpotByYear, inflationIndex } from "../projection/discount";
import type { ProjectionContext } from "../projection/engine";
import type { HeaderTable } from "../projection/table";
import type { SavingsBasis } from "./basis";
import { readSavingsPoints, type SavingsPointTable } from "./modelPointTable";
import { readProductSpecs } from "./productSpec";
import { lognormalReturns, type InvestmentScenarios } from "./scenarios";
import { readSurrenderCharges } from "./surrenderCharge";

/**
 * lifelib's savings model CashValue_ME_EX4 in the benchmark configuration
 * (shared/benchmarks/lifelib-savings/README.md §4) expressed as ordinary tables and a basis for the
 * account-value engine: model points joined with their product specs, the surrender-charge table,
 * spot-by-year discounting, lognormal returns at μ = 2%, σ = 3% from given standard normals, and EX4's
 * fixed parameters — acquisition 5,000 per new policy, maintenance 500 a year inflated at 1%,
 * commission 5% of premiums; mortality, lapse, COI and the maintenance fee are all 0 in EX4.
 */

export interface CashValueTables {
  modelPoints: HeaderTable;
  productSpecs: HeaderTable;
  surrenderCharges: HeaderTable;
}

/**
 * The model points (joined with their specs) and EX4's basis. lifelib's fuller CashValue_ME sets a
 * mortality table, lapses max(10% − 2%·policy year, 2%), COI 1.1·monthly q and a 1% fee: pass them
 * in `overrides` (and fee_rate in the spec table).
 */
export function cashValueModel(tables: CashValueTables, overrides: Partial<SavingsBasis> = {}): { table: SavingsPointTable; basis: SavingsBasis } {
  const charges = readSurrenderCharges(tables.surrenderCharges);
  const table = readSavingsPoints(tables.modelPoints, readProductSpecs(tables.productSpecs, charges));
  const basis: SavingsBasis = { coiMultiple: 0, surrenderCharges: charges, acquisitionPerPolicy: 5000, maintenancePerPolicyPerYear: 500, commissionRate: 0.05, ...overrides };
  return { table, basis };
}

/** Discount factors (1 + z[floor(t/12)])^(−t/12) and expense inflation 1% a year, t = 0 .. steps − 1. */
export function cashValueContext(discountRates: HeaderTable, steps: number): ProjectionContext {
  const spot = readDiscountRates(discountRates).spotByYear;
  return { steps, stepsPerYear: 12, discount: discountSpotByYear(spot, steps), inflation: inflationIndex(0.01, steps) };
}

/**
 * The scenario from lifelib's std_norm_rand (NumPy default_rng(1234).standard_normal((1, 242)), given
 * as data in std_norm_rand_seed1234.csv: t, std_norm_rand, …): r = exp((0.02 − 0.03²/2)/12 + 0.03·√(1/12)·ε) − 1.
 */
export function cashValueScenario(normals: HeaderTable): InvestmentScenarios {
  const header = normals.header.map((h) => h.trim().toLowerCase());
  const tCol = header.indexOf("t");
  const eCol = header.indexOf("std_norm_rand");
  if (tCol < 0 || eCol < 0) invalid(normals.name, `needs columns "t" and "std_norm_rand"; its columns are ${normals.header.join(", ")}`);
  const eps = new Float64Array(normals.rows.length);
  normals.rows.forEach((row, r) => {
    const t = row[tCol];
    const e = row[eCol];
    if (t !== r) invalid(normals.name, `row ${r + 1}, column t: ${String(t)} is not month ${r}; the months start at 0 and are consecutive`);
    if (typeof e !== "number" || !Number.isFinite(e)) invalid(normals.name, `row ${r + 1}, column std_norm_rand: ${String(e)} is not a number`);
    eps[r] = e;
  });
  return lognormalReturns(eps, 1, eps.length, 0.02, 0.03);
}
