/**
 * Annual to monthly decrement rate: a monthly rate with the same one-year survival,
 *   m = 1 − (1 − a)^(1/12)
 * (lifelib BasicTerm; any constant-force split of the year gives the same). a = 1 gives 1.
 */
export function monthlyRate(annual: number): number {
  return 1 - Math.pow(1 - annual, 1 / 12);
}

/** A decrement rate for a period of 1/p year with the same one-year survival: 1 − (1 − a)^(1/p); p = 1 gives a. */
export function periodRate(annual: number, stepsPerYear: number): number {
  return stepsPerYear === 1 ? annual : 1 - Math.pow(1 - annual, 1 / stepsPerYear);
}
