import * as v from "valibot";
import type { HeaderTable } from "../projection/table";
import { usable } from "./rows";
import { commissionRate } from "./fields";
import { readParameters } from "./parameters";

/**
 * commission — a parameter table (`name,value`, or the two columns first_year,renewal with one row):
 *   first_year  share of premium paid as commission in the first policy year (0..10; 1 = 100%)
 *   renewal     share of premium in later years (0..10)
 * Both are required.
 */
export const CommissionSchema = v.object({ first_year: commissionRate(), renewal: commissionRate() });

/** Field names match the term basis (TermBasis). */
export interface Commission {
  readonly commissionFirstYear: number;
  readonly commissionRenewal: number;
}

export function readCommission(input: HeaderTable): Commission {
  const table = usable(input);
  const p = readParameters(table, CommissionSchema);
  return { commissionFirstYear: p.first_year, commissionRenewal: p.renewal };
}
