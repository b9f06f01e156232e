/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * The economic scenario generator's validation as Excel sees it (issue 5; seed 003 §6.9, §7.2):
 * Hull–White one-factor rates fitted to the curve and an equity index with stochastic rates, simulated
 * exactly month by month, and the martingale tests of the scenarios. The simulation takes a second
 * or more for 10,000 scenarios, so the call runs in a Web Worker (src/functions/worker) and is
 * cancelable. See docs/esg.md.
 */
import { spillFromWorker } from "../excel";

/**
 * Martingale tests of market-consistent scenarios: Hull–White one-factor short rate fitted to the curve (dr = (θ(t) − a r) dt + σ dW) and an equity index dS/S = (r − q) dt + σ_S dW_S with correlation ρ, simulated exactly over monthly steps. Per year T: the mean deflator E[D(T)] against P(0, T) and the mean deflated index E[D(T) S(T)] against S(0) e^(−qT) (S(0) = 1), each with its Monte Carlo standard error, 95% interval and whether the exact value lies inside.
 * @customfunction ESG.CHECK
 * @cancelable
 * @param terms Ascending maturities of the zero curve, in years; the scenarios may not run beyond the last one.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0209 = 2.09%).
 * @param a Mean reversion speed of the short rate a year, > 0 (e.g. 0.02), as from MCEV.HW.CALIBRATE.
 * @param sigma Absolute volatility of the short rate a year, > 0 (e.g. 0.0115 = 115 bp), as from MCEV.HW.CALIBRATE.
 * @param equity_vol Equity volatility: one number (flat, 0.263 = 26.3%), or two columns — term in years and at-the-money implied volatility — read as total variances v²T with a piecewise-constant instantaneous volatility between terms.
 * @param correlation Correlation between the equity's and the short-rate factor's random drivers, in [−1, 1]. The correlation between bond and equity returns is its negative: seed 003's −40% between treasuries and equities is 0.4 here.
 * @param [scenarios] Number of scenarios, >= 2 (even with antithetic variates). Blank: 1,000.
 * @param [years] Whole years to simulate and test, at most the curve's last term. Blank: the last term, at most 30.
 * @param [seed] Seed of the random generator (a whole number >= 0); the same inputs and seed give the same scenarios. Blank: 0.
 * @param [antithetic] TRUE (default) for antithetic pairs (each scenario's normals mirrored in the next), FALSE for independent scenarios.
 * @param [dividend_yield] Continuous dividend yield q of the index, a decimal. Blank: 0.
 * @param [generator] "PSEUDO" (default: xoshiro256** pseudo-random numbers) or "SOBOL" (Sobol' points with a Brownian bridge and a random digital shift).
 * @param invocation Excel's handle of the call (cancels it when the inputs change).
 * @returns A header row, then one row per year: year; P(0,T), mean D(T), SE, lower 95%, upper 95%, pass; S(0)e^(−qT), mean D(T)S(T), SE, lower 95%, upper 95%, pass.
 */
export function esgcheck(terms: any[][], rates: any[][], a: any, sigma: any, equity_vol: any[][], correlation: any, scenarios: any, years: any, seed: any, antithetic: any, dividend_yield: any, generator: any, invocation: CustomFunctions.CancelableInvocation): Promise<any[][]> {
  return spillFromWorker("ESG.CHECK", [terms, rates, a, sigma, equity_vol, correlation, scenarios, years, seed, antithetic, dividend_yield, generator], invocation);
}
