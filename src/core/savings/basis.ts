import { invalid } from "../errors";
import type { LapseTable } from "../projection/lapse";
import type { MortalityTable } from "../projection/mortality";
import type { SurrenderChargeTable } from "./surrenderCharge";

/**
 * The assumptions of an account-value run beyond the model points' own product features.
 * Decrements come from the projection engine's tables (monthly q = 1 − (1 − q)^(1/12) by attained
 * age and policy year; lapses by policy year); an absent table means no deaths, or no lapses.
 */
export interface SavingsBasis {
  mortality?: MortalityTable;
  lapse?: LapseTable;
  /** Cost-of-insurance rate per unit of net amount at risk per month = multiple × monthly q (lifelib: 1.1). */
  coiMultiple: number;
  surrenderCharges?: SurrenderChargeTable;
  /** Acquisition expense per new policy, at issue. */
  acquisitionPerPolicy: number;
  /** Maintenance expense per policy per year, charged monthly (1/12) and inflated by the context's index. */
  maintenancePerPolicyPerYear: number;
  /** Commission as a share of premiums. */
  commissionRate: number;
}

export function checkSavingsBasis(b: SavingsBasis): void {
  const nonNegative = (name: string, x: number) => {
    if (!(Number.isFinite(x) && x >= 0)) invalid(name, `${x} is not a number >= 0`);
  };
  nonNegative("coi_multiple", b.coiMultiple);
  nonNegative("expense_acq", b.acquisitionPerPolicy);
  nonNegative("expense_maint", b.maintenancePerPolicyPerYear);
  if (!(b.commissionRate >= 0 && b.commissionRate <= 10)) invalid("commission_rate", `${b.commissionRate} is not a share of premium between 0 and 10`);
}
