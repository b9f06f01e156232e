import * as v from "valibot";
import { id, rate } from "../assumptions/fields";
import { KeyRegistry, readRows, refuseCell, usable } from "../assumptions/rows";
import type { HeaderTable } from "../projection/table";
import { GUARANTEE, GUARANTEES, LEVEL, PREMIUM_TYPES, SINGLE } from "./modelPoints";
import { surrenderChargeColumn, type SurrenderChargeTable } from "./surrenderCharge";

/**
 * product_spec_table — one row per product spec (lifelib's savings layout, plus optional columns for
 * fees and guarantees):
 *   spec_id          identifier, unique                                         required
 *   premium_type     SINGLE or LEVEL (monthly premiums over the term)           required
 *   has_surr_charge  TRUE/FALSE                                                 default FALSE
 *   surr_charge_id   a column of surr_charge_table when has_surr_charge         optional
 *   load_prem_rate   share of each premium kept as loading, 0..1                default 0
 *   is_wl            TRUE = whole life (term to the mortality table's last age) default FALSE
 *   fee_rate         annual fee as a share of the account value, 0..1           default 0
 *   gmdb, gmab       NONE, SUM_ASSURED, RETURN_OF_PREMIUM or ROLL_UP            default SUM_ASSURED (lifelib)
 *   roll_up_rate     annual roll-up rate of ROLL_UP guarantees, 0..1            default 0
 */
const code = <const T extends readonly [string, ...string[]]>(codes: T, phrase: string) => v.pipe(v.string(phrase), v.trim(), v.toUpperCase(), v.picklist(codes, phrase));
const flag = (phrase: string) => v.boolean(phrase);
const GUARANTEE_PHRASE = `a guarantee: ${GUARANTEES.join(", ")}`;

export const ProductSpecRowSchema = v.object({
  spec_id: id(),
  premium_type: code(PREMIUM_TYPES, "a premium type: SINGLE or LEVEL"),
  has_surr_charge: v.optional(flag("TRUE or FALSE"), false),
  surr_charge_id: v.optional(v.pipe(v.string("a surrender-charge pattern id"), v.trim())),
  load_prem_rate: v.optional(rate(), 0),
  is_wl: v.optional(flag("TRUE or FALSE"), false),
  fee_rate: v.optional(rate(), 0),
  gmdb: v.optional(code(GUARANTEES, GUARANTEE_PHRASE), "SUM_ASSURED"),
  gmab: v.optional(code(GUARANTEES, GUARANTEE_PHRASE), "SUM_ASSURED"),
  roll_up_rate: v.optional(rate(), 0),
});

/** One spec in the engine's codes. */
export interface ProductSpec {
  readonly premiumType: number;
  readonly loadRate: number;
  readonly feeRate: number;
  /** Column of the surrender-charge table, −1 = none. */
  readonly surrenderCharge: number;
  readonly deathGuarantee: number;
  readonly maturityGuarantee: number;
  readonly rollUpRate: number;
  readonly wholeLife: number;
}

/** Specs by spec_id (ids as numbers or text, as read). */
export function readProductSpecs(input: HeaderTable, charges?: SurrenderChargeTable): Map<number | string, ProductSpec> {
  const table = usable(input);
  const { rows, columns } = readRows(table, ProductSpecRowSchema);
  const ids = new KeyRegistry<number | string>(table);
  const out = new Map<number | string, ProductSpec>();
  rows.forEach((row, r) => {
    ids.add(row.spec_id, r, columns.label("spec_id"), () => `spec ${row.spec_id}`);
    let charge = -1;
    if (row.has_surr_charge) {
      const label = columns.index.has("surr_charge_id") ? columns.label("surr_charge_id") : "surr_charge_id";
      if (!row.surr_charge_id) refuseCell(table, r, label, "is blank; has_surr_charge is TRUE, so give a column of surr_charge_table");
      if (!charges) refuseCell(table, r, label, `names "${row.surr_charge_id}" but no surr_charge_table was given`);
      charge = surrenderChargeColumn(charges, row.surr_charge_id);
      if (charge < 0) refuseCell(table, r, label, `"${row.surr_charge_id}" is not a column of ${charges.ids.length ? `surr_charge_table (${charges.ids.join(", ")})` : "surr_charge_table"}`);
    }
    out.set(row.spec_id, {
      premiumType: row.premium_type === "SINGLE" ? SINGLE : LEVEL,
      loadRate: row.load_prem_rate,
      feeRate: row.fee_rate,
      surrenderCharge: charge,
      deathGuarantee: GUARANTEE[row.gmdb],
      maturityGuarantee: GUARANTEE[row.gmab],
      rollUpRate: row.roll_up_rate,
      wholeLife: row.is_wl ? 1 : 0,
    });
  });
  return out;
}
