/**
 * Annual to monthly decrement rate: a monthly rate with the same one-year survival,
 *   m = 1 − (1 − a)^(1/12)
 * (lifelib BasicTerm; any constant-force split of the year gives the same). a = 1 gives 1.
 */
export function monthlyRate(annual: number): number {
  return 1 - Math.pow(1 - annual, 1 / 12);
}
