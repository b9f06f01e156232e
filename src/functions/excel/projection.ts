/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * Projection functions as Excel sees them: model points × assumption tables → cash flows. Every table
 * is a range argument (with its header row), so Excel recalculates when any assumption changes. The
 * calls are long: they run in a Web Worker (src/functions/worker), off Excel's UI thread, and are
 * cancelable — Excel cancels a call whose inputs changed, which terminates its worker.
 */
import { spillFromWorker } from "../excel";

/**
 * Projects model points with assumption tables into the monthly cash-flow table: one row per month with policies in force, maturities, new business, deaths, lapses, premiums, claims, expenses, commissions, net cash flow, reserve, sum at risk, discount factor, forward rate, investment income, reserve increase, profit before tax, tax, profit after tax and required capital (sums over model points).
 * @customfunction PROJECT
 * @cancelable
 * @param model_points Model point table with its header row: policy_id, product (TERM, DECREASING_TERM, ANNUITY, YRT, QUOTA_SHARE), sex, age_at_entry, policy_term, policy_count, sum_assured, duration_mth, premium.
 * @param tables Pairs of a name and a range with its header row: "mortality", "lapse", "expenses", "commission", "premium_rates", "mortality_improvement", "reinsurance", "yrt_rates", "tax", "capital", "discount_rates" or "zero_curve"; and options as name/value pairs: "currency", "curve_method", "ufr", "tax_jurisdiction", "valuation_year", "default_product", "steps_per_year" (12 monthly, default; 1 annual, term products).
 * @param invocation Excel's handle of the call (cancels it when the inputs change).
 * @returns The cash-flow table, a header row and one row per month.
 */
export function project(model_points: any[][], tables: any[][][], invocation: CustomFunctions.CancelableInvocation): Promise<any[][]> {
  return spillFromWorker("PROJECT", [model_points, ...tables], invocation);
}

/**
 * Present values of a projection: premiums, claims, expenses, commissions and net cash flow at the start of each month; investment income, reserve increase, profit before tax, tax and profit after tax at the end of each month; and the opening reserve. Same arguments as MCEV.PROJECT.
 * @customfunction PROJECTPV
 * @cancelable
 * @param model_points Model point table with its header row (as for MCEV.PROJECT).
 * @param tables Pairs of a name and a range with its header row, and options as name/value pairs (as for MCEV.PROJECT).
 * @param invocation Excel's handle of the call (cancels it when the inputs change).
 * @returns Two columns: line and present value, with a header row.
 */
export function projectpv(model_points: any[][], tables: any[][][], invocation: CustomFunctions.CancelableInvocation): Promise<any[][]> {
  return spillFromWorker("PROJECTPV", [model_points, ...tables], invocation);
}
