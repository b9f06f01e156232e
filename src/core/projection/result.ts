/**
 * What a projection produces. Per-period lines are sums over model points, so results are additive:
 * splitting a run and adding the parts gives the whole run (up to summation order).
 *
 * Timing convention (lifelib BasicTerm, seed 003 §6.5): every cash flow of period t — premiums, claims,
 * expenses, commissions, benefits — is paid at the START of the period; the reserve `reserve` is held
 * at the start of period t for the policies then in force (before new business); profits emerge at
 * the END of the period.
 */

/** Lines the products write. */
export const PRODUCT_LINES = [
  "policies_if", // in force at the start of the period, before maturities and new business
  "maturities",
  "new_business",
  "policies_bef_decr", // after maturities and new business: exposed to the decrements
  "deaths",
  "lapses",
  "premiums",
  "claims", // death claims and annuity payments
  "expenses",
  "commissions",
  "net_cashflow", // premiums − claims − expenses − commissions
  "reserve", // at the start of the period (net premium reserve, or 0 for products without one)
  "reserve_held", // the reserve of the policies exposed in the period (after maturities and new business): the capital base
  "sum_at_risk", // Σ (death benefit − reserve) over policies exposed in the period
] as const;

/** Lines derived from the product lines by the profit signature (profit.ts). */
export const PROFIT_LINES = [
  "discount_factor", // DF(t), for cash flows at the start of period t
  "forward_rate", // one-period forward reference rate f(t) = DF(t)/DF(t+1) − 1
  "investment_income", // f(t) · (reserve(t) + net_cashflow(t))
  "reserve_increase", // reserve(t+1) − reserve(t)
  "profit_before_tax", // net_cashflow + investment_income − reserve_increase, at the end of the period
  "tax",
  "profit_after_tax",
  "required_capital", // at the start of the period: a% of reserve + b% of sum at risk
] as const;

export const PERIOD_LINES = [...PRODUCT_LINES, ...PROFIT_LINES] as const;
export type PeriodLine = (typeof PERIOD_LINES)[number];
export const LINE = Object.fromEntries(PERIOD_LINES.map((name, k) => [name, k])) as Record<PeriodLine, number>;

/** The cash-flow lines whose present values the fast path reports (premium-linear sums). */
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
  /** Premium per policy per period used for each point (single premium for single-premium products). */
  premiumByPoint: Float64Array;
}

export function perPeriodLine(result: ProjectionResult, line: PeriodLine): Float64Array {
  if (!result.perPeriod) throw new Error("the projection was run without per-period output");
  const k = LINE[line];
  return result.perPeriod.subarray(k * result.steps, (k + 1) * result.steps);
}

/** Adds x to line `line` at period t (products' per-period accumulation). */
export function addTo(per: Float64Array, steps: number, line: number, t: number, x: number): void {
  const k = line * steps + t;
  per[k] = (per[k] as number) + x;
}

/** Adds a product's present values to the run's, in PV_LINES order (net = premiums − claims − expenses − commissions). */
export function addPresentValues(pv: Float64Array, premiums: number, claims: number, expenses: number, commissions: number): void {
  pv[0] = (pv[0] as number) + premiums;
  pv[1] = (pv[1] as number) + claims;
  pv[2] = (pv[2] as number) + expenses;
  pv[3] = (pv[3] as number) + commissions;
  pv[4] = (pv[4] as number) + (premiums - claims - expenses - commissions);
}
