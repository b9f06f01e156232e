/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges and cells of any type; the registry checks them. */
/**
 * Loss reserving functions as Excel sees them (seed 002: chain ladder, Bornhuetter–Ferguson, the loss
 * ratio method, ranges of estimates, IBNR apart from case reserves, survival ratio, settlement of
 * reserves by period, estimated premium). Thin wrappers over the function registry.
 *
 * A triangle is a range of CUMULATIVE amounts: origin periods in rows, oldest first; development
 * periods in columns; blank cells after the latest diagonal. Per-origin results spill one row per
 * origin in input order, then a Total row; `headers` TRUE adds a header row.
 */
import { spillFromExcel, callFromExcel } from "../excel";

/**
 * Age-to-age development factors f_j = C(j+1)/C(j) of a cumulative triangle: volume-weighted (default) or simple average, optionally over the latest n origins only. Spills one row.
 * @customfunction LDF
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param [average] "VOLUME" (default: Σ C(j+1) / Σ C(j)) or "SIMPLE" (mean of the individual ratios).
 * @param [periods] Use only the latest n origins for each factor (the last n diagonals). Blank or 0: all.
 * @param [headers] TRUE adds a header row ("1-2", "2-3", ...).
 * @returns One row of factors, from development period 1→2 onwards.
 */
export function ldf(triangle: any[][], average?: any, periods?: any, headers?: any): any[][] {
  return spillFromExcel("LDF", [triangle, average, periods, headers]);
}

/**
 * Chain-ladder reserves: per origin Latest, CDF to ultimate, Ultimate = Latest × CDF, IBNR = Ultimate − Latest; then a Total row.
 * @customfunction CHAINLADDER
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [headers] TRUE adds a header row.
 * @returns Latest, CDF to ultimate, Ultimate, IBNR by origin, and the Total row.
 */
export function chainladder(triangle: any[][], tail?: any, headers?: any): any[][] {
  return spillFromExcel("CHAINLADDER", [triangle, tail, headers]);
}

/**
 * Mack (1993) chain ladder with standard errors: per origin Latest, Ultimate, IBNR, Mack S.E. (process and parameter error) and CV; the Total row's S.E. includes the covariance between origins.
 * @customfunction MACK
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param [tail] Tail factor >= 1, with its S.E. and sigma extrapolated as R's ChainLadder does; TRUE estimates the tail by log-linear extrapolation of the factors. Blank: no tail.
 * @param [sigma_rule] How the last sigma is estimated: "MACK" (default, Mack 1993) or "LOGLINEAR" (log-linear regression, R ChainLadder's default).
 * @param [tail_se] Standard error of the tail factor. Blank or 0: extrapolated log-linearly, as R's ChainLadder does.
 * @param [tail_sigma] Sigma of the tail step. Blank or 0: extrapolated log-linearly, as R's ChainLadder does.
 * @param [headers] TRUE adds a header row.
 * @returns Latest, Ultimate, IBNR, Mack S.E., CV by origin, and the Total row.
 */
export function mack(triangle: any[][], tail?: any, sigma_rule?: any, tail_se?: any, tail_sigma?: any, headers?: any): any[][] {
  return spillFromExcel("MACK", [triangle, tail, sigma_rule, tail_se, tail_sigma, headers]);
}

/**
 * England–Verrall over-dispersed Poisson bootstrap of the chain-ladder reserve: per origin and in total the chain-ladder reserve, the mean, the standard error (prediction error), the Monte Carlo standard error of the mean and percentiles of the simulated reserve. Seeded and reproducible.
 * @customfunction BOOTSTRAP
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param sims Number of simulations, e.g. 10000 (at most 1,000,000).
 * @param [seed] Seed of the random generator (a whole number >= 0); the same seed gives the same result. Blank: 0.
 * @param [percentiles] Probabilities of the percentiles, e.g. {0.5;0.75;0.995}. Blank: 50%, 75%, 90%, 95%, 99.5%.
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [headers] TRUE adds a header row.
 * @returns Chain ladder, Mean, S.E., MC S.E. of mean and the percentiles by origin, and the Total row.
 */
export function bootstrap(triangle: any[][], sims: any, seed?: any, percentiles?: any, tail?: any, headers?: any): any[][] {
  return spillFromExcel("BOOTSTRAP", [triangle, sims, seed, percentiles, tail, headers]);
}

/**
 * Bornhuetter–Ferguson: IBNR = Premium × ELR × (1 − 1/CDF), Ultimate = Latest + IBNR, with the chain-ladder pattern.
 * @customfunction BF
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param premium Premium (or another exposure) per origin, >= 0.
 * @param elr Expected (a priori) loss ratio: one for all origins or one per origin, e.g. 0.65.
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [headers] TRUE adds a header row.
 * @returns Latest, Expected ultimate, % unreported, IBNR, Ultimate by origin, and the Total row.
 */
export function bf(triangle: any[][], premium: any[][], elr: any[][], tail?: any, headers?: any): any[][] {
  return spillFromExcel("BF", [triangle, premium, elr, tail, headers]);
}

/**
 * Benktander (iterated Bornhuetter–Ferguson): U(k+1) = Latest + (1 − 1/CDF) × U(k) from U(0) = Premium × ELR. 1 iteration is BF, 2 (default) Benktander; many tend to the chain ladder.
 * @customfunction BENKTANDER
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param premium Premium (or another exposure) per origin, >= 0.
 * @param elr Expected (a priori) loss ratio: one for all origins or one per origin, e.g. 0.65.
 * @param [iterations] Number of iterations (1 = BF, 2 = Benktander). Blank or 0: 2.
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [headers] TRUE adds a header row.
 * @returns Latest, Expected ultimate, % unreported, IBNR, Ultimate by origin, and the Total row.
 */
export function benktander(triangle: any[][], premium: any[][], elr: any[][], iterations?: any, tail?: any, headers?: any): any[][] {
  return spillFromExcel("BENKTANDER", [triangle, premium, elr, iterations, tail, headers]);
}

/**
 * The loss ratio method: Ultimate = Premium × ELR, IBNR = Ultimate − Latest (negative when the latest exceeds the expected ultimate).
 * @customfunction ELR
 * @param premium Premium per origin (a column), >= 0.
 * @param elr Expected loss ratio: one for all origins or one per origin, e.g. 0.65.
 * @param latest Latest reported (or paid) amount per origin, as many as premiums.
 * @param [headers] TRUE adds a header row.
 * @returns Latest, Ultimate, IBNR by origin, and the Total row.
 */
export function elr(premium: any[][], elr: any[][], latest: any[][], headers?: any): any[][] {
  return spillFromExcel("ELR", [premium, elr, latest, headers]);
}

/**
 * Cape Cod (Stanard–Bühlmann): the loss ratio is estimated from the data, ELR = Σ Latest / Σ (Premium / CDF); with a decay, each origin weights the others by decay^|i−j|, and a trend brings losses to each origin's cost level.
 * @customfunction CAPECOD
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param premium Premium (or another exposure) per origin, > 0.
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [decay] Weight decay between origins, above 0 and up to 1. Blank or 0: 1 (one loss ratio for all origins). Decay 0 would be the chain ladder: use MCEV.CHAINLADDER.
 * @param [trend] Claims trend per origin period, e.g. 0.03. Blank: 0.
 * @param [headers] TRUE adds a header row.
 * @returns Latest, Used-up premium, ELR, IBNR, Ultimate by origin, and the Total row.
 */
export function capecod(triangle: any[][], premium: any[][], tail?: any, decay?: any, trend?: any, headers?: any): any[][] {
  return spillFromExcel("CAPECOD", [triangle, premium, tail, decay, trend, headers]);
}

/**
 * Reserves by origin from a paid and an incurred triangle: Paid, Case reserves = Incurred − Paid, IBNR = Ultimate − Incurred, Total reserve = Ultimate − Paid, with the ultimate from the incurred triangle by the chosen method.
 * @customfunction RESERVES
 * @param paid Cumulative paid triangle.
 * @param incurred Cumulative incurred (reported) triangle with the same origins.
 * @param [method] "CL" (default), "BF", "BENKTANDER", "CAPECOD" or "ELR".
 * @param [premium] Premium per origin (needed by BF, BENKTANDER, CAPECOD, ELR).
 * @param [elr] Expected loss ratio (needed by BF, BENKTANDER, ELR). Blank or 0: not given.
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [headers] TRUE adds a header row.
 * @returns Paid, Case reserves, IBNR, Total reserve, Ultimate by origin, and the Total row.
 */
export function reserves(paid: any[][], incurred: any[][], method?: any, premium?: any, elr?: any, tail?: any, headers?: any): any[][] {
  return spillFromExcel("RESERVES", [paid, incurred, method, premium, elr, tail, headers]);
}

/**
 * A range of reserve estimates: each method's IBNR side by side (CL; with premium and ELR also BF, Benktander, Cape Cod and the loss ratio method; without premium the chain ladder on the last 5 diagonals), the low, the high and the selected method.
 * @customfunction RANGE
 * @param triangle Cumulative amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param [premium] Premium per origin.
 * @param [elr] Expected loss ratio: one for all origins or one per origin (needs premium). Blank or 0: not given.
 * @param [selected] The selected method: "CL" (default), "BF", "BENKTANDER", "CAPECOD" or "ELR".
 * @param [tail] Tail factor (>= 1) beyond the last development period. Blank: 1.
 * @param [headers] TRUE adds a header row.
 * @returns IBNR by method, Low, High and Selected by origin; in the Total row each method's total, and Low and High are the lowest and highest method totals.
 */
export function range(triangle: any[][], premium?: any, elr?: any, selected?: any, tail?: any, headers?: any): any[][] {
  return spillFromExcel("RANGE", [triangle, premium, elr, selected, tail, headers]);
}

/**
 * Expected payments of the chain-ladder reserve by future calendar period (for a paid triangle), and the same summed into buckets: within 1 year, 1–3, 3–5 and over 5 years by default.
 * @customfunction RUNOFF
 * @param triangle Cumulative paid amounts: origins in rows (oldest first), development periods in columns, blank after the latest diagonal.
 * @param [tail] Tail factor (>= 1); its amount is paid in the period after the last development period. Blank: 1.
 * @param [buckets] Ascending upper bounds of the buckets in years, e.g. {1;3;5}. Blank: {1;3;5}.
 * @param [periods_per_year] Development periods a year: 1 (annual, default), 4 (quarterly), 12 (monthly). Blank or 0: 1.
 * @param [headers] TRUE adds a header row.
 * @returns Period, Expected payment (then Total); beside it Bucket (years), Amount (then Total).
 */
export function runoff(triangle: any[][], tail?: any, buckets?: any, periods_per_year?: any, headers?: any): any[][] {
  return spillFromExcel("RUNOFF", [triangle, tail, buckets, periods_per_year, headers]);
}

/**
 * Survival ratio: reserves ÷ the average paid of the last three calendar years (asbestos and environmental claims).
 * @customfunction SURVIVALRATIO
 * @param reserves Reserves: one amount, or a column of amounts (one per row of paid).
 * @param paid Calendar-year paid amounts, oldest first: one row (or column) for one reserve, or one row per reserve.
 * @returns The survival ratio in years, one per reserve.
 */
export function survivalratio(reserves: any[][], paid: any[][]): any {
  return callFromExcel("SURVIVALRATIO", [reserves, paid]);
}

/**
 * The premium estimate to book: estimated gross premium income (EGPI, the ultimate premium) less the premium received so far. Negative when more has been received.
 * @customfunction EGPI
 * @param ultimate_premium Estimated ultimate premium (EGPI): one value or one per contract.
 * @param premium_received Premium received so far, in the shape of ultimate_premium.
 * @returns The premium to book, in the shape of ultimate_premium.
 */
export function egpi(ultimate_premium: any[][], premium_received: any[][]): any {
  return callFromExcel("EGPI", [ultimate_premium, premium_received]);
}
