import { invalid } from "../../errors";
import type { Product } from "../engine";
import type { LapseTable } from "../lapse";
import type { MortalityTable } from "../mortality";
import { roundCents, type PremiumBasis } from "./termAssurance";
import { blockRates, cededBlockHorizon, checkCededBlock, coverSum, projectCededBlock } from "./yrtTreaty";

/** Quota-share coinsurance of a term block. */
export interface QuotaShareBasis {
  /** The cedant's block: annual q by attained age and policy year (select and ultimate). */
  mortality: MortalityTable;
  /** The cedant's block: lapse rates by policy year. */
  lapse: LapseTable;
  /**
   * The cedant's ORIGINAL premium per policy per month, with the term product's semantics:
   * "given" (the model points' premium column) or "rateTable" (P = round2(S · rate(age at entry, term))).
   * "solved" is refused: a quota share takes the cedant's premium as it is.
   */
  premium: PremiumBasis;
  /** The reinsurer's share in [0, 1] of the original premiums and of the claims. */
  quotaShare: number;
  /** Reinsurance commission paid to the cedant, as a share of the ceded premium: policy year 0, and later years. */
  commissionFirstYear: number;
  commissionRenewal: number;
  /** The reinsurer's own maintenance expense per reinsured policy per year, paid monthly in advance, inflated with ctx.inflation. */
  maintenancePerPolicyPerYear: number;
  /** "LEVEL" (default) or "DECREASING" like the term product; the ceded sum follows the cover. */
  cover?: "LEVEL" | "DECREASING";
  /** The reinsurer's expenses as a share of the reinsurance premium (default 0). */
  percentOfPremium?: number;
}

/**
 * Quota-share coinsurance of a term block, from the reinsurer's point of view. Per ceded policy in
 * policy year d, with P the cedant's original monthly premium and S(d) the sum assured of the cover:
 *   ceded premium = share · P, received monthly in advance on the policies exposed (premiumByPoint);
 *   claims = share · S(d) · deaths; reinsurance commission = ceded premium · first-year / renewal rate;
 *   expenses = the reinsurer's maintenance per reinsured policy (ceded sum > 0), inflated.
 * Reserve 0: the ceded business is term assurance with monthly premiums, for which the cedant holds no
 * reserve either (as in termAssurance.ts); the reinsurer's share of it is 0. sum_at_risk = share · S(d) · exposed.
 * With share 1 and no commission or expense, premiums and claims are those of the term product.
 */
export const quotaShare: Product<QuotaShareBasis> = {
  name: "QUOTA_SHARE",
  horizon: cededBlockHorizon,
  check(points, basis) {
    const share = basis.quotaShare;
    if (!(share >= 0 && share <= 1)) invalid("quota_share", `${share} is not a share between 0 and 1`);
    const premium = basis.premium;
    if (premium.kind === "solved") invalid("premium_basis", "a quota share cedes the cedant's premium: give it in the model points' premium column or in a premium table, not solved");
    if (premium.kind === "given" && !points.premium) invalid("model_points", "has no premium column, and the premium basis says the cedant's premium is given");
    checkCededBlock(points, basis.mortality, basis);
    if (premium.kind === "rateTable") {
      for (let i = 0; i < points.count; i++) {
        const age = points.ageAtEntry[i] as number;
        const term = points.policyTerm[i] as number;
        const rate = premium.rate(age, term);
        if (rate === undefined) invalid("premium_rates", `has no rate for age at entry ${age} and term ${term} (model point row ${i + 1}, columns age_at_entry and policy_term)`);
        if (!(rate >= 0) || !Number.isFinite(rate)) invalid("premium_rates", `the rate for age at entry ${age} and term ${term} is ${rate}, not a rate >= 0 (model point row ${i + 1})`);
      }
    }
  },
  project(points, basis, ctx, options, out) {
    if (ctx.stepsPerYear !== 12) invalid("steps_per_year", "annual steps are available for TERM and DECREASING_TERM; QUOTA_SHARE is projected monthly");
    const decreasing = basis.cover === "DECREASING";
    const share = basis.quotaShare;
    const premiumBasis = basis.premium;
    const given = points.premium;
    projectCededBlock(
      points,
      blockRates(basis.mortality, basis.lapse),
      basis,
      (i, firstYear, term, s) => {
        const sumAssured = points.sumAssured[i] as number;
        let original = 0;
        if (premiumBasis.kind === "given") original = (given as Float64Array)[i] as number;
        else if (premiumBasis.kind === "rateTable") original = roundCents(sumAssured * (premiumBasis.rate(points.ageAtEntry[i] as number, term) as number));
        const ceded = share * original;
        for (let d = firstYear; d < term; d++) {
          s.premium[d] = ceded;
          s.ceded[d] = share * coverSum(sumAssured, term, d, decreasing);
        }
      },
      ctx,
      options,
      out,
    );
  },
};
