import * as v from "valibot";
import type { ModelPoints } from "../projection/modelPoints";
import type { HeaderTable } from "../projection/table";
import { age, amount, count, id, months, policyTerm, product, sex, type ProductCode, type Sex } from "./fields";
import { KeyRegistry, normalise, readRows, refuseCell, usable } from "./rows";

/**
 * model_points — one row per policy or group of policies (lifelib's model_point_table.csv layouts are
 * accepted as they are):
 *   policy_id | point_id   identifier, unique (number or text)                        required
 *   product                TERM, DECREASING_TERM, ANNUITY, YRT, QUOTA_SHARE            default: the run's product
 *   sex                    M or F                                                       optional
 *   age_at_entry           whole years 0..130                                           required
 *   policy_term            whole years 1..130                                           required
 *   policy_count           number of policies >= 0 (may be fractional)                  required
 *   sum_assured            amount >= 0 per policy (annual amount for annuities)         required
 *   duration_mth           whole months since issue at the valuation date; negative:    default 0
 *                          issued later
 *   premium                premium per policy per month >= 0                            optional
 * A blank product cell takes the default; other optional columns, when present, are filled on every row.
 */
export const ModelPointRowSchema = v.object({
  policy_id: id(),
  product: v.optional(product()),
  sex: v.optional(sex()),
  age_at_entry: age(),
  policy_term: policyTerm(),
  policy_count: count(),
  sum_assured: amount(),
  duration_mth: v.optional(months(), 0),
  premium: v.optional(amount()),
});
export type ModelPointRow = v.InferOutput<typeof ModelPointRowSchema>;

/** The engine's columns plus the product and sex of every row. */
export interface ModelPointTable {
  /** The table's name, for messages. */
  readonly name: string;
  readonly points: ModelPoints;
  readonly ids: readonly (number | string)[];
  readonly product: readonly ProductCode[];
  /** Present when the table has a sex column. */
  readonly sex?: readonly Sex[];
}

export interface ModelPointOptions {
  /** Product of rows without one (no product column, or a blank cell). Default TERM. */
  defaultProduct?: ProductCode;
}

/** Excel desktop passes blank cells as 0: in the text columns (product, sex) a 0 is a blank cell. */
function desktopBlanks(t: HeaderTable): HeaderTable {
  const text = t.header.flatMap((h, k) => (["product", "sex"].includes(normalise(h)) ? [k] : []));
  if (text.length === 0) return t;
  return { ...t, rows: t.rows.map((row) => row.map((v, k) => (v === 0 && text.includes(k) ? null : v))) };
}

export function readModelPoints(input: HeaderTable, options: ModelPointOptions = {}): ModelPointTable {
  const table = desktopBlanks(usable(input));
  const { rows, columns } = readRows(table, ModelPointRowSchema, { aliases: { policy_id: ["point_id", "id"] } });
  const idLabel = columns.label("policy_id");
  const ids = new KeyRegistry<number | string>(table);
  rows.forEach((row, r) => ids.add(row.policy_id, r, idLabel, () => `id ${row.policy_id}`));
  const hasSex = columns.index.has("sex");
  const hasPremium = columns.index.has("premium");
  // Optional columns that are present must be filled: a blank sex or premium on one row is a mistake.
  for (const [key, has] of [["sex", hasSex], ["premium", hasPremium]] as const) {
    if (!has) continue;
    const r = rows.findIndex((row) => row[key] === undefined);
    if (r >= 0) refuseCell(table, r, columns.label(key), key === "sex" ? "is blank; give M or F (the table has a sex column)" : "is blank; give the premium per policy per month (the table has a premium column)");
  }
  const n = rows.length;
  const ageAtEntry = new Int32Array(n);
  const term = new Int32Array(n);
  const policyCount = new Float64Array(n);
  const sumAssured = new Float64Array(n);
  const durationMonths = new Int32Array(n);
  const premium = hasPremium ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as ModelPointRow;
    ageAtEntry[i] = row.age_at_entry;
    term[i] = row.policy_term;
    policyCount[i] = row.policy_count;
    sumAssured[i] = row.sum_assured;
    durationMonths[i] = row.duration_mth;
    if (premium) premium[i] = row.premium as number;
  }
  const points: ModelPoints = { count: n, ageAtEntry, policyTerm: term, policyCount, sumAssured, durationMonths, ...(premium ? { premium } : {}) };
  const def = options.defaultProduct ?? "TERM";
  return {
    name: table.name,
    points,
    ids: rows.map((row) => row.policy_id),
    product: rows.map((row) => row.product ?? def),
    ...(hasSex ? { sex: rows.map((row) => row.sex as Sex) } : {}),
  };
}

/** A subset of the model points for one engine run: one product (and one sex, when split by sex). */
export interface ModelPointGroup {
  readonly product: ProductCode;
  readonly sex?: Sex;
  /** 0-based rows of the source table, in order: row k of `points` is source row rows[k] (+1 in messages). */
  readonly rows: Int32Array;
  readonly ids: readonly (number | string)[];
  readonly points: ModelPoints;
}

/**
 * Splits the model points by product (and by sex with `bySex`, for sex-specific tables), keeping the
 * order of first appearance. Each group is one engine run (runProjection with that product's module and
 * basis); results are additive across groups.
 */
export function splitModelPoints(table: ModelPointTable, options: { bySex?: boolean } = {}): ModelPointGroup[] {
  const bySex = options.bySex === true && table.sex !== undefined;
  const groups = new Map<string, { product: ProductCode; sex?: Sex; rows: number[] }>();
  for (let i = 0; i < table.points.count; i++) {
    const p = table.product[i] as ProductCode;
    const s = bySex ? table.sex?.[i] : undefined;
    const key = `${p}|${s ?? ""}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { product: p, ...(s ? { sex: s } : {}), rows: [] }));
    g.rows.push(i);
  }
  return [...groups.values()].map((g) => {
    const rows = Int32Array.from(g.rows);
    const src = table.points;
    const points: ModelPoints = {
      count: rows.length,
      ageAtEntry: subset(src.ageAtEntry, rows),
      policyTerm: subset(src.policyTerm, rows),
      policyCount: subset(src.policyCount, rows),
      sumAssured: subset(src.sumAssured, rows),
      durationMonths: subset(src.durationMonths, rows),
      ...(src.premium ? { premium: subset(src.premium, rows) } : {}),
    };
    return { product: g.product, ...(g.sex ? { sex: g.sex } : {}), rows, ids: g.rows.map((i) => table.ids[i] as number | string), points };
  });
}

function subset<T extends Int32Array | Float64Array>(xs: T, rows: Int32Array): T {
  const out = new (xs.constructor as new (n: number) => T)(rows.length);
  rows.forEach((i, k) => (out[k] = xs[i] as number));
  return out;
}
