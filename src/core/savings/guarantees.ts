import { GUARANTEE } from "./modelPoints";

/**
 * The guaranteed amounts of a policy along the grid. They do not depend on the account value, so they
 * are computed once per model point and shared by every scenario.
 *
 * With PP(t) the gross premium paid at the start of month t, two bases run from the premiums paid
 * to the valuation date (accum_prem_init_pp), before the first month's premium:
 *   paid:   P_after(t) = P_before(t) + PP(t),   P_before(t+1) = P_after(t)                 (RETURN_OF_PREMIUM)
 *   rolled: R_after(t) = R_before(t) + PP(t),   R_before(t+1) = R_after(t) · (1 + ρ)^(1/12) (ROLL_UP at ρ a year)
 * The death guarantee during month t is S (SUM_ASSURED), P_after(t), R_after(t), or 0 (NONE: the death
 * benefit is the account value); the maturity guarantee in the maturity month M is S, P_before(M),
 * R_before(M), or 0.
 */
function pick(kind: number, sumAssured: number, paid: number, rolled: number): number {
  switch (kind) {
    case GUARANTEE.SUM_ASSURED:
      return sumAssured;
    case GUARANTEE.RETURN_OF_PREMIUM:
      return paid;
    case GUARANTEE.ROLL_UP:
      return rolled;
    default:
      return 0;
  }
}

/**
 * Fills deathBase[t] for t in [start, stop) from the premiums pp[t] and returns the maturity guarantee
 * at the month `maturityStep` (0 when that month is not in [start, stop): the policy does not mature
 * inside the grid).
 */
export function fillGuarantees(
  deathKind: number,
  maturityKind: number,
  sumAssured: number,
  premiumsPaidInit: number,
  annualRollUp: number,
  pp: Float64Array,
  start: number,
  stop: number,
  maturityStep: number,
  deathBase: Float64Array,
): number {
  const growth = Math.pow(1 + annualRollUp, 1 / 12);
  let paid = premiumsPaidInit;
  let rolled = premiumsPaidInit;
  for (let t = start; t < stop; t++) {
    if (t === maturityStep) {
      deathBase[t] = 0;
      return pick(maturityKind, sumAssured, paid, rolled);
    }
    const premium = pp[t] as number;
    paid += premium;
    rolled += premium;
    deathBase[t] = pick(deathKind, sumAssured, paid, rolled);
    rolled *= growth;
  }
  return 0;
}
