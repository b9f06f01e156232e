import * as v from "valibot";
import type { HeaderTable } from "../projection/table";
import { interest, wholeIn } from "./fields";
import { readRows, refuseCell, usable } from "./rows";

/**
 * discount_rates — lifelib's "spot rate by projection year" (disc_rate_ann.csv): the annual zero
 * rate z[k] applied to every cash flow of projection year k, DF(t) = (1 + z[floor(t/12)])^(−t/12).
 * Years start at 0 and are consecutive.
 *   year,zero_spot
 *   0,0
 *   1,0.00555
 */
export const DiscountRateRowSchema = v.object({ year: wholeIn("a projection year, a whole number from 0", 0, 1000), zero_spot: interest() });
export type DiscountRateRow = v.InferOutput<typeof DiscountRateRowSchema>;

export interface DiscountRates {
  /** z[k] for projection year k = 0, 1, …: the argument of discountSpotByYear (projection/discount.ts). */
  readonly spotByYear: Float64Array;
}

export function readDiscountRates(input: HeaderTable): DiscountRates {
  const table = usable(input);
  const { rows, columns } = readRows(table, DiscountRateRowSchema, { aliases: { zero_spot: ["rate", "spot"] } });
  const label = columns.label("year");
  rows.forEach((row, r) => {
    if (row.year !== r) {
      refuseCell(table, r, label, r === 0 ? `the first year is ${row.year}; the table starts at year 0` : row.year <= r - 1 ? `year ${row.year} comes again or out of order after year ${r - 1}; one row per year, in order` : `year ${row.year} does not follow year ${r - 1}; the years must be consecutive`);
    }
  });
  return { spotByYear: Float64Array.from(rows, (row) => row.zero_spot) };
}
