import * as v from "valibot";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { usable } from "./rows";
import { amount, commissionRate, rate } from "./fields";
import { readParameters } from "./parameters";

/**
 * reinsurance — the treaty terms, a parameter table (`name,value`, or one column per name, one row):
 *   quota_share            share of each policy's sum assured ceded (0..1)
 *   retention              amount retained per life; the excess max(S − retention, 0) is ceded (>= 0)
 *   commission_first_year  allowance paid to the cedant, share of the reinsurance premium, policy year 1 (0..10, default 0)
 *   commission_renewal     the same in later years (0..10, default 0)
 * At least one of quota_share and retention is required. The yearly-renewable-term premium rates are
 * the separate table yrt_rates.
 */
export const ReinsuranceSchema = v.object({
  quota_share: v.optional(rate()),
  retention: v.optional(amount()),
  commission_first_year: v.optional(commissionRate(), 0),
  commission_renewal: v.optional(commissionRate(), 0),
});

/**
 * Field names as in the treaty bases of the engine: QuotaShareBasis.quotaShare; YrtBasis takes either
 * cededShare (= quotaShare) or retention; both take commissionFirstYear and commissionRenewal.
 */
export interface ReinsuranceTerms {
  readonly quotaShare?: number;
  readonly retention?: number;
  readonly commissionFirstYear: number;
  readonly commissionRenewal: number;
}

export function readReinsurance(input: HeaderTable): ReinsuranceTerms {
  const table = usable(input);
  const p = readParameters(table, ReinsuranceSchema);
  if (p.quota_share === undefined && p.retention === undefined) invalid(table.name, 'gives neither "quota_share" nor "retention"; give at least one');
  return {
    ...(p.quota_share !== undefined ? { quotaShare: p.quota_share } : {}),
    ...(p.retention !== undefined ? { retention: p.retention } : {}),
    commissionFirstYear: p.commission_first_year,
    commissionRenewal: p.commission_renewal,
  };
}
