import { invalid } from "../errors";
import { monthlyRate } from "./rates";

/**
 * Lapse rates by policy year (0 = the first year); the last rate applies to all later years.
 * Monthly rates are computed once: m = 1 − (1 − a)^(1/12).
 */
export interface LapseTable {
  readonly annual: Float64Array;
  readonly monthly: Float64Array;
}

export function makeLapseTable(byPolicyYear: ArrayLike<number>, name = "lapse"): LapseTable {
  if (byPolicyYear.length === 0) invalid(name, "is empty; give at least one lapse rate");
  const annual = Float64Array.from(byPolicyYear);
  annual.forEach((x, k) => {
    if (!(x >= 0 && x <= 1)) invalid(name, `policy year ${k}: ${x} is not a rate between 0 and 1`, k);
  });
  return { annual, monthly: annual.map(monthlyRate) };
}

/** Rate for a policy year (>= 0), the last one continuing. */
export function lapseIndex(table: LapseTable, policyYear: number): number {
  return policyYear < table.annual.length ? policyYear : table.annual.length - 1;
}
