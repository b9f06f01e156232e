import * as v from "valibot";

/**
 * Cell schemas shared by the assumption tables. Every schema and every check in a pipe carries the
 * same message: the phrase that completes "<value> is not …" in an error, e.g. "an amount >= 0".
 * Cells arrive as read from a worksheet or a CSV file (number, text, boolean); a blank cell arrives as
 * undefined, so `v.optional(schema, default)` gives a column's default.
 */

export const MAX_AGE = 130;

export const PRODUCTS = ["TERM", "DECREASING_TERM", "ANNUITY", "YRT", "QUOTA_SHARE"] as const;
/** A product code of the model points' product column. */
export type ProductCode = (typeof PRODUCTS)[number];

export const SEXES = ["M", "F"] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Fast acceptance of a cell, registered beside a schema: `accept(cell)` true means the schema accepts
 * the cell and outputs it unchanged. Reading a large table (a million model points) then calls valibot
 * only for the cells the fast check does not accept — to convert them (e.g. "term" → TERM) or to
 * report them. The schema stays the contract: each fast check is narrower than its schema (tested).
 */
const FAST = new WeakMap<object, (cell: unknown) => boolean>();

function withFast<S extends object>(schema: S, accept: (cell: unknown) => boolean): S {
  FAST.set(schema, accept);
  return schema;
}

/** The fast check registered for a schema, if any. */
export function fastCheck(schema: object): ((cell: unknown) => boolean) | undefined {
  return FAST.get(schema);
}

/** A finite number x with lo <= x <= hi (lo < x when open.lo, x < hi when open.hi). */
export function numberIn(phrase: string, lo: number, hi: number, open: { lo?: boolean; hi?: boolean } = {}) {
  const inRange = (x: number) => (open.lo ? x > lo : x >= lo) && (open.hi ? x < hi : x <= hi);
  return withFast(
    v.pipe(v.number(phrase), v.finite(phrase), v.check(inRange, phrase)),
    (x) => typeof x === "number" && Number.isFinite(x) && inRange(x),
  );
}

/** A whole number lo..hi. */
export function wholeIn(phrase: string, lo: number, hi: number) {
  return withFast(
    v.pipe(v.number(phrase), v.integer(phrase), v.minValue(lo, phrase), v.maxValue(hi, phrase)),
    (x) => typeof x === "number" && Number.isInteger(x) && x >= lo && x <= hi,
  );
}

/** One of a list of codes, case-insensitive, blanks around ignored; the output is the code in upper case. */
function code<const T extends readonly [string, ...string[]]>(codes: T, phrase: string) {
  return withFast(
    v.pipe(v.string(phrase), v.trim(), v.toUpperCase(), v.picklist(codes, phrase)),
    (x) => typeof x === "string" && (codes as readonly string[]).includes(x),
  );
}

export const AGE = `an age, a whole number from 0 to ${MAX_AGE}`;
export const age = () => wholeIn(AGE, 0, MAX_AGE);

export const TERM = `a policy term, a whole number of years from 1 to ${MAX_AGE}`;
export const policyTerm = () => wholeIn(TERM, 1, MAX_AGE);

export const AMOUNT = "an amount >= 0";
export const amount = () => numberIn(AMOUNT, 0, Infinity);

export const COUNT = "a number of policies >= 0";
export const count = () => numberIn(COUNT, 0, Infinity);

export const MONTHS = "a whole number of months (negative: issued after the valuation date)";
export const months = () => wholeIn(MONTHS, -12 * MAX_AGE, 12 * MAX_AGE);

export const PROBABILITY = "a probability between 0 and 1";
export const probability = () => numberIn(PROBABILITY, 0, 1);

export const RATE = "a rate between 0 and 1 (a decimal: 0.05 for 5%)";
export const rate = () => numberIn(RATE, 0, 1);

/** Commission can exceed 100% of premium in the first year. */
export const COMMISSION = "a share of premium between 0 and 10 (a decimal: 0.5 for 50%)";
export const commissionRate = () => numberIn(COMMISSION, 0, 10);

export const INTEREST = "an interest rate above -1 and below 1 (a decimal: 0.0243 for 2.43%)";
export const interest = () => numberIn(INTEREST, -1, 1, { lo: true, hi: true });

export const PRODUCT = `a product: ${PRODUCTS.join(", ")}`;
export const product = () => code(PRODUCTS, PRODUCT);

export const SEX = "a sex: M or F";
export const sex = () => code(SEXES, SEX);

export const TEXT = "a non-blank text";
const isText = (x: unknown) => typeof x === "string" && x !== "" && x.trim() === x;
export const text = () => withFast(v.pipe(v.string(TEXT), v.trim(), v.nonEmpty(TEXT)), isText);

export const ID = "an identifier (a number or a text)";
export const id = () =>
  withFast(v.union([v.pipe(v.number(ID), v.finite(ID)), text()], ID), (x) => (typeof x === "number" && Number.isFinite(x)) || isText(x));
