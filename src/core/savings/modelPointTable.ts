import * as v from "valibot";
import { age, amount, count, id, months, policyTerm, sex } from "../assumptions/fields";
import { KeyRegistry, readRows, refuseCell, usable } from "../assumptions/rows";
import type { HeaderTable } from "../projection/table";
import { makeSavingsPoints, type SavingsPoints } from "./modelPoints";
import type { ProductSpec } from "./productSpec";

/**
 * model_point_table of an account-value product (lifelib's savings layout, e.g.
 * model_point_table_10K.csv); a point's product features come from its spec (product_spec_table):
 *   point_id | policy_id  identifier, unique; without the column a point is its row number   optional
 *   spec_id               a spec_id of the product spec table                                required
 *   age_at_entry          whole years 0..130                                                 required
 *   sex                   M or F (not used by the engine)                                    optional
 *   policy_term           whole years 1..130 (ignored for whole-life specs)                  required
 *   policy_count          number of policies >= 0 (may be fractional)                        required
 *   sum_assured           amount >= 0 per policy (SUM_ASSURED guarantees)                    required
 *   duration_mth          months since issue at the valuation date; negative: issued later   default 0
 *   premium_pp            single premium (SINGLE) or monthly premium (LEVEL) per policy      required
 *   av_pp_init            account value per policy at the valuation date                     default 0
 *   accum_prem_init_pp    gross premiums paid per policy to the valuation date               default 0
 */
export const SavingsPointRowSchema = v.object({
  point_id: v.optional(id()),
  spec_id: id(),
  age_at_entry: age(),
  sex: v.optional(sex()),
  policy_term: policyTerm(),
  policy_count: count(),
  sum_assured: amount(),
  duration_mth: v.optional(months(), 0),
  premium_pp: amount(),
  av_pp_init: v.optional(amount(), 0),
  accum_prem_init_pp: v.optional(amount(), 0),
});

export interface SavingsPointTable {
  readonly name: string;
  readonly points: SavingsPoints;
  /** point_id of each row, or its 1-based row number when the table has no id column. */
  readonly ids: readonly (number | string)[];
}

export function readSavingsPoints(input: HeaderTable, specs: ReadonlyMap<number | string, ProductSpec>): SavingsPointTable {
  const table = usable(input);
  const { rows, columns } = readRows(table, SavingsPointRowSchema, { aliases: { point_id: ["policy_id", "id"], premium_pp: ["premium"] } });
  const hasId = columns.index.has("point_id");
  const ids = new KeyRegistry<number | string>(table);
  const n = rows.length;
  const column = () => new Float64Array(n);
  const premiumType = column();
  const loadRate = column();
  const feeRate = column();
  const surrenderCharge = column();
  const deathGuarantee = column();
  const maturityGuarantee = column();
  const rollUpRate = column();
  const wholeLife = column();
  rows.forEach((row, r) => {
    if (hasId) {
      if (row.point_id === undefined) refuseCell(table, r, columns.label("point_id"), "is blank; give the point's identifier (the table has an id column)");
      ids.add(row.point_id, r, columns.label("point_id"), () => `point ${row.point_id}`);
    }
    const s = specs.get(row.spec_id);
    if (!s) refuseCell(table, r, columns.label("spec_id"), `${JSON.stringify(row.spec_id)} is not a spec_id of the product spec table (${[...specs.keys()].join(", ")})`);
    premiumType[r] = s.premiumType;
    loadRate[r] = s.loadRate;
    feeRate[r] = s.feeRate;
    surrenderCharge[r] = s.surrenderCharge;
    deathGuarantee[r] = s.deathGuarantee;
    maturityGuarantee[r] = s.maturityGuarantee;
    rollUpRate[r] = s.rollUpRate;
    wholeLife[r] = s.wholeLife;
  });
  const points = makeSavingsPoints(
    {
      ageAtEntry: rows.map((row) => row.age_at_entry),
      policyTerm: rows.map((row) => row.policy_term),
      policyCount: rows.map((row) => row.policy_count),
      sumAssured: rows.map((row) => row.sum_assured),
      durationMonths: rows.map((row) => row.duration_mth),
      premium: rows.map((row) => row.premium_pp),
      avInit: rows.map((row) => row.av_pp_init),
      premiumsPaidInit: rows.map((row) => row.accum_prem_init_pp),
      premiumType,
      loadRate,
      feeRate,
      surrenderCharge,
      deathGuarantee,
      maturityGuarantee,
      rollUpRate,
      wholeLife,
    },
    table.name,
  );
  return { name: table.name, points, ids: hasId ? rows.map((row) => row.point_id as number | string) : rows.map((_, r) => r + 1) };
}
