import * as v from "valibot";
import type { HeaderTable } from "../projection/table";
import { usable } from "./rows";
import { numberIn } from "./fields";
import { readParameters } from "./parameters";

/**
 * capital — the required-capital basis RC(t) = reserve_share · reserve(t) + sum_at_risk_share · sum at
 * risk(t), a parameter table (`name,value`, or the two columns with one row). Both required, each 0..1.
 */
const SHARE = "a share between 0 and 1 (a decimal: 0.04 for 4%)";
export const CapitalSchema = v.object({ reserve_share: numberIn(SHARE, 0, 1), sum_at_risk_share: numberIn(SHARE, 0, 1) });

/** Field names match the profit basis (ProfitBasis in projection/profit.ts). */
export interface CapitalBasis {
  readonly capitalReserveShare: number;
  readonly capitalSumAtRiskShare: number;
}

export function readCapital(input: HeaderTable): CapitalBasis {
  const table = usable(input);
  const p = readParameters(table, CapitalSchema);
  return { capitalReserveShare: p.reserve_share, capitalSumAtRiskShare: p.sum_at_risk_share };
}
