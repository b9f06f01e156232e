/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * MCEV components and traditional embedded value as Excel sees them (seed 003: the 2011 MCEV
 * disclosure, Table 1 and §6; seed 001: the 2004 traditional embedded value). Thin wrappers over the
 * function registry.
 *
 * Conventions: MCEV = SNW + VIF, SNW = FS + RC, VIF = PVFP + TVFOG + FCRC + CoRNHR. Costs (TVFOG, FCRC,
 * CoRNHR, COLI) are NEGATIVE numbers, as in the disclosures, so every component is added; positive
 * costs are refused. Amounts by year (rc, nhrbc, capital, premiums) are one row or one column, value k
 * for projection year k (held from time k − 1 to k). Curves: `terms` ascending maturities in years,
 * `rates` annually compounded zero rates as decimals; P(0, t) = (1 + z(t))^−t.
 */
import { callFromExcel, spillFromExcel } from "../excel";

/**
 * Frictional costs of required capital: FCRC = −Σ_t P(0, t) · rc(t−1) · (f(t) · tax + invexp · (1 − tax)), t = 1..n, with f(t) the one-year forward reference rate of year t (tax on the investment return of the locked-in assets and investment expenses net of tax). A negative number.
 * @customfunction FCRC
 * @param rc Required capital at the start of projection years 1..n (a row or a column, amounts >= 0).
 * @param terms Ascending maturities of the reference zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param tax Tax rate on the investment return, a decimal in [0, 1].
 * @param [invexp] Investment expenses as a rate of the assets backing the capital (0.001 = 10 bp), deducted net of tax. Blank: 0.
 * @param [method] "LINEAR", "LOGLINEAR" or "MONOTONECONVEX" (the default).
 * @returns The FCRC (<= 0).
 */
export function fcrc(rc: any[][], terms: any[][], rates: any[][], tax: any, invexp?: any, method?: any): any {
  return callFromExcel("FCRC", [rc, terms, rates, tax, invexp, method]);
}

/**
 * Cost of residual non-hedgeable risks by the cost-of-capital approach: CoRNHR = −Σ_t P(0, t) · coc · nhrbc(t−1) · (1 − tax), t = 1..n. A negative number.
 * @customfunction CORNHR
 * @param nhrbc Non-hedgeable risk based capital at the start of projection years 1..n (a row or a column, amounts >= 0), e.g. from MCEV.NHRBC.
 * @param terms Ascending maturities of the reference zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param coc Cost-of-capital rate a year, a decimal in [0, 1] (seed 003: 0.04).
 * @param [tax] Tax rate, a decimal in [0, 1]: the charge is taken after tax, × (1 − tax). Blank: 0 (no tax relief).
 * @param [method] "LINEAR", "LOGLINEAR" or "MONOTONECONVEX" (the default).
 * @returns The CoRNHR (<= 0).
 */
export function cornhr(nhrbc: any[][], terms: any[][], rates: any[][], coc: any, tax?: any, method?: any): any {
  return callFromExcel("CORNHR", [nhrbc, terms, rates, coc, tax, method]);
}

/**
 * Non-hedgeable risk based capital at 99.5%: sqrt(sᵀ C s) with s_i = max(−impact_i, 0), the loss of the stand-alone shock of risk i; a gain (positive impact) contributes 0. A number error when the correlation matrix is not positive semi-definite (a Cholesky pivot below −1e-10·n).
 * @customfunction NHRBC
 * @param impacts Change in value under each stand-alone 99.5% shock (a row or a column); losses are negative.
 * @param correlation Correlation matrix, one row and one column per risk: symmetric, 1 on the diagonal, entries in [−1, 1], positive semi-definite.
 * @returns The diversified capital (>= 0).
 */
export function nhrbc(impacts: any[][], correlation: any[][]): any {
  return callFromExcel("NHRBC", [impacts, correlation]);
}

/**
 * Value of in-force business: VIF = PVFP + TVFOG + FCRC + CoRNHR, the costs entered as negative numbers (positive costs are refused), added exactly as displayed.
 * @customfunction VIF
 * @param pvfp Present value of future profits.
 * @param tvfog Time value of financial options and guarantees, <= 0.
 * @param fcrc Frictional costs of required capital, <= 0 (MCEV.FCRC).
 * @param cornhr Cost of residual non-hedgeable risks, <= 0 (MCEV.CORNHR).
 * @returns The VIF.
 */
export function vif(pvfp: any, tvfog: any, fcrc: any, cornhr: any): any {
  return callFromExcel("VIF", [pvfp, tvfog, fcrc, cornhr]);
}

/**
 * The MCEV components table (label, value): SNW, RC, FS = SNW − RC, VIF = PVFP + TVFOG + FCRC + CoRNHR, PVFP, TVFOG, FCRC, CoRNHR, MCEV = SNW + VIF = FS + RC + VIF. Sums exact in decimal, so the rows add up as displayed.
 * @customfunction COMPONENTS
 * @param snw Shareholders' net worth (free surplus + required capital).
 * @param rc Required capital (>= 0).
 * @param pvfp Present value of future profits.
 * @param tvfog Time value of financial options and guarantees, <= 0.
 * @param fcrc Frictional costs of required capital, <= 0.
 * @param cornhr Cost of residual non-hedgeable risks, <= 0.
 * @param [headers] TRUE adds a header row ("Component", "Value").
 * @returns Nine rows of label and value, in the order of the disclosure's Table 1 (plus FS and MCEV).
 */
export function components(snw: any, rc: any, pvfp: any, tvfog: any, fcrc: any, cornhr: any, headers?: any): any[][] {
  return spillFromExcel("COMPONENTS", [snw, rc, pvfp, tvfog, fcrc, cornhr, headers]);
}

/**
 * Present value of new business premiums: Σ_t premium_t · P(0, τ_t), t = 1..n, with τ_t = t − 1 (BEGIN, the default: premiums in advance), t − 0.5 (MID) or t (END).
 * @customfunction PVNBP
 * @param premiums New business premiums of projection years 1..n (a row or a column).
 * @param terms Ascending maturities of the reference zero curve, in years.
 * @param rates Annually compounded zero rates, one per term, as decimals (0.0243 = 2.43%).
 * @param [timing] "BEGIN" (default), "MID" or "END": when in each year the premium is paid.
 * @param [method] "LINEAR", "LOGLINEAR" or "MONOTONECONVEX" (the default).
 * @returns The PVNBP.
 */
export function pvnbp(premiums: any[][], terms: any[][], rates: any[][], timing?: any, method?: any): any {
  return callFromExcel("PVNBP", [premiums, terms, rates, timing, method]);
}

/**
 * New business margin = VNB / PVNBP; a number error when the PVNBP is 0.
 * @customfunction NBMARGIN
 * @param vnb Value of new business.
 * @param pvnbp Present value of new business premiums (> 0), e.g. from MCEV.PVNBP.
 * @returns The margin as a decimal (0.029 = 2.9%).
 */
export function nbmargin(vnb: any, pvnbp: any): any {
  return callFromExcel("NBMARGIN", [vnb, pvnbp]);
}

/**
 * Internal rate of return, annual effective: the r in [−99%, 1000%] with Σ cf_i · (1 + r)^(−t_i) = 0. With several roots, the one closest to 0. A number error when the cash flows do not change sign or no root is in the range.
 * @customfunction IRR
 * @param cashflows Cash flows (a row or a column), e.g. the new business strain then the distributable profits.
 * @param [times] Times of the cash flows in years (>= 0), one per cash flow. Blank: 0, 1, …, n − 1.
 * @returns The IRR as a decimal.
 */
export function irr(cashflows: any[][], times?: any[][]): any {
  return callFromExcel("IRR", [cashflows, times]);
}

/**
 * Implied discount rate: the annual effective r in [−99%, 1000%] with Σ cf_i · (1 + r)^(−t_i) = value, e.g. the rate at which projected profits (with the release of capital) are worth a given price. With several roots, the one closest to 0.
 * @customfunction IDR
 * @param cashflows Projected cash flows (a row or a column).
 * @param [times] Times in years (>= 0), one per cash flow. Blank: 1, 2, …, n when value is given (year-end cash flows); 0, 1, …, n − 1 without it.
 * @param [value] The value the present value must equal. Blank: the first cash flow is the negative of the value (PV of the others = −cf_1), i.e. the IRR.
 * @returns The implied discount rate as a decimal.
 */
export function idr(cashflows: any[][], times?: any[][], value?: any): any {
  return callFromExcel("IDR", [cashflows, times, value]);
}

/**
 * Risk discount rate of a traditional embedded value: RDR = govt10y + margin (seed 001: 3.70% + 350 bp = 7.20%), added exactly as displayed.
 * @customfunction RDR
 * @param govt10y Yield of 10-year government bonds, a decimal (0.037 = 3.70%).
 * @param margin Risk margin, a decimal (350 bp = 0.035).
 * @returns The risk discount rate.
 */
export function rdr(govt10y: any, margin: any): any {
  return callFromExcel("RDR", [govt10y, margin]);
}

/**
 * Cost of locking-in the solvency margin: COLI = −[capital(0) − Σ_t (capital(t−1) · (1 + i · (1 − tax)) − capital(t)) · (1 + rdr)^(−t)], t = 1..n, capital(n) = 0; equals −Σ_t capital(t−1) · (rdr − i · (1 − tax)) · (1 + rdr)^(−t). Negative when the after-tax return is below the RDR.
 * @customfunction COLI
 * @param capital Locked-in capital (solvency margin) at the start of projection years 1..n (a row or a column, amounts >= 0).
 * @param rdr Risk discount rate, a decimal (e.g. MCEV.RDR).
 * @param return_rate Return earned on the assets backing the capital, before tax, a decimal.
 * @param tax Tax rate on that return, a decimal in [0, 1].
 * @returns The COLI.
 */
export function coli(capital: any[][], rdr: any, return_rate: any, tax: any): any {
  return callFromExcel("COLI", [capital, rdr, return_rate, tax]);
}

/**
 * Traditional embedded value: EV = ANAV + PVIF + COLI, PVIF the value of in-force at the risk discount rate and COLI (<= 0) the cost of locking-in; added exactly as displayed.
 * @customfunction TEV
 * @param anav Adjusted net asset value.
 * @param pvfp_rdr Value of in-force business before the cost of locking-in, discounted at the RDR.
 * @param coli Cost of locking-in the solvency margin, <= 0 (MCEV.COLI).
 * @param [table] TRUE spills the rows ANAV, PVIF, COLI, PVIF after cost of locking-in, EV with labels. Blank: the EV alone.
 * @returns The EV, or the table.
 */
export function tev(anav: any, pvfp_rdr: any, coli: any, table?: any): any[][] {
  return spillFromExcel("TEV", [anav, pvfp_rdr, coli, table]);
}
