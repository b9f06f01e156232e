/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * The time value of financial options and guarantees (TVFOG) as Excel sees it (issue 5; seed 003 §6.9):
 * the mean present value of profits over risk-neutral scenarios minus the certainty-equivalent value,
 * with its Monte Carlo standard error. MCEV.TVFOG takes PVs computed elsewhere; MCEV.TVFOG.VA projects
 * a block of variable annuities under Hull–White + equity scenarios — a long call, run in a Web Worker,
 * cancelable, with the scenario set shared by every cell with the same scenario inputs. See docs/esg.md.
 */
import { spillFromExcel, spillFromWorker } from "../excel";

/**
 * TVFOG from given scenario present values: mean(stochastic_pvs) − ce_pv, with the Monte Carlo standard error sd/√n (with antithetic pairs, of the pair means over n/2) and the 95% interval TVFOG ± 1.96·SE. A positive TVFOG (noise on guarantees out of the money) is returned as it is, not set to 0.
 * @customfunction TVFOG
 * @param stochastic_pvs Present value of profits in each risk-neutral scenario (deflated), a column or row of numbers, at least 2.
 * @param ce_pv Certainty-equivalent present value of profits (the scenario at the curve's forward rates, discounted with the curve).
 * @param [antithetic] TRUE when consecutive values are antithetic pairs (1st and 2nd, 3rd and 4th, …): the standard error then counts the pair means. Blank: FALSE.
 * @returns Two columns, label and value: tvfog, standard error, lower 95%, upper 95%, scenarios.
 */
export function tvfog(stochastic_pvs: any[][], ce_pv: any, antithetic?: any): any[][] {
  return spillFromExcel("TVFOG", [stochastic_pvs, ce_pv, antithetic]);
}

/**
 * TVFOG of a block of variable annuities (account values with GMDB / GMAB guarantees, fees as a % of account value, mortality and lapses): the block is projected month by month in every scenario of a Hull–White short rate fitted to the curve and an equity index with stochastic rates (as MCEV.ESG.CHECK simulates them), and once at the curve's forward rates (certainty equivalent). Values are before tax. Spills the TVFOG with its standard error and 95% interval, the mean stochastic and CE present values of profits, the mean and CE guarantee costs and the months projected.
 * @customfunction TVFOG.VA
 * @cancelable
 * @param model_points VA model point table with its header row: spec_id, age_at_entry, policy_term, policy_count, sum_assured, duration_mth, premium_pp, av_pp_init, accum_prem_init_pp (lifelib's savings layout).
 * @param product_specs Product spec table with its header row: spec_id, premium_type (SINGLE or LEVEL), fee_rate, gmdb and gmab (NONE, SUM_ASSURED, RETURN_OF_PREMIUM, ROLL_UP), roll_up_rate, load_prem_rate, has_surr_charge, surr_charge_id, is_wl.
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0209 = 2.09%).
 * @param a Mean reversion speed of the short rate a year, > 0 (e.g. 0.02), as from MCEV.HW.CALIBRATE.
 * @param sigma Absolute volatility of the short rate a year, > 0 (e.g. 0.0115), as from MCEV.HW.CALIBRATE.
 * @param equity_vol Equity volatility: one number (flat, 0.263 = 26.3%), or two columns — term in years and at-the-money implied volatility.
 * @param correlation Correlation between the equity's and the short-rate factor's random drivers, in [−1, 1]. The correlation between bond and equity returns is its negative: seed 003's −40% between treasuries and equities is 0.4 here.
 * @param tables Pairs of a name and a range with its header row: "mortality" (one table for everybody), "lapse", "surrender_charges"; and options as name/value pairs: "scenarios" (1000), "seed" (0), "antithetic" (TRUE), "generator" ("PSEUDO" or "SOBOL"), "dividend_yield" (0), "equity_share" (1: the funds' share in equity, the rest in cash), "coi_multiple", "expense_acq", "expense_maint", "commission_rate", "expense_inflation" (all 0).
 * @param invocation Excel's handle of the call (cancels it when the inputs change).
 * @returns Two columns, label and value: tvfog, standard error, lower 95%, upper 95%, scenarios, mean stochastic PV, certainty-equivalent PV, mean GMDB cost, CE GMDB cost, mean GMAB cost, CE GMAB cost, months.
 */
export function tvfogVa(model_points: any[][], product_specs: any[][], terms: any[][], rates: any[][], a: any, sigma: any, equity_vol: any[][], correlation: any, tables: any[][][], invocation: CustomFunctions.CancelableInvocation): Promise<any[][]> {
  return spillFromWorker("TVFOG.VA", [model_points, product_specs, terms, rates, a, sigma, equity_vol, correlation, ...tables], invocation);
}
