import * as v from "valibot";
import { invalid } from "../errors";
import { makeLapseTable, type LapseTable } from "../projection/lapse";
import type { HeaderTable } from "../projection/table";
import { rate, wholeIn } from "./fields";
import { KeyRegistry, missingColumn, normalise, readRows, refuseCell, usable } from "./rows";

/**
 * lapse — annual lapse rates by policy year; the last rate applies to every later year. The year is
 * given either as `policy_year` (1 = the first year of the policy) or as `duration` (whole years since
 * issue: 0 = the first year, lifelib's convention) — one of the two, starting at 1 or 0 respectively and
 * consecutive.
 */
export const LapseRowSchema = v.object({
  policy_year: wholeIn("a policy year, a whole number from 1 (the first year) to 130", 1, 130),
  rate: rate(),
});
export const LapseByDurationRowSchema = v.object({
  duration: wholeIn("a duration, a whole number of years since issue from 0 (the first year) to 129", 0, 129),
  rate: rate(),
});
export type LapseRow = v.InferOutput<typeof LapseRowSchema>;

export function readLapse(input: HeaderTable): LapseTable {
  const table = usable(input);
  const header = table.header.map(normalise);
  const hasYear = header.includes("policy_year");
  const hasDuration = header.includes("duration");
  if (hasYear && hasDuration) invalid(table.name, 'has both "policy_year" and "duration"; give one of them');
  if (!hasYear && !hasDuration) missingColumn(table, "policy_year", ["duration"]);
  const { rows, columns } = hasYear ? readRows(table, LapseRowSchema) : readRows(table, LapseByDurationRowSchema);
  const key = hasYear ? "policy_year" : "duration";
  const label = columns.label(key);
  const base = hasYear ? 1 : 0;
  const seen = new KeyRegistry<number>(table);
  const years = rows.map((row) => ("policy_year" in row ? row.policy_year : row.duration));
  years.forEach((year, r) => {
    seen.add(year, r, label, () => `${key} ${year}`);
    if (year !== base + r) {
      refuseCell(table, r, label, r === 0 ? `the first row is ${key} ${year}; the table starts at ${base}` : `${key} ${year} does not follow ${base + r - 1}; the years must be consecutive and in order`);
    }
  });
  return makeLapseTable(rows.map((row) => row.rate), table.name);
}
