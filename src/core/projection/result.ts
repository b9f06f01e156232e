/**
 * What a projection produces. Per-period lines are sums over model points (so results are additive:
 * splitting a run and adding the parts gives the whole run exactly up to summation order).
 */
export const PERIOD_LINES = [
  "policies_if", // in force at the start of the period, before maturities and new business
  "maturities",
  "new_business",
  "policies_bef_decr", // in force after maturities and new business, exposed to the decrements
  "deaths",
  "lapses",
  "premiums",
  "claims",
  "expenses",
  "commissions",
  "net_cashflow", // premiums − claims − expenses − commissions
  "discount_factor",
] as const;
export type PeriodLine = (typeof PERIOD_LINES)[number];
export const LINE = Object.fromEntries(PERIOD_LINES.map((name, k) => [name, k])) as Record<PeriodLine, number>;

/** The cash-flow lines whose present values are reported. */
export const PV_LINES = ["premiums", "claims", "expenses", "commissions", "net_cashflow"] as const;
export type PvLine = (typeof PV_LINES)[number];

export interface ProjectionResult {
  /** Number of periods (the grid) and periods per year. */
  steps: number;
  stepsPerYear: number;
  /** Lines × steps, row-major by line (LINE[name] * steps + t); present when per-period output was asked for. */
  perPeriod?: Float64Array;
  /** Present value of each PV line, in PV_LINES order. */
  pv: Float64Array;
  /** Net PV per model point, when asked for. */
  pvByPoint?: Float64Array;
  /** Premium per policy per month used for each point. */
  premiumByPoint: Float64Array;
}

export function perPeriodLine(result: ProjectionResult, line: PeriodLine): Float64Array {
  if (!result.perPeriod) throw new Error("the projection was run without per-period output");
  const k = LINE[line];
  return result.perPeriod.subarray(k * result.steps, (k + 1) * result.steps);
}
