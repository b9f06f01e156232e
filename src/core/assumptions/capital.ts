import * as v from "valibot";
import type { HeaderTable } from "../projection/table";
import { invalid } from "../errors";
import { usable } from "./rows";
import { numberIn } from "./fields";
import { readParameters } from "./parameters";

/**
 * capital — the required-capital basis RC(t) = reserve_share · reserve(t) + sum_at_risk_share · sum at
 * risk(t), a parameter table (`name,value`, or the two columns with one row). Both required, each 0..1.
 * Optional minimum_reserve_share and minimum_sum_at_risk_share give the regulatory minimum basis (the
 * "required capital at the regulatory minimum" sensitivity); RC is usually a multiple of it (seed 003 §6.2).
 */
const SHARE = "a share between 0 and 1 (a decimal: 0.04 for 4%)";
export const CapitalSchema = v.object({
  reserve_share: numberIn(SHARE, 0, 1),
  sum_at_risk_share: numberIn(SHARE, 0, 1),
  minimum_reserve_share: v.optional(numberIn(SHARE, 0, 1)),
  minimum_sum_at_risk_share: v.optional(numberIn(SHARE, 0, 1)),
});

/** Field names match the profit basis (ProfitBasis in projection/profit.ts). */
export interface CapitalBasis {
  readonly capitalReserveShare: number;
  readonly capitalSumAtRiskShare: number;
  /** The regulatory minimum basis, when given (both shares). */
  readonly minimum?: { readonly capitalReserveShare: number; readonly capitalSumAtRiskShare: number };
}

export function readCapital(input: HeaderTable): CapitalBasis {
  const table = usable(input);
  const p = readParameters(table, CapitalSchema);
  if ((p.minimum_reserve_share === undefined) !== (p.minimum_sum_at_risk_share === undefined)) {
    invalid(table.name, "gives one of minimum_reserve_share and minimum_sum_at_risk_share; give both (the regulatory minimum basis) or neither");
  }
  return {
    capitalReserveShare: p.reserve_share,
    capitalSumAtRiskShare: p.sum_at_risk_share,
    ...(p.minimum_reserve_share !== undefined ? { minimum: { capitalReserveShare: p.minimum_reserve_share, capitalSumAtRiskShare: p.minimum_sum_at_risk_share as number } } : {}),
  };
}
