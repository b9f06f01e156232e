import { invalid } from "../errors";

/**
 * Model points as columns (struct of arrays): one row per policy or group of policies. No object per
 * policy: the projection loops over typed arrays.
 */
export interface ModelPoints {
  readonly count: number;
  /** Age at entry, whole years. */
  readonly ageAtEntry: Int32Array;
  /** Policy term in whole years. */
  readonly policyTerm: Int32Array;
  /** Number of policies the point stands for (may be fractional for grouped points). */
  readonly policyCount: Float64Array;
  /** Sum assured per policy (term products), or annual annuity amount (annuities). */
  readonly sumAssured: Float64Array;
  /** Months since issue at the valuation date; 0 = issued now, negative = issued in the future. */
  readonly durationMonths: Int32Array;
  /** Premium per policy per month when given by the model points (else from the premium basis). */
  readonly premium?: Float64Array;
}

export interface ModelPointColumns {
  ageAtEntry: ArrayLike<number>;
  policyTerm: ArrayLike<number>;
  policyCount: ArrayLike<number>;
  sumAssured: ArrayLike<number>;
  durationMonths?: ArrayLike<number>;
  premium?: ArrayLike<number>;
}

/** Builds and checks model points; errors name the column and the row (1-based, as in the table). */
export function makeModelPoints(cols: ModelPointColumns, table = "model_points"): ModelPoints {
  const n = cols.ageAtEntry.length;
  if (n === 0) invalid(table, "has no rows");
  const column = (name: string, xs: ArrayLike<number> | undefined) => {
    if (xs && xs.length !== n) invalid(table, `column ${name} has ${xs.length} rows, age_at_entry has ${n}`);
  };
  column("policy_term", cols.policyTerm);
  column("policy_count", cols.policyCount);
  column("sum_assured", cols.sumAssured);
  column("duration_mth", cols.durationMonths);
  column("premium", cols.premium);
  const whole = (name: string, xs: ArrayLike<number>, min: number) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number;
      if (!Number.isInteger(x) || x < min) invalid(table, `row ${i + 1}, column ${name}: ${x} is not a whole number >= ${min}`, i);
      out[i] = x;
    }
    return out;
  };
  const nonNegative = (name: string, xs: ArrayLike<number>) => {
    const out = Float64Array.from(xs);
    out.forEach((x, i) => {
      if (!(x >= 0) || !Number.isFinite(x)) invalid(table, `row ${i + 1}, column ${name}: ${x} is not an amount >= 0`, i);
    });
    return out;
  };
  const durations = new Int32Array(n);
  if (cols.durationMonths) {
    for (let i = 0; i < n; i++) {
      const x = cols.durationMonths[i] as number;
      if (!Number.isInteger(x)) invalid(table, `row ${i + 1}, column duration_mth: ${x} is not a whole number of months`, i);
      durations[i] = x;
    }
  }
  return {
    count: n,
    ageAtEntry: whole("age_at_entry", cols.ageAtEntry, 0),
    policyTerm: whole("policy_term", cols.policyTerm, 1),
    policyCount: nonNegative("policy_count", cols.policyCount),
    sumAssured: nonNegative("sum_assured", cols.sumAssured),
    durationMonths: durations,
    premium: cols.premium ? nonNegative("premium", cols.premium) : undefined,
  };
}
