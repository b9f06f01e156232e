import * as v from "valibot";
import type { HeaderTable } from "../projection/table";
import { usable } from "./rows";
import { amount, INTEREST, numberIn, rate } from "./fields";
import { readParameters } from "./parameters";

/**
 * expenses — a parameter table (`name,value`, or one column per name):
 *   acquisition_per_policy           at issue, per new policy (amount >= 0, required)
 *   maintenance_per_policy_per_year  per policy in force per year, inflated (amount >= 0, required)
 *   percent_of_premium               share of each premium (0..1, default 0)
 *   inflation                        annual expense inflation (above -1, below 1, required)
 */
export const ExpensesSchema = v.object({
  acquisition_per_policy: amount(),
  maintenance_per_policy_per_year: amount(),
  percent_of_premium: v.optional(rate(), 0),
  inflation: numberIn(INTEREST.replace("an interest rate", "an inflation rate"), -1, 1, { lo: true, hi: true }),
});

/** Field names match the term basis (TermBasis) so the result can be spread into it. */
export interface Expenses {
  readonly acquisitionPerPolicy: number;
  readonly maintenancePerPolicyPerYear: number;
  readonly percentOfPremium: number;
  readonly inflation: number;
}

export function readExpenses(input: HeaderTable): Expenses {
  const table = usable(input);
  const p = readParameters(table, ExpensesSchema);
  return {
    acquisitionPerPolicy: p.acquisition_per_policy,
    maintenancePerPolicyPerYear: p.maintenance_per_policy_per_year,
    percentOfPremium: p.percent_of_premium,
    inflation: p.inflation,
  };
}
