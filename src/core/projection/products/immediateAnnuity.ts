import { inflatedDiscount } from "../discount";
import { invalid } from "../../errors";
import { pointBuffers, projectPointDecrements, type MonthlyRates } from "../decrements";
import type { Product } from "../engine";
import { checkImprovement, mortalityImprovement, type ImprovementBasis } from "../improvement";
import type { ModelPoints } from "../modelPoints";
import { monthlyMortality, type MortalityTable } from "../mortality";
import { addTo, LINE, addPresentValues } from "../result";
import { roundCents } from "./termAssurance";

/** How the single premium per policy of new business is set. */
export type AnnuityPremiumBasis =
  /** From the model points' premium column (the SINGLE premium per policy for this product). */
  | { kind: "given" }
  /**
   * Solved at issue by the equivalence principle on the projection basis (the same mortality, with
   * improvement, discount curve and inflation), loaded and rounded to cents:
   *   SP = round2((1 + loading) · PV at issue of (annuity payments + maintenance expenses)) = round2((1 + loading) · V(issue)).
   * Acquisition expenses and commission are not in the PV: the loading has to cover them.
   */
  | { kind: "solved"; loading: number };

export interface AnnuityBasis {
  /** Select-and-ultimate table; the annuity runs to its last age (q is taken as 1 in the last row). */
  mortality: MortalityTable;
  /** Mortality improvement by age and calendar year, or flat; none when absent. */
  improvement?: ImprovementBasis;
  /**
   * Calendar year of projection year 0 (the valuation year). Needed with an improvement table (its
   * columns are calendar years) or an improvement base year; a flat improvement without a base year
   * does not need it.
   */
  valuationYear?: number;
  premium: AnnuityPremiumBasis;
  /** Acquisition expense per new policy, at issue. */
  acquisitionPerPolicy: number;
  /** Maintenance expense per policy per year, paid monthly in advance (1/12 per month) and inflated by ctx.inflation. */
  maintenancePerPolicyPerYear: number;
  /** Expenses as a share of the single premium, at issue (default 0). */
  percentOfPremium?: number;
  /** Commission as a share of the single premium, paid at issue. */
  commissionRate: number;
}

/** Last age assumed by `horizon(points)` when it is called without the basis (the engine's interface). */
export const ANNUITY_DEFAULT_MAX_AGE = 120;

/** Where the product's refusals of the basis point to. */
const BASIS = "annuity_basis";

/**
 * Periods needed to run every point off: the months until the oldest point reaches maxAge + 1,
 * 12·(maxAge + 1 − age_at_entry) − duration_mth, at least 0 (a point already past the table adds nothing;
 * check() refuses it).
 */
export function annuityHorizon(points: ModelPoints, maxAge: number): number {
  let steps = 0;
  for (let i = 0; i < points.count; i++) steps = Math.max(steps, 12 * (maxAge + 1 - (points.ageAtEntry[i] as number)) - (points.durationMonths[i] as number));
  return steps;
}

/** The mortality table with q = 1 in its last row: the block ends when the attained age passes maxAge. */
export function closedMortality(table: MortalityTable): MortalityTable {
  const q = Float64Array.from(table.q);
  q.fill(1, q.length - table.columns);
  return { minAge: table.minAge, maxAge: table.maxAge, columns: table.columns, q };
}

/**
 * The monthly decrement rates of a run of `steps` months: the closed table, no lapses, and the improved
 * monthly q computed once for ceil(steps / 12) projection years when the basis has an improvement.
 */
export function annuityMonthlyRates(basis: AnnuityBasis, steps: number): MonthlyRates {
  const table = closedMortality(basis.mortality);
  const rates: MonthlyRates = { qm: monthlyMortality(table), minAge: table.minAge, maxAge: table.maxAge, cols: table.columns, lapse: new Float64Array(0) };
  if (basis.improvement) {
    const valuationYear = basis.valuationYear ?? basis.improvement.baseYear ?? 0;
    rates.improvedQm = mortalityImprovement(table, basis.improvement, valuationYear, Math.ceil(steps / 12));
  }
  return rates;
}

export interface AnnuityProduct extends Product<AnnuityBasis> {
  /** With the basis: the horizon to the table's last age; without it, to ANNUITY_DEFAULT_MAX_AGE. */
  horizon(points: ModelPoints, basis?: AnnuityBasis): number;
}

/**
 * Immediate life annuity (longevity risk), whole life, monthly payments in advance.
 *
 * Model points: `sumAssured` is the ANNUAL annuity amount per policy; `policyTerm` is ignored (the annuity
 * is whole life: the block runs until the attained age passes the mortality table's last age, whose q is
 * taken as 1); `premium`, when given, is the SINGLE premium per policy, paid at issue by new business
 * (duration_mth <= 0). Points in force at the valuation date (duration_mth > 0) pay no premium, acquisition
 * expense or commission. No lapses.
 *
 * Within month t (m = months since issue, d = floor(m / 12) the policy year, attained age x0 + d, select
 * column min(d, columns − 1)), with the shared decrements (projectPointDecrements):
 *   NB = count if m = 0;  BD = BM + NB;  deaths = BD·qm(x0 + d, d[, projection year floor(t/12)]);  BM(t+1) = BD − deaths;
 *   premiums = SP·NB;  claims (annuity payments) = BD·A/12;
 *   expenses = acq·NB + BD·maint/12·INF(t);  commissions = c·SP·NB;  all at the start of month t.
 *
 * Reserve: the best-estimate reserve per policy in force at the start of month t, on the projection basis,
 *   V(t) = PV at t of the payments and maintenance expenses from t on (the payment of month t included),
 * by the backward recursion (a policy alive at the start of t is paid a(t) = A/12 + maint/12·INF(t) at
 * once, then survives the month with probability p(t) = 1 − qm):
 *   V(t) = a(t) + p(t) · V(t + 1) · DF(t + 1) / DF(t),   V = 0 from the month the block ends or the grid ends.
 * Per point it runs on the aggregate W(t) = BD(t)·V(t) (no division by the count):
 *   W(t) = BD(t)·a(t) + W(t + 1)·DF(t + 1)/DF(t),   since BD(t)·p(t) = BM(t + 1) = BD(t + 1) after issue.
 * The `reserve` line is Σ BM(t)·V(t) = W(t)·BM(t)/BD(t): new business enters at its issue month with no
 * reserve (the single premium funds it) and is reserved from the next month on. `reserve_held` is W(t)
 * itself, the reserve of the policies exposed in month t, new business included: the base of the
 * required capital held over the month.
 * `sum_at_risk` = 0: a death releases the policy's reserve (no death benefit), so the sum at risk −V is
 * negative; it is floored at 0 so that a capital basis on the sum at risk never credits annuities.
 * With this reserve the profit signature of in-force business is 0 in every period (the reserve is the
 * best estimate on the projection basis); new business shows its day-one profit SP − V(issue) − acq − commission.
 */
export const immediateAnnuity: AnnuityProduct = {
  name: "ANNUITY",
  horizon(points, basis) {
    return annuityHorizon(points, basis ? basis.mortality.maxAge : ANNUITY_DEFAULT_MAX_AGE);
  },
  check(points, basis) {
    const mort = basis.mortality;
    const nonNegative = (argument: string, field: string, x: number) => {
      if (!(x >= 0) || !Number.isFinite(x)) invalid(argument, `${field}: ${x} is not an amount >= 0`);
    };
    nonNegative(BASIS, "acquisition_per_policy", basis.acquisitionPerPolicy);
    nonNegative(BASIS, "maintenance_per_policy_per_year", basis.maintenancePerPolicyPerYear);
    nonNegative(BASIS, "commission_rate", basis.commissionRate);
    if (basis.premium.kind === "solved" && !(basis.premium.loading > -1 && Number.isFinite(basis.premium.loading))) invalid(BASIS, `premium loading: ${basis.premium.loading} is not a loading above −100%`);
    if (basis.improvement) {
      checkImprovement(basis.improvement);
      const needsYear = basis.improvement.kind === "table" || basis.improvement.baseYear !== undefined;
      if (needsYear && basis.valuationYear === undefined) invalid("valuation_year", "is needed with an improvement table or an improvement base year (the improvement is by calendar year): give the calendar year of the valuation date");
    }
    if (basis.valuationYear !== undefined && !Number.isInteger(basis.valuationYear)) invalid(BASIS, `valuation_year: ${basis.valuationYear} is not a whole calendar year`);
    for (let i = 0; i < points.count; i++) {
      const x0 = points.ageAtEntry[i] as number;
      const m0 = points.durationMonths[i] as number;
      const age = x0 + Math.floor(Math.max(m0, 0) / 12); // attained age in the first projected month
      if (age < mort.minAge || age > mort.maxAge) {
        invalid("mortality", `model point row ${i + 1} (age_at_entry ${x0}, duration_mth ${m0}) has attained age ${age}, outside the table's ${mort.minAge}..${mort.maxAge}`);
      }
      const count = points.policyCount[i] as number;
      if (!(count >= 0) || !Number.isFinite(count)) invalid("model_points", `row ${i + 1}, column policy_count: ${count} is not an amount >= 0`, i);
      const amount = points.sumAssured[i] as number;
      if (!(amount >= 0) || !Number.isFinite(amount)) invalid("model_points", `row ${i + 1}, column sum_assured (the annual annuity amount): ${amount} is not an amount >= 0`, i);
      if (m0 <= 0 && basis.premium.kind === "given") {
        if (!points.premium) invalid("model_points", `has no premium column, and the premium basis says the single premium is given (row ${i + 1} is new business)`);
        const p = points.premium[i] as number;
        if (!(p >= 0) || !Number.isFinite(p)) invalid("model_points", `row ${i + 1}, column premium (the single premium): ${p} is not an amount >= 0`, i);
      }
    }
  },
  project(points, basis, ctx, options, out) {
    if (ctx.stepsPerYear !== 12) invalid("steps_per_year", "annual steps are available for TERM and DECREASING_TERM; ANNUITY is projected monthly");
    const steps = ctx.steps;
    const df = ctx.discount;
    const inf = ctx.inflation;
    const rates = annuityMonthlyRates(basis, steps);
    const maxAge = basis.mortality.maxAge;
    const buf = pointBuffers(steps);
    const per = options.perPeriod ? out.perPeriod : undefined;
    const w = per ? new Float64Array(steps) : undefined;
    const maint = basis.maintenancePerPolicyPerYear / 12;
    const acq = basis.acquisitionPerPolicy;
    const pctPrem = basis.percentOfPremium ?? 0;
    const commission = basis.commissionRate;
    const premiumBasis = basis.premium;
    const infDf = inflatedDiscount(inf, df, steps);
    const L = LINE;
    let pvPrem = 0;
    let pvClaims = 0;
    let pvExp = 0;
    let pvCom = 0;

    for (let i = options.from; i < options.to; i++) {
      const x0 = points.ageAtEntry[i] as number;
      const count = points.policyCount[i] as number;
      const m0 = points.durationMonths[i] as number;
      const payment = (points.sumAssured[i] as number) / 12;
      const { start, stop } = projectPointDecrements(points, i, rates, steps, buf, maxAge + 1 - x0);
      const { bm, bd, nb } = buf;

      // Forward pass: PV at time 0 of the payments (Σ BD·v) and of the maintenance expenses (Σ BD·INF·v).
      let annuity = 0;
      let maintenance = 0;
      for (let t = start; t < stop; t++) {
        const b = bd[t] as number;
        annuity += b * (df[t] as number);
        maintenance += b * (infDf[t] as number);
      }
      const pointClaims = payment * annuity;
      const pointMaint = maint * maintenance;

      // Single premium of new business issued inside the grid (at month start = −m0).
      const issued = m0 <= 0 && start < stop;
      const dfIssue = issued ? (df[start] as number) : 0;
      let premium = 0;
      if (issued) {
        if (premiumBasis.kind === "given") premium = (points.premium as Float64Array)[i] as number;
        else premium = count > 0 ? roundCents(((1 + premiumBasis.loading) * (pointClaims + pointMaint)) / (count * dfIssue)) : 0;
      }
      out.premiumByPoint[i] = premium;
      const pointPrem = issued ? premium * count * dfIssue : 0;
      const pointCom = commission * pointPrem;
      const pointExp = (issued ? acq * count * dfIssue : 0) + pointMaint + pctPrem * pointPrem;
      pvPrem += pointPrem;
      pvClaims += pointClaims;
      pvExp += pointExp;
      pvCom += pointCom;
      if (out.pvByPoint) out.pvByPoint[i] = pointPrem - pointClaims - pointExp - pointCom;
      if (!per || !w) continue;

      // Backward recursion of the aggregate reserve W(t) = BD(t)·V(t), then the per-period lines.
      let next = 0;
      for (let t = stop - 1; t >= start; t--) {
        const a = payment + maint * (inf[t] as number);
        next = (bd[t] as number) * a + (t + 1 < stop ? (next * (df[t + 1] as number)) / (df[t] as number) : 0);
        w[t] = next;
      }
      for (let t = start; t < stop; t++) {
        const inForce = bm[t] as number;
        const exposed = bd[t] as number;
        const newBusiness = nb[t] as number;
        const prem = premium * newBusiness;
        const claims = payment * exposed;
        const exp = acq * newBusiness + maint * (inf[t] as number) * exposed + pctPrem * prem;
        const com = commission * prem;
        const wt = w[t] as number;
        addTo(per, steps, L.policies_if, t, inForce);
        addTo(per, steps, L.maturities, t, buf.mat[t] as number);
        addTo(per, steps, L.new_business, t, newBusiness);
        addTo(per, steps, L.policies_bef_decr, t, exposed);
        addTo(per, steps, L.deaths, t, buf.deaths[t] as number);
        addTo(per, steps, L.lapses, t, buf.lapses[t] as number);
        addTo(per, steps, L.premiums, t, prem);
        addTo(per, steps, L.claims, t, claims);
        addTo(per, steps, L.expenses, t, exp);
        addTo(per, steps, L.commissions, t, com);
        addTo(per, steps, L.net_cashflow, t, prem - claims - exp - com);
        addTo(per, steps, L.reserve, t, exposed > 0 ? wt * (inForce / exposed) : 0);
        addTo(per, steps, L.reserve_held, t, wt);
        // a death releases the reserve: the sum at risk per policy is −V ≤ 0, floored at 0 so that a
        // capital basis on the sum at risk never credits annuities
        addTo(per, steps, L.sum_at_risk, t, 0);
      }
    }
    const pv = out.pv;
    addPresentValues(pv, pvPrem, pvClaims, pvExp, pvCom);
  },
};
