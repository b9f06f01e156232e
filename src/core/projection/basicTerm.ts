import { invalid } from "../errors";
import { discountSpotByYear, inflationIndex } from "./discount";
import type { ProjectionContext } from "./engine";
import { makeLapseTable } from "./lapse";
import { makeModelPoints, type ModelPoints } from "./modelPoints";
import { makeMortalityTable } from "./mortality";
import type { TermBasis } from "./products/termAssurance";
import { hasColumn, numberColumn, numericBlock, type HeaderTable } from "./table";

/**
 * The lifelib BasicTerm models (shared/benchmarks/lifelib-basicterm/README.md §4) expressed as
 * ordinary assumption tables for the term-assurance product: a select-and-ultimate mortality table,
 * lapse rates by policy year, acquisition/maintenance expenses with inflation, first-year commission,
 * and the spot-by-projection-year discounting of that model.
 */

/** Mortality table with columns Age, 0, 1, …, k (select years, the last column ultimate). */
export function mortalityFromTable(table: HeaderTable) {
  const ages = numberColumn(table, table.header[0] ?? "Age");
  ages.forEach((a, r) => {
    if (r > 0 && a !== (ages[r - 1] as number) + 1) invalid(table.name, `row ${r + 1}: age ${a} does not follow ${ages[r - 1]}; ages must be consecutive`);
  });
  return makeMortalityTable(ages[0] as number, numericBlock(table, 1), table.header.length - 1, table.name);
}

export function modelPointsFromTable(table: HeaderTable, options: { forceSingleNewPolicy?: boolean } = {}): ModelPoints {
  const n = table.rows.length;
  return makeModelPoints(
    {
      ageAtEntry: numberColumn(table, "age_at_entry"),
      policyTerm: numberColumn(table, "policy_term"),
      sumAssured: numberColumn(table, "sum_assured"),
      policyCount: options.forceSingleNewPolicy ? new Float64Array(n).fill(1) : numberColumn(table, "policy_count"),
      durationMonths: !options.forceSingleNewPolicy && hasColumn(table, "duration_mth") ? numberColumn(table, "duration_mth") : undefined,
    },
    table.name,
  );
}

/** Premium rates by (age_at_entry, policy_term). */
export function premiumRates(table: HeaderTable): (age: number, term: number) => number | undefined {
  const ages = numberColumn(table, "age_at_entry");
  const terms = numberColumn(table, "policy_term");
  const rates = numberColumn(table, "premium_rate");
  const map = new Map<string, number>();
  ages.forEach((a, r) => {
    const key = `${a}|${terms[r]}`;
    if (map.has(key)) invalid(table.name, `row ${r + 1}: a second rate for age ${a} and term ${terms[r]}`);
    map.set(key, rates[r] as number);
  });
  return (age, term) => map.get(`${age}|${term}`);
}

/** BasicTerm's fixed parameters, as an ordinary basis. */
export function basicTermBasis(mortality: HeaderTable, premium: TermBasis["premium"]): TermBasis {
  return {
    mortality: mortalityFromTable(mortality),
    lapse: makeLapseTable([0.1, 0.08, 0.06, 0.04, 0.02]),
    premium,
    acquisitionPerPolicy: 300,
    maintenancePerPolicyPerYear: 60,
    commissionFirstYear: 1,
    commissionRenewal: 0,
  };
}

export function basicTermContext(discountRates: HeaderTable, steps: number): ProjectionContext {
  const spot = numberColumn(discountRates, "zero_spot");
  // steps + 1 factors: the last one discounts profits emerging at the end of the last period
  return { steps, stepsPerYear: 12, discount: discountSpotByYear(spot, steps + 1), inflation: inflationIndex(0.01, steps) };
}
