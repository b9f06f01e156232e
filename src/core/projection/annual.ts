import type { PortfolioResult } from "./portfolio";
import { PERIOD_LINES, perPeriodLine, type PeriodLine } from "./result";

/**
 * A monthly projection by projection year, for reports: flows (premiums, claims, profits, …) are the
 * sums of the year's months; stocks (policies in force, reserve, sum at risk, required capital, discount
 * factor) are their values at the start of the year (month 12k). The forward rate is left out (it is
 * a monthly rate).
 */
export const STOCK_LINES: readonly PeriodLine[] = ["policies_if", "reserve", "reserve_held", "sum_at_risk", "required_capital", "discount_factor"];
export const ANNUAL_LINES: readonly PeriodLine[] = PERIOD_LINES.filter((l) => l !== "forward_rate" && l !== "policies_bef_decr");

export interface AnnualTable {
  lines: readonly PeriodLine[];
  /** years × lines, row k = projection year k + 1. */
  values: Float64Array[];
}

export function annualLines(run: PortfolioResult): AnnualTable {
  const perYear = run.stepsPerYear;
  const years = Math.ceil(run.steps / perYear);
  const values = Array.from({ length: years }, () => new Float64Array(ANNUAL_LINES.length));
  ANNUAL_LINES.forEach((line, j) => {
    const xs = perPeriodLine(run, line);
    const stock = STOCK_LINES.includes(line);
    for (let k = 0; k < years; k++) {
      const row = values[k] as Float64Array;
      if (stock) row[j] = xs[k * perYear] as number;
      else {
        let s = 0;
        for (let t = k * perYear; t < Math.min((k + 1) * perYear, run.steps); t++) s += xs[t] as number;
        row[j] = s;
      }
    }
  });
  return { lines: ANNUAL_LINES, values };
}
