/**
 * What an account-value run produces. Cash flows are lifelib's savings conventions: every line of
 * month t is valued at the start of the month, and the company's net cash flow is
 *   net = premiums + investment income − claims − expenses − commissions − change in account value,
 * so fees, cost-of-insurance charges and surrender charges are profit through the AV change, and the
 * guarantees' costs (benefits in excess of the account value) are separate lines.
 */

/** Present-value lines, per scenario. */
export const SAVINGS_PV_LINES = [
  "premiums",
  "investment_income",
  "claims_death",
  "claims_surrender", // account value paid out less the surrender charge
  "claims_maturity",
  "expenses",
  "commissions",
  "av_change",
  "net_cashflow",
  "fees", // % of AV deducted (margin inside the AV change)
  "coi", // cost-of-insurance charges
  "surrender_charges",
  "gmdb_cost", // Σ max(death guarantee − AV mid-month, 0) · deaths
  "gmab_cost", // Σ max(maturity guarantee − AV, 0) · maturities
] as const;
export type SavingsPvLine = (typeof SAVINGS_PV_LINES)[number];
export const PV = Object.fromEntries(SAVINGS_PV_LINES.map((name, k) => [name, k])) as Record<SavingsPvLine, number>;

/** Per-period lines: sums over model points, averaged over scenarios. */
export const SAVINGS_PERIOD_LINES = [
  "policies_if", // before maturity (lifelib pols_if_at BEF_MAT)
  "maturities",
  "new_business",
  "policies_bef_decr", // after maturities and new business, exposed to the decrements
  "deaths",
  "lapses",
  "av_bef_mat", // AV per policy before premium × policies_if
  ...SAVINGS_PV_LINES,
  "discount_factor",
] as const;
export type SavingsPeriodLine = (typeof SAVINGS_PERIOD_LINES)[number];
export const PERIOD = Object.fromEntries(SAVINGS_PERIOD_LINES.map((name, k) => [name, k])) as Record<SavingsPeriodLine, number>;

export interface SavingsResult {
  /** Months of the grid t = 0 .. steps − 1, and the number of scenarios run. */
  steps: number;
  scenarios: number;
  /** Mean over scenarios of each PV line, in SAVINGS_PV_LINES order. */
  pv: Float64Array;
  /** PV lines of every scenario, row-major scenario × line (pvByScenario[s · lines + k]). */
  pvByScenario: Float64Array;
  /** Net PV per model point (mean over scenarios), when asked for. */
  pvByPoint?: Float64Array;
  /** Lines × steps (line-major: PERIOD[name] · steps + t), when asked for. */
  perPeriod?: Float64Array;
}

export function savingsPeriodLine(result: SavingsResult, line: SavingsPeriodLine): Float64Array {
  if (!result.perPeriod) throw new Error("the run was made without per-period output");
  const k = PERIOD[line];
  return result.perPeriod.subarray(k * result.steps, (k + 1) * result.steps);
}

/** PV line `line` of every scenario, as a vector over scenarios. */
export function savingsPvByScenario(result: SavingsResult, line: SavingsPvLine): Float64Array {
  const n = SAVINGS_PV_LINES.length;
  const k = PV[line];
  const out = new Float64Array(result.scenarios);
  for (let s = 0; s < result.scenarios; s++) out[s] = result.pvByScenario[s * n + k] as number;
  return out;
}
