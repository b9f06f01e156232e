/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * The Hull–White one-factor model as Excel sees it (issue 5): closed-form zero-coupon bond options and
 * European swaptions, and the calibration of (a, σ) to at-the-money swaption volatilities. Thin
 * wrappers over the function registry (src/functions/esg.ts); formulas and sources in docs/esg.md.
 *
 * Model: dr = (θ(t) − a r) dt + σ dW, fitted exactly to the zero curve (terms, rates). Prices are per
 * unit notional (swaptions) or per unit bond face value (bond options). Curves: `terms` ascending
 * maturities in years, `rates` annually compounded zero rates as decimals; the optional method, ufr,
 * alpha and llp come last and work as in MCEV.DF.
 */
import { spillFromExcel } from "../excel";

/**
 * European option on a zero-coupon bond in the Hull–White model (closed form, Brigo–Mercurio eq. 3.40–3.41): the option expires at T, the bond matures at S > T, strike K per unit face value. T, S and K may be ranges of the same size (or single values); the result spills in their shape.
 * @customfunction HW.ZCBOPTION
 * @param a Mean reversion speed a > 0, a year (e.g. 0.05).
 * @param sigma Short-rate volatility σ > 0, absolute, a year (e.g. 0.01 for 100 bp).
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param T Option expiry in years (> 0).
 * @param S Bond maturity in years, after T.
 * @param K Strike price per unit of bond face value (> 0).
 * @param [type] "CALL" (the default) or "PUT".
 * @param [method] Curve method: "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded (SMITHWILSON only). Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha.
 * @param [llp] Last liquid point (SMITHWILSON only). Blank or 0: the last term.
 * @returns The option values at time 0.
 */
export function hwZcbOption(a: any, sigma: any, terms: any[][], rates: any[][], T: any[][], S: any[][], K: any[][], type?: any, method?: any, ufr?: any, alpha?: any, llp?: any): any[][] {
  return spillFromExcel("HW.ZCBOPTION", [a, sigma, terms, rates, T, S, K, type, method, ufr, alpha, llp]);
}

/**
 * European swaption per unit notional in the Hull–White model, by Jamshidian's decomposition into zero-coupon bond options. The fixed leg pays strike/freq at expiry + k/freq, k = 1..tenor·freq; the floating leg is worth P(0, expiry) − P(0, expiry + tenor). expiry, tenor and strike may be ranges of the same size (or single values); the result spills in their shape.
 * @customfunction HW.SWAPTION
 * @param a Mean reversion speed a > 0, a year (e.g. 0.05).
 * @param sigma Short-rate volatility σ > 0, absolute, a year (e.g. 0.01 for 100 bp).
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param expiry Option expiry = start of the swap, in years (> 0).
 * @param tenor Length of the swap in years; tenor × freq must be a whole number of payments.
 * @param strike Fixed rate of the swap, a decimal (0.03 = 3%), above −freq.
 * @param [payer] TRUE (the default): the right to pay fixed; FALSE: the right to receive fixed.
 * @param [freq] Fixed payments a year, a whole number 1 to 12. Blank: 1 (annual).
 * @param [method] Curve method: "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded (SMITHWILSON only). Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha.
 * @param [llp] Last liquid point (SMITHWILSON only). Blank or 0: the last term.
 * @returns The swaption values at time 0, per unit notional.
 */
export function hwSwaption(a: any, sigma: any, terms: any[][], rates: any[][], expiry: any[][], tenor: any[][], strike: any[][], payer?: any, freq?: any, method?: any, ufr?: any, alpha?: any, llp?: any): any[][] {
  return spillFromExcel("HW.SWAPTION", [a, sigma, terms, rates, expiry, tenor, strike, payer, freq, method, ufr, alpha, llp]);
}

/**
 * Calibrates the Hull–White (a, σ) to at-the-money European swaption volatilities: least squares on the relative price errors, Levenberg–Marquardt in (ln a, ln σ) from several starts. Spills a, σ and the fit table (expiry, tenor, forward swap rate, market and model volatility, market and model price, relative price error). A #NUM! error when no start converges.
 * @customfunction HW.CALIBRATE
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param expiries Swaption expiries in years: a column (one per row of vols), or one per volatility.
 * @param tenors Swap lengths in years: a row (one per column of vols), one per volatility, or a single one for all.
 * @param vols ATM volatilities as decimals: a block of expiries × tenors (blank cells are skipped), or a list with expiries and tenors.
 * @param [voltype] "LOGNORMAL" (Black, the default) or "NORMAL" (Bachelier).
 * @param [freq] Fixed payments a year of the swaps, a whole number 1 to 12. Blank: 1 (annual).
 * @param [method] Curve method: "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded (SMITHWILSON only). Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha.
 * @param [llp] Last liquid point (SMITHWILSON only). Blank or 0: the last term.
 * @returns Rows "a" and "sigma", a header row, then one row per quote.
 */
export function hwCalibrate(terms: any[][], rates: any[][], expiries: any[][], tenors: any[][], vols: any[][], voltype?: any, freq?: any, method?: any, ufr?: any, alpha?: any, llp?: any): any[][] {
  return spillFromExcel("HW.CALIBRATE", [terms, rates, expiries, tenors, vols, voltype, freq, method, ufr, alpha, llp]);
}
