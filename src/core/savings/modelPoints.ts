import { invalid } from "../errors";
import type { ModelPoints } from "../projection/modelPoints";

/** How premiums are paid: once at issue, or every month of the term (lifelib's premium_type). */
export const PREMIUM_TYPES = ["SINGLE", "LEVEL"] as const;
export type PremiumType = (typeof PREMIUM_TYPES)[number];
export const SINGLE = 0;
export const LEVEL = 1;

/**
 * What a guarantee guarantees, per policy (death benefit: max(base, AV) on death; maturity benefit:
 * max(base, AV) at the end of the term):
 *   NONE               the account value only
 *   SUM_ASSURED        the point's sum assured (lifelib's savings models, for both)
 *   RETURN_OF_PREMIUM  the gross premiums paid to date (accum_prem_init_pp at the valuation date + premiums since)
 *   ROLL_UP            the premiums paid, each accumulated monthly at (1 + roll-up rate)^(1/12) from its payment
 */
export const GUARANTEES = ["NONE", "SUM_ASSURED", "RETURN_OF_PREMIUM", "ROLL_UP"] as const;
export type GuaranteeType = (typeof GUARANTEES)[number];
export const GUARANTEE: Readonly<Record<GuaranteeType, number>> = { NONE: 0, SUM_ASSURED: 1, RETURN_OF_PREMIUM: 2, ROLL_UP: 3 };

/**
 * Account-value model points as columns (struct of arrays), with the product features of each point
 * (its product spec joined on): one row per policy or group of policies, no object per policy. The
 * ModelPoints columns drive the decrements (projection/decrements.ts).
 */
export interface SavingsPoints extends ModelPoints {
  /** Single premium (SINGLE) or premium per month (LEVEL), per policy. */
  readonly premium: Float64Array;
  /** SINGLE (0) or LEVEL (1). */
  readonly premiumType: Uint8Array;
  /** Share of each premium kept as loading; the rest goes into the account value. */
  readonly loadRate: Float64Array;
  /** Annual fee as a share of the account value, deducted monthly at fee/12 of the AV after premium. */
  readonly feeRate: Float64Array;
  /** Account value per policy at the valuation date (0 for new business). */
  readonly avInit: Float64Array;
  /** Gross premiums paid per policy up to the valuation date (the return-of-premium base; 0 for new business). */
  readonly premiumsPaidInit: Float64Array;
  /** Column of the surrender-charge table, −1 = no surrender charge. */
  readonly surrenderCharge: Int32Array;
  /** GUARANTEE codes of the death and the maturity guarantee. */
  readonly deathGuarantee: Uint8Array;
  readonly maturityGuarantee: Uint8Array;
  /** Annual roll-up rate of ROLL_UP guarantees. */
  readonly rollUpRate: Float64Array;
  /** 1 = whole life: the term runs to the mortality table's last age (lifelib's is_wl). */
  readonly wholeLife: Uint8Array;
}

/** Column inputs; product features default to lifelib's: LEVEL premiums, no load, no fee, SUM_ASSURED guarantees. */
export interface SavingsPointColumns {
  ageAtEntry: ArrayLike<number>;
  policyTerm: ArrayLike<number>;
  policyCount: ArrayLike<number>;
  sumAssured: ArrayLike<number>;
  premium: ArrayLike<number>;
  durationMonths?: ArrayLike<number>;
  premiumType?: ArrayLike<number>;
  loadRate?: ArrayLike<number>;
  feeRate?: ArrayLike<number>;
  avInit?: ArrayLike<number>;
  premiumsPaidInit?: ArrayLike<number>;
  surrenderCharge?: ArrayLike<number>;
  deathGuarantee?: ArrayLike<number>;
  maturityGuarantee?: ArrayLike<number>;
  rollUpRate?: ArrayLike<number>;
  wholeLife?: ArrayLike<number>;
}

/** Builds and checks account-value model points; errors name the column and the 1-based row. */
export function makeSavingsPoints(cols: SavingsPointColumns, table = "model_points"): SavingsPoints {
  const n = cols.ageAtEntry.length;
  if (n === 0) invalid(table, "has no rows");
  const check = (name: string, xs: ArrayLike<number> | undefined, ok: (x: number) => boolean, what: string) => {
    if (xs === undefined) return;
    if (xs.length !== n) invalid(table, `column ${name} has ${xs.length} rows, age_at_entry has ${n}`);
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number;
      if (!ok(x)) invalid(table, `row ${i + 1}, column ${name}: ${x} is not ${what}`, i);
    }
  };
  const whole = (lo: number) => (x: number) => Number.isInteger(x) && x >= lo;
  const amount = (x: number) => Number.isFinite(x) && x >= 0;
  const share = (x: number) => x >= 0 && x <= 1;
  check("age_at_entry", cols.ageAtEntry, whole(0), "a whole number of years >= 0");
  check("policy_term", cols.policyTerm, whole(1), "a whole number of years >= 1");
  check("policy_count", cols.policyCount, amount, "a number of policies >= 0");
  check("sum_assured", cols.sumAssured, amount, "an amount >= 0");
  check("premium_pp", cols.premium, amount, "an amount >= 0");
  check("duration_mth", cols.durationMonths, (x) => Number.isInteger(x), "a whole number of months");
  check("premium_type", cols.premiumType, (x) => x === SINGLE || x === LEVEL, "SINGLE (0) or LEVEL (1)");
  check("load_prem_rate", cols.loadRate, share, "a share of premium between 0 and 1");
  check("fee_rate", cols.feeRate, share, "an annual fee rate between 0 and 1");
  check("av_pp_init", cols.avInit, amount, "an amount >= 0");
  check("accum_prem_init_pp", cols.premiumsPaidInit, amount, "an amount >= 0");
  check("surr_charge_id", cols.surrenderCharge, whole(-1), "a surrender-charge column (−1 for none)");
  check("gmdb", cols.deathGuarantee, (x) => Number.isInteger(x) && x >= 0 && x < GUARANTEES.length, `a guarantee code 0..${GUARANTEES.length - 1}`);
  check("gmab", cols.maturityGuarantee, (x) => Number.isInteger(x) && x >= 0 && x < GUARANTEES.length, `a guarantee code 0..${GUARANTEES.length - 1}`);
  check("roll_up_rate", cols.rollUpRate, (x) => x > -1 && x < 1, "an annual roll-up rate above −1 and below 1");
  check("is_wl", cols.wholeLife, (x) => x === 0 || x === 1, "0 or 1");
  const f64 = (xs: ArrayLike<number> | undefined, fill = 0) => (xs ? Float64Array.from(xs) : new Float64Array(n).fill(fill));
  const u8 = (xs: ArrayLike<number> | undefined, fill: number) => (xs ? Uint8Array.from(xs) : new Uint8Array(n).fill(fill));
  return {
    count: n,
    ageAtEntry: Int32Array.from(cols.ageAtEntry),
    policyTerm: Int32Array.from(cols.policyTerm),
    policyCount: Float64Array.from(cols.policyCount),
    sumAssured: Float64Array.from(cols.sumAssured),
    durationMonths: cols.durationMonths ? Int32Array.from(cols.durationMonths) : new Int32Array(n),
    premium: Float64Array.from(cols.premium),
    premiumType: u8(cols.premiumType, LEVEL),
    loadRate: f64(cols.loadRate),
    feeRate: f64(cols.feeRate),
    avInit: f64(cols.avInit),
    premiumsPaidInit: f64(cols.premiumsPaidInit),
    surrenderCharge: cols.surrenderCharge ? Int32Array.from(cols.surrenderCharge) : new Int32Array(n).fill(-1),
    deathGuarantee: u8(cols.deathGuarantee, GUARANTEE.SUM_ASSURED),
    maturityGuarantee: u8(cols.maturityGuarantee, GUARANTEE.SUM_ASSURED),
    rollUpRate: f64(cols.rollUpRate),
    wholeLife: u8(cols.wholeLife, 0),
  };
}
