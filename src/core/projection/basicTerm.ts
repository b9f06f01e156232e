import { readDiscountRates } from "../assumptions/discountRates";
import { readModelPoints } from "../assumptions/modelPoints";
import { readMortality } from "../assumptions/mortality";
import { readPremiumRates } from "../assumptions/premiumRates";
import { invalid } from "../errors";
import { discountSpotByYear, inflationIndex } from "./discount";
import type { ProjectionContext } from "./engine";
import { makeLapseTable } from "./lapse";
import type { ModelPoints } from "./modelPoints";
import type { TermBasis } from "./products/termAssurance";
import type { HeaderTable } from "./table";

/**
 * The lifelib BasicTerm models (shared/benchmarks/lifelib-basicterm/README.md §4) expressed as
 * ordinary assumption tables for the term-assurance product — read by the same readers as every run
 * (src/core/assumptions) — plus BasicTerm's fixed parameters: lapse rates by policy year, acquisition
 * 300, maintenance 60 a year inflated at 1%, 100% first-year commission, spot-by-year discounting.
 */

/** BasicTerm model points; `forceSingleNewPolicy` (BasicTerm_M): one new policy per point, whatever policy_count says. */
export function modelPointsFromTable(table: HeaderTable, options: { forceSingleNewPolicy?: boolean } = {}): ModelPoints {
  const points = readModelPoints(table).points;
  if (!options.forceSingleNewPolicy) return points;
  return { ...points, policyCount: new Float64Array(points.count).fill(1), durationMonths: new Int32Array(points.count) };
}

/** Premium rates by (age_at_entry, policy_term). */
export function premiumRates(table: HeaderTable): (age: number, term: number) => number | undefined {
  return readPremiumRates(table).rate;
}

/** BasicTerm's fixed parameters, as an ordinary basis. */
export function basicTermBasis(mortality: HeaderTable, premium: TermBasis["premium"]): TermBasis {
  const table = readMortality(mortality).tables.unisex;
  if (!table) invalid(mortality.name, "is by sex; BasicTerm uses one table for both sexes");
  return {
    mortality: table,
    lapse: makeLapseTable([0.1, 0.08, 0.06, 0.04, 0.02]),
    premium,
    acquisitionPerPolicy: 300,
    maintenancePerPolicyPerYear: 60,
    commissionFirstYear: 1,
    commissionRenewal: 0,
  };
}

export function basicTermContext(discountRates: HeaderTable, steps: number): ProjectionContext {
  const spot = readDiscountRates(discountRates).spotByYear;
  // steps + 1 factors: the last one discounts profits emerging at the end of the last period
  return { steps, stepsPerYear: 12, discount: discountSpotByYear(spot, steps + 1), inflation: inflationIndex(0.01, steps) };
}
