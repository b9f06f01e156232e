import { invalid } from "../../errors";
import { pointBuffers, projectPointDecrements, type MonthlyRates } from "../decrements";
import type { Product, ProjectionContext, RunOptions } from "../engine";
import type { LapseTable } from "../lapse";
import { monthlyMortality, type MortalityTable } from "../mortality";
import type { ModelPoints } from "../modelPoints";
import { addTo, LINE, type ProjectionResult, addPresentValues } from "../result";

/**
 * Reinsurance of a term block, from the REINSURER's point of view: its income is the reinsurance
 * premium, its outgo its share of the claims, the commission allowances it pays the cedant and its own
 * expenses. The model points are the ceded policies (the cedant's block); they run off on the cedant's
 * decrements (mortality and lapse of the block) through projectPointDecrements.
 *
 * This file holds the yearly-renewable-term treaty and the kernel shared with the quota share
 * (quotaShare.ts): a product only says, per point and policy year, what it receives per policy per
 * month and what sum it has at risk per policy; the kernel does the rest.
 */

/** Annual reinsurance premium rates per 1 of ceded sum at risk, by attained age minAge .. maxAge. */
export interface YrtRates {
  readonly minAge: number;
  readonly maxAge: number;
  /** Annual rate for attained age minAge + k. */
  readonly rates: Float64Array;
}

/** Builds and checks a YRT rate table (ages consecutive from minAge); `name` is the table's name in messages. */
export function makeYrtRates(minAge: number, rates: ArrayLike<number>, name = "yrt_rates"): YrtRates {
  if (!Number.isInteger(minAge) || minAge < 0) invalid(name, `the first age ${minAge} is not a whole number of years >= 0`);
  if (rates.length === 0) invalid(name, "has no rates; give one annual rate per attained age");
  const table: YrtRates = { minAge, maxAge: minAge + rates.length - 1, rates: Float64Array.from(rates) };
  checkYrtRates(table, name);
  return table;
}

function checkYrtRates(table: YrtRates, name: string): void {
  if (!Number.isInteger(table.minAge) || table.minAge < 0) invalid(name, `the first age ${table.minAge} is not a whole number of years >= 0`);
  if (table.rates.length !== table.maxAge - table.minAge + 1) invalid(name, `has ${table.rates.length} rates for ages ${table.minAge}..${table.maxAge}`);
  table.rates.forEach((x, k) => {
    if (!(x >= 0) || !Number.isFinite(x)) invalid(name, `row ${k + 1} (age ${table.minAge + k}), column rate: ${x} is not a rate >= 0`, k);
  });
}

/** The yearly-renewable-term treaty. */
export interface YrtBasis {
  /** The cedant's block: annual q by attained age and policy year (select and ultimate). */
  mortality: MortalityTable;
  /** The cedant's block: lapse rates by policy year. */
  lapse: LapseTable;
  /**
   * How much of each policy's sum at risk is ceded — give exactly one of:
   *  - cededShare in [0, 1]: ceded amount = share · S (a quota share of the risk premium basis);
   *  - retention >= 0 per life (surplus): ceded amount = max(S − retention, 0). Each policy of a model
   *    point is one life; a policy at or under the retention is not reinsured.
   * S is the sum assured of the policy year (it follows the cover).
   */
  cededShare?: number;
  retention?: number;
  /** Annual YRT rate per 1 of ceded sum at risk by ATTAINED age (entry age + policy year), paid monthly in advance. */
  yrtRates: YrtRates;
  /** Commission allowances paid to the cedant, as a share of the reinsurance premium: policy year 0, and later years. */
  commissionFirstYear: number;
  commissionRenewal: number;
  /** The reinsurer's own maintenance expense per reinsured policy per year, paid monthly in advance, inflated with ctx.inflation. */
  maintenancePerPolicyPerYear: number;
  /** "LEVEL" (default) or "DECREASING" like the term product: S falls linearly to 0 over the term, by policy year. */
  cover?: "LEVEL" | "DECREASING";
  /** The reinsurer's expenses as a share of the reinsurance premium (default 0). */
  percentOfPremium?: number;
}

/** The reinsurer's costs of a treaty, common to YRT and quota share. */
export interface ReinsurerCosts {
  commissionFirstYear: number;
  commissionRenewal: number;
  maintenancePerPolicyPerYear: number;
  /** The reinsurer's expenses as a share of the reinsurance premium (default 0). */
  percentOfPremium?: number;
}

/** What one point's treaty gives per ceded policy, by policy year d (filled by the product for the years projected). */
export interface CededSchedule {
  /** Reinsurance premium per policy per month, received monthly in advance. */
  premium: Float64Array;
  /** Ceded sum at risk per policy: the reinsurer's claim per death. */
  ceded: Float64Array;
}

/** Periods needed to run every point off (the month of maturity included), as for the term product. */
export function cededBlockHorizon(points: ModelPoints): number {
  let steps = 0;
  for (let i = 0; i < points.count; i++) steps = Math.max(steps, 12 * (points.policyTerm[i] as number) - (points.durationMonths[i] as number) + 1);
  return steps;
}

/** The sum assured of policy year d (0 .. term − 1) under the cover. */
export function coverSum(sumAssured: number, term: number, d: number, decreasing: boolean): number {
  return decreasing ? (sumAssured * (term - d)) / term : sumAssured;
}

/** The block's monthly decrement rates (cedant's mortality and lapse), computed once per run. */
export function blockRates(mortality: MortalityTable, lapse: LapseTable): MonthlyRates {
  return { qm: monthlyMortality(mortality), minAge: mortality.minAge, maxAge: mortality.maxAge, cols: mortality.columns, lapse: lapse.monthly };
}

/**
 * Attained ages a point is projected at (policy years from the valuation date to the last before
 * maturity), or undefined when it has nothing left to project (matured at or before the valuation date).
 */
function attainedAges(points: ModelPoints, i: number): { first: number; last: number } | undefined {
  const term = points.policyTerm[i] as number;
  const m0 = points.durationMonths[i] as number;
  if (m0 >= 12 * term) return undefined;
  const x0 = points.ageAtEntry[i] as number;
  return { first: x0 + Math.floor(Math.max(m0, 0) / 12), last: x0 + term - 1 };
}

/**
 * Checks the parts common to both treaties: the block's attained ages inside the mortality table (and
 * inside `ageTable` when given), and the reinsurer's costs. Age refusals name model_points, the row and
 * the column age_at_entry, with the table that does not reach.
 */
export function checkCededBlock(points: ModelPoints, mortality: MortalityTable, costs: ReinsurerCosts, ageTable?: { name: string; minAge: number; maxAge: number }): void {
  const rate = (name: string, x: number) => {
    if (!(x >= 0) || !Number.isFinite(x)) invalid(name, `${x} is not a rate >= 0`);
  };
  rate("commission_first_year", costs.commissionFirstYear);
  rate("commission_renewal", costs.commissionRenewal);
  if (!(costs.maintenancePerPolicyPerYear >= 0) || !Number.isFinite(costs.maintenancePerPolicyPerYear)) {
    invalid("maintenance_per_policy", `${costs.maintenancePerPolicyPerYear} is not an amount >= 0`);
  }
  for (let i = 0; i < points.count; i++) {
    const ages = attainedAges(points, i);
    if (!ages) continue;
    const where = `row ${i + 1}, column age_at_entry: age at entry ${points.ageAtEntry[i]}, term ${points.policyTerm[i]} and duration ${points.durationMonths[i]} months reach attained ages ${ages.first}..${ages.last}`;
    if (ages.first < mortality.minAge || ages.last > mortality.maxAge) invalid("model_points", `${where}, outside the mortality table's ages ${mortality.minAge}..${mortality.maxAge}`, i);
    if (ageTable && (ages.first < ageTable.minAge || ages.last > ageTable.maxAge)) invalid("model_points", `${where}, outside the ${ageTable.name} table's ages ${ageTable.minAge}..${ageTable.maxAge}`, i);
  }
}

/**
 * The projection kernel of a ceded term block. For each point: the block's decrements from
 * projectPointDecrements, then month by month (every cash flow at the START of the month, d the policy
 * year, P(d) and C(d) the product's schedule per policy):
 *   premiums    = P(d) · BD
 *   claims      = C(d) · deaths
 *   commissions = premiums · (commissionFirstYear if d = 0, else commissionRenewal)
 *   expenses    = BD · maintenance / 12 · INF(t)   for policies with C(d) > 0 (reinsured that year)
 *   net         = premiums − claims − expenses − commissions
 *   reserve     = 0;  sum_at_risk = C(d) · BD
 * The month of maturity only moves the policies in force to maturities. premiumByPoint is P(d) of the
 * first projected month, 0 when the point is no longer in force then.
 * `schedule(i, firstYear, term, s)` fills s.premium[d] and s.ceded[d] for the policy years the point is
 * projected in, d = firstYear .. term − 1 (firstYear = the policy year at the valuation date, 0 for new business).
 */
export function projectCededBlock(
  points: ModelPoints,
  rates: MonthlyRates,
  costs: ReinsurerCosts,
  schedule: (i: number, firstYear: number, term: number, s: CededSchedule) => void,
  ctx: ProjectionContext,
  options: RunOptions,
  out: ProjectionResult,
): void {
  const steps = ctx.steps;
  const df = ctx.discount;
  const inf = ctx.inflation;
  const per = options.perPeriod ? out.perPeriod : undefined;
  const maint = costs.maintenancePerPolicyPerYear / 12;
  const pctPrem = costs.percentOfPremium ?? 0;
  const cFirst = costs.commissionFirstYear;
  const cRenew = costs.commissionRenewal;
  const buf = pointBuffers(steps);
  let maxTerm = 1;
  for (let i = options.from; i < options.to; i++) maxTerm = Math.max(maxTerm, points.policyTerm[i] as number);
  const s: CededSchedule = { premium: new Float64Array(maxTerm), ceded: new Float64Array(maxTerm) };
  const L = LINE;
  let pvPrem = 0;
  let pvClaims = 0;
  let pvExp = 0;
  let pvCom = 0;

  for (let i = options.from; i < options.to; i++) {
    const term = points.policyTerm[i] as number;
    const m0 = points.durationMonths[i] as number;
    const maturity = 12 * term;
    const firstYear = Math.floor(Math.max(m0, 0) / 12);
    const inForce = m0 < maturity; // else matured at or before the valuation date: at most the month of maturity
    if (inForce) schedule(i, firstYear, term, s);
    const premium = s.premium;
    const ceded = s.ceded;
    out.premiumByPoint[i] = inForce ? (premium[firstYear] as number) : 0;
    const { start, stop } = projectPointDecrements(points, i, rates, steps, buf);
    let pointPrem = 0;
    let pointClaims = 0;
    let pointExp = 0;
    let pointCom = 0;
    for (let t = start; t < stop; t++) {
      const bm = buf.bm[t] as number;
      if (m0 + t === maturity) {
        if (per) {
          addTo(per, steps, L.policies_if, t, bm);
          addTo(per, steps, L.maturities, t, buf.mat[t] as number);
        }
        break;
      }
      const d = buf.policyYear[t] as number;
      const bd = buf.bd[t] as number;
      const deaths = buf.deaths[t] as number;
      const c = ceded[d] as number;
      const prem = (premium[d] as number) * bd;
      const claims = c * deaths;
      const exp = (c > 0 ? bd * maint * (inf[t] as number) : 0) + pctPrem * prem;
      const com = prem * (d === 0 ? cFirst : cRenew);
      const v = df[t] as number;
      pointPrem += prem * v;
      pointClaims += claims * v;
      pointExp += exp * v;
      pointCom += com * v;
      if (per) {
        const reserve = 0; // one-month premiums in advance for one-year cover: no reserve held (see the products)
        addTo(per, steps, L.policies_if, t, bm);
        addTo(per, steps, L.new_business, t, buf.nb[t] as number);
        addTo(per, steps, L.policies_bef_decr, t, bd);
        addTo(per, steps, L.deaths, t, deaths);
        addTo(per, steps, L.lapses, t, buf.lapses[t] as number);
        addTo(per, steps, L.premiums, t, prem);
        addTo(per, steps, L.claims, t, claims);
        addTo(per, steps, L.expenses, t, exp);
        addTo(per, steps, L.commissions, t, com);
        addTo(per, steps, L.net_cashflow, t, prem - claims - exp - com);
        addTo(per, steps, L.reserve, t, reserve);
        addTo(per, steps, L.sum_at_risk, t, (c - reserve) * bd);
      }
    }
    pvPrem += pointPrem;
    pvClaims += pointClaims;
    pvExp += pointExp;
    pvCom += pointCom;
    if (out.pvByPoint) out.pvByPoint[i] = pointPrem - pointClaims - pointExp - pointCom;
  }
  const pv = out.pv;
  addPresentValues(pv, pvPrem, pvClaims, pvExp, pvCom);
}

/**
 * Yearly-renewable term (risk premium) reinsurance of a term block. Per ceded policy, in policy year d
 * at attained age x + d, with S(d) the sum assured of the cover:
 *   ceded amount C(d) = cededShare · S(d), or max(S(d) − retention, 0);
 *   reinsurance premium per month P(d) = yrtRate(x + d) / 12 · C(d), received monthly in advance on
 *   the policies exposed (not rounded: the treaty is billed on the block);
 *   claims = C(d) · deaths; commission allowances = premium · first-year / renewal rate;
 *   expenses = the reinsurer's maintenance per reinsured policy, inflated.
 * Reserve 0: the cover is renewed year by year and the premium is paid monthly in advance, so at the
 * start of each month nothing is prepaid beyond the month just received; the unearned premium within
 * the month (and any IBNR) is ignored. sum_at_risk = C(d) · exposed.
 */
export const yrtTreaty: Product<YrtBasis> = {
  name: "YRT",
  horizon: cededBlockHorizon,
  check(points, basis) {
    const share = basis.cededShare;
    const retention = basis.retention;
    if ((share === undefined) === (retention === undefined)) {
      invalid("ceded_share", "give either a ceded share (0..1 of each policy's sum at risk) or a retention per life, not both nor neither");
    }
    if (share !== undefined && !(share >= 0 && share <= 1)) invalid("ceded_share", `${share} is not a share between 0 and 1`);
    if (retention !== undefined && !(retention >= 0 && Number.isFinite(retention))) invalid("retention", `${retention} is not an amount >= 0`);
    checkYrtRates(basis.yrtRates, "yrt_rates");
    checkCededBlock(points, basis.mortality, basis, { name: "yrt_rates", minAge: basis.yrtRates.minAge, maxAge: basis.yrtRates.maxAge });
  },
  project(points, basis, ctx, options, out) {
    if (ctx.stepsPerYear !== 12) invalid("steps_per_year", "annual steps are available for TERM and DECREASING_TERM; YRT is projected monthly");
    const decreasing = basis.cover === "DECREASING";
    const share = basis.cededShare;
    const retention = basis.retention ?? 0;
    const yrt = basis.yrtRates.rates;
    const yrtMin = basis.yrtRates.minAge;
    projectCededBlock(
      points,
      blockRates(basis.mortality, basis.lapse),
      basis,
      (i, firstYear, term, s) => {
        const x0 = points.ageAtEntry[i] as number;
        const sumAssured = points.sumAssured[i] as number;
        for (let d = firstYear; d < term; d++) {
          const sd = coverSum(sumAssured, term, d, decreasing);
          const c = share !== undefined ? share * sd : Math.max(sd - retention, 0);
          s.ceded[d] = c;
          s.premium[d] = c > 0 ? ((yrt[x0 + d - yrtMin] as number) / 12) * c : 0;
        }
      },
      ctx,
      options,
      out,
    );
  },
};
