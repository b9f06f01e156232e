/**
 * The sample assumption tables of examples/assumptions (and the one-entity valuation parameters of
 * examples/valuation/valuation.csv), bundled into the pane at build time as text
 * (webpack asset/source, Vite `?raw` in tests): the pane works offline and the sample has one source.
 */
import capital from "../../../examples/assumptions/capital.csv?raw";
import commission from "../../../examples/assumptions/commission.csv?raw";
import expenses from "../../../examples/assumptions/expenses.csv?raw";
import lapse from "../../../examples/assumptions/lapse.csv?raw";
import modelPoints from "../../../examples/assumptions/model_points.csv?raw";
import mortality from "../../../examples/assumptions/mortality.csv?raw";
import mortalityImprovement from "../../../examples/assumptions/mortality_improvement.csv?raw";
import premiumRates from "../../../examples/assumptions/premium_rates.csv?raw";
import reinsurance from "../../../examples/assumptions/reinsurance.csv?raw";
import tax from "../../../examples/assumptions/tax.csv?raw";
import yrtRates from "../../../examples/assumptions/yrt_rates.csv?raw";
import zeroCurve from "../../../examples/assumptions/zero_curve.csv?raw";
import valuation from "../../../examples/valuation/valuation.csv?raw";

/** CSV text by canonical table name. */
export const SAMPLE_CSV: Readonly<Record<string, string>> = {
  model_points: modelPoints,
  mortality,
  mortality_improvement: mortalityImprovement,
  lapse,
  expenses,
  commission,
  reinsurance,
  capital,
  premium_rates: premiumRates,
  yrt_rates: yrtRates,
  zero_curve: zeroCurve,
  tax,
  valuation,
};

