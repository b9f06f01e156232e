/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * Curve and present-value functions as Excel sees them: thin wrappers over the function registry
 * (src/functions/registry.ts), which the `mcev` command line and the tests call too. The JSDoc below
 * is the source of functions.json (custom-functions-metadata) and of docs/functions.md.
 *
 * Curve conventions: `terms` are ascending positive maturities in years; `rates` are annually
 * compounded zero rates as decimals (0.0243 = 2.43%); P(0, t) = (1 + z(t))^−t. Methods: "LINEAR",
 * "LOGLINEAR", "MONOTONECONVEX" (the default) and "SMITHWILSON" (the default when `ufr` is given;
 * `ufr`, `alpha` and `llp` belong to it and are refused with other methods).
 */
import { callFromExcel, spillFromExcel } from "../excel";

/**
 * Discount factors P(0, t) from a zero curve. A range of t spills a result of the same shape.
 * @customfunction DF
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param t Time or range of times in years (>= 0).
 * @param [method] "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded, e.g. 0.042. SMITHWILSON only. Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha, as MCEV.SWALPHA computes it.
 * @param [llp] Last liquid point for the convergence point max(llp + 40, 60) (SMITHWILSON only). Blank or 0: the last term.
 * @returns Discount factors, in the shape of t.
 */
export function df(terms: any[][], rates: any[][], t: any[][], method?: any, ufr?: any, alpha?: any, llp?: any): any[][] {
  return spillFromExcel("DF", [terms, rates, t, method, ufr, alpha, llp]);
}

/**
 * Annually compounded zero rates z(t) = P(0, t)^(−1/t) − 1. At t = 0, the limit e^f(0) − 1.
 * @customfunction ZERO
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param t Time or range of times in years (>= 0).
 * @param [method] "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded, e.g. 0.042. SMITHWILSON only. Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha, as MCEV.SWALPHA computes it.
 * @param [llp] Last liquid point for the convergence point max(llp + 40, 60) (SMITHWILSON only). Blank or 0: the last term.
 * @returns Zero rates, in the shape of t.
 */
export function zero(terms: any[][], rates: any[][], t: any[][], method?: any, ufr?: any, alpha?: any, llp?: any): any[][] {
  return spillFromExcel("ZERO", [terms, rates, t, method, ufr, alpha, llp]);
}

/**
 * Annually compounded forward rate from t1 to t2: (P(0, t1) / P(0, t2))^(1/(t2 − t1)) − 1; when t1 = t2, the instantaneous forward e^f(t1) − 1.
 * @customfunction FWD
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param t1 Start of the forward period, in years (a value or a range).
 * @param t2 End of the forward period, in years (a value or a range of the size of t1), not before t1. Within 1e-6 years of t1: the instantaneous forward.
 * @param [method] "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded, e.g. 0.042. SMITHWILSON only. Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha, as MCEV.SWALPHA computes it.
 * @param [llp] Last liquid point for the convergence point max(llp + 40, 60) (SMITHWILSON only). Blank or 0: the last term.
 * @returns Forward rates, in the shape of t1 (or of t2 when t1 is a single value).
 */
export function fwd(terms: any[][], rates: any[][], t1: any[][], t2: any[][], method?: any, ufr?: any, alpha?: any, llp?: any): any[][] {
  return spillFromExcel("FWD", [terms, rates, t1, t2, method, ufr, alpha, llp]);
}

/**
 * EIOPA's Smith–Wilson convergence parameter: the smallest alpha >= 0.05 for which the forward intensity at the convergence point max(llp + 40, 60) is within 1 bp of ln(1 + ufr).
 * @customfunction SWALPHA
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param ufr Ultimate forward rate, annually compounded, e.g. 0.042 (blank or 0 is refused).
 * @param [llp] Last liquid point (SMITHWILSON only). Blank or 0: the last term.
 * @returns The convergence parameter alpha.
 */
export function swalpha(terms: any[][], rates: any[][], ufr: any, llp?: any): any {
  return callFromExcel("SWALPHA", [terms, rates, ufr, llp]);
}

/**
 * Present value Σ cashflow_i × P(0, time_i) at the zero curve, after adding shift to every zero rate.
 * @customfunction PV
 * @param cashflows Cash flows (a range), one per time.
 * @param times Times of the cash flows in years (>= 0), as many as cash flows.
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param [method] "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [shift] Added to every annually compounded zero rate before discounting (0.01 = +100 bp). Blank: 0.
 * @param [ufr] Ultimate forward rate, annually compounded, e.g. 0.042. SMITHWILSON only. Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha.
 * @param [llp] Last liquid point (SMITHWILSON only). Blank or 0: the last term.
 * @returns The present value.
 */
export function pv(cashflows: any[][], times: any[][], terms: any[][], rates: any[][], method?: any, shift?: any, ufr?: any, alpha?: any, llp?: any): any {
  return callFromExcel("PV", [cashflows, times, terms, rates, method, shift, ufr, alpha, llp]);
}

/**
 * Present value of future profits: Σ profit_t × P(0, τ_t) for projection years t = 1..n, with τ_t = t (END), t − 0.5 (MID) or t − 1 (BEGIN).
 * @customfunction PVFP
 * @param profits Projected profits of years 1..n (a row or a column).
 * @param terms Ascending maturities of the zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param [timing] "END" (default), "MID" or "BEGIN": when in each year the profit emerges.
 * @param [shift] Added to every annually compounded zero rate before discounting (0.01 = +100 bp). Blank: 0.
 * @param [method] "LINEAR", "LOGLINEAR", "MONOTONECONVEX" or "SMITHWILSON". Blank: SMITHWILSON when ufr is given, else MONOTONECONVEX.
 * @param [ufr] Ultimate forward rate, annually compounded, e.g. 0.042. SMITHWILSON only. Blank or 0: not given.
 * @param [alpha] Smith–Wilson convergence speed (SMITHWILSON only). Blank or 0: EIOPA's alpha.
 * @param [llp] Last liquid point (SMITHWILSON only). Blank or 0: the last term.
 * @returns The present value of future profits.
 */
export function pvfp(profits: any[][], terms: any[][], rates: any[][], timing?: any, shift?: any, method?: any, ufr?: any, alpha?: any, llp?: any): any {
  return callFromExcel("PVFP", [profits, terms, rates, timing, shift, method, ufr, alpha, llp]);
}
