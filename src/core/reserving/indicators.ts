import { invalid } from "../errors";

/**
 * Survival ratio (seed 002, asbestos and environmental claims): reserves ÷ the average paid of the
 * last three calendar years — the number of years the reserves would last at the recent payment rate.
 * `paid` holds calendar-year payments oldest first; fewer than three years is refused.
 */
export function survivalRatio(reserves: number, paid: ArrayLike<number>, row?: number): number {
  const n = paid.length;
  const where = (k: number) => (row === undefined ? k : row * n + k);
  if (n < 3) invalid("paid", `has ${n} calendar years; the survival ratio averages the last three`);
  let sum = 0;
  for (let k = n - 3; k < n; k++) {
    const x = paid[k] as number;
    if (!Number.isFinite(x)) invalid("paid", `${x} is not a finite amount`, where(k));
    sum += x;
  }
  if (!(sum > 0)) invalid("paid", `the last three years' payments add up to ${sum}; the survival ratio needs positive payments`, where(n - 1));
  if (!Number.isFinite(reserves)) invalid("reserves", `${reserves} is not a finite amount`, row);
  return reserves / (sum / 3);
}

/**
 * Premium estimate to book (seed 002: "estimated premium", EGPI less premium received):
 * EGPI − premium received. Negative when more has been received than the estimate (a return premium).
 */
export function premiumToBook(egpi: number, received: number): number {
  return egpi - received;
}
