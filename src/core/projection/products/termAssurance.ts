import { inflatedDiscount } from "../discount";
import { invalid } from "../../errors";
import type { LapseTable } from "../lapse";
import { monthlyMortality, type MortalityTable } from "../mortality";
import { periodRate } from "../rates";
import type { ModelPoints } from "../modelPoints";
import { LINE, addPresentValues } from "../result";
import type { Product } from "../engine";

/** How the premium per policy per month is set. */
export type PremiumBasis =
  /** From the model points' premium column. */
  | { kind: "given" }
  /** Rate per unit of sum assured by (age at entry, term), then rounded to cents: P = round2(S · rate). */
  | { kind: "rateTable"; rate: (ageAtEntry: number, policyTerm: number) => number | undefined }
  /**
   * Solved at issue by the equivalence principle on the projection basis, then loaded and rounded:
   * NP = Σ S·deaths(t)·DF(t) / Σ inforce(t)·DF(t),  P = round2((1 + loading) · NP).
   */
  | { kind: "solved"; loading: number };

export interface TermBasis {
  mortality: MortalityTable;
  lapse: LapseTable;
  premium: PremiumBasis;
  /** Acquisition expense per new policy, at issue. */
  acquisitionPerPolicy: number;
  /** Maintenance expense per policy per year, paid monthly in advance and inflated. */
  maintenancePerPolicyPerYear: number;
  /** Commission as a share of premium: in the first policy year, and afterwards. */
  commissionFirstYear: number;
  commissionRenewal: number;
  /** "LEVEL" (default) or "DECREASING": the sum assured falls linearly to 0 over the term, by policy year. */
  cover?: "LEVEL" | "DECREASING";
  /** Expenses as a share of premiums (default 0). */
  percentOfPremium?: number;
}

/** Rounding to cents, ties to even (NumPy's around(x, 2)). */
export function roundCents(x: number): number {
  const y = x * 100;
  const r = Math.round(y);
  return (r - y === 0.5 && r % 2 !== 0 ? r - 1 : r) / 100;
}

/**
 * Term assurance (level or decreasing), monthly, per model point — lifelib's BasicTerm conventions
 * (shared/benchmarks/lifelib-basicterm/README.md §4). Within month t, with m = months since issue and
 * d = floor(m/12) the policy year:
 *   maturities MAT = in force if m = 12·term; new business NB = count if m = 0;
 *   exposed BD = BM − MAT + NB; deaths = BD·qm(age + d, d); lapses = (BD − deaths)·lm(d);
 *   premiums = P·BD; claims = S·deaths; expenses = acq·NB + BD·maint/12·INF(t) + %premium·premiums;
 *   commissions = premiums · (first-year or renewal rate); all valued at the start of the month.
 */
export const termAssurance: Product<TermBasis> = {
  name: "TERM",
  horizon(points, _basis, stepsPerYear = 12) {
    const u = 12 / stepsPerYear;
    let steps = 0;
    for (let i = 0; i < points.count; i++) steps = Math.max(steps, stepsPerYear * (points.policyTerm[i] as number) - Math.floor((points.durationMonths[i] as number) / u) + 1);
    return steps;
  },
  check(points, basis) {
    const mort = basis.mortality;
    for (let i = 0; i < points.count; i++) {
      const term = points.policyTerm[i] as number;
      const m0 = points.durationMonths[i] as number;
      if (m0 > 12 * term) continue; // matured before the valuation date: contributes nothing
      const first = Math.floor(Math.max(m0, 0) / 12);
      const last = term - 1;
      const age0 = (points.ageAtEntry[i] as number) + first;
      const age1 = (points.ageAtEntry[i] as number) + last;
      if (m0 < 12 * term && (age0 < mort.minAge || age1 > mort.maxAge)) {
        invalid("mortality", `model point row ${i + 1} reaches attained ages ${age0}..${age1}, outside the table's ${mort.minAge}..${mort.maxAge}`);
      }
      if (basis.premium.kind === "given" && !points.premium) invalid("model_points", "has no premium column, and the premium basis says the premium is given");
      if (basis.premium.kind === "rateTable" && basis.premium.rate(points.ageAtEntry[i] as number, term) === undefined) {
        invalid("premium_rates", `has no rate for age at entry ${points.ageAtEntry[i]} and term ${term} (model point row ${i + 1})`);
      }
    }
  },
  project(points, basis, ctx, options, out) {
    const steps = ctx.steps;
    const df = ctx.discount;
    const inf = ctx.inflation;
    // Steps of 1/p year: monthly (p = 12, the default) or annual (p = 1). Durations are in months and
    // must be whole steps; rates per step are 1 − (1 − a)^(1/p); premiums stay per policy per MONTH
    // (model points, rate tables, premiumByPoint) and a step collects u = 12/p of them in advance.
    const p = ctx.stepsPerYear;
    if (p !== 12 && p !== 1) invalid("steps_per_year", `${p} is not 12 (monthly) or 1 (annual)`);
    const u = 12 / p;
    const mort = basis.mortality;
    const qm = p === 12 ? monthlyMortality(mort) : mort.q.map((a) => periodRate(a, p));
    const cols = mort.columns;
    const minAge = mort.minAge;
    const lastCol = cols - 1;
    const lm = p === 12 ? basis.lapse.monthly : basis.lapse.annual.map((a) => periodRate(a, p));
    const lastLapse = lm.length - 1;
    const ages = points.ageAtEntry;
    const terms = points.policyTerm;
    const sums = points.sumAssured;
    const counts = points.policyCount;
    const durations = points.durationMonths;
    const maint = basis.maintenancePerPolicyPerYear / p;
    const acq = basis.acquisitionPerPolicy;
    const cFirst = basis.commissionFirstYear;
    const cRenew = basis.commissionRenewal;
    const pctPrem = basis.percentOfPremium ?? 0;
    const decreasing = basis.cover === "DECREASING";
    const per = options.perPeriod ? out.perPeriod : undefined;
    const infDf = inflatedDiscount(inf, df, steps);
    const sums4 = new Float64Array(4);
    const L = LINE;
    const pv = out.pv;
    let pvPrem = 0;
    let pvClaims = 0;
    let pvExp = 0;
    let pvCom = 0;

    for (let i = options.from; i < options.to; i++) {
      const x0 = ages[i] as number;
      const term = terms[i] as number;
      const sumAssured = sums[i] as number;
      const count = counts[i] as number;
      const months = durations[i] as number;
      const m0 = months / u; // duration in steps
      if (!Number.isInteger(m0)) invalid("model_points", `row ${i + 1}, column duration_mth: ${months} is not a whole number of years; annual steps need whole years`);
      const end = p * term - m0; // the step in which the block matures
      const maturity = p * term;
      const rowBase = (x0 - minAge) * cols;
      if (end < 0) continue;
      const start = m0 < 0 ? -m0 : 0;
      const last = end < steps - 1 ? end : steps - 1;

      // Every cash flow is linear in the premium P: the loop accumulates P-free sums
      //   A = Σ BD·v, Ac = Σ BD·v·commission rate, C = Σ S·deaths·v, E = Σ expenses·v,
      // and PV(premiums) = P·A, PV(commissions) = P·Ac. A solved premium is then NP = C / A (per policy,
      // the count cancels) — one pass instead of two. Per-period output needs P inside the loop.
      let premium = 0; // per policy per month; a step collects u = 12/p of them
      if (basis.premium.kind === "given") premium = (points.premium as Float64Array)[i] as number;
      else if (basis.premium.kind === "rateTable") premium = roundCents(sumAssured * (basis.premium.rate(x0, term) as number));
      else if (end === 0) premium = 0; // matures at the valuation date: nothing to price
      else if (per || count === 0) premium = roundCents(((1 + basis.premium.loading) * netPremium(points, i, qm, minAge, cols, lm, df, steps, decreasing, p)) / u);
      else if (m0 > 0) invalid("model_points", `row ${i + 1}: the premium can only be solved for new business (duration_mth <= 0); give a premium`);

      if (!per) {
        // PV-only fast path: rates are constant within a policy year, so loop by year (see pvSums).
        pvSums(sums4, x0 - minAge, term, m0, count, sumAssured, decreasing, start, last, qm, cols, lm, df, infDf, cFirst, cRenew, p);
        let monthly = premium;
        // solved: NP per step = C / A per policy (the count cancels); a zero count was priced per policy above
        if (basis.premium.kind === "solved" && count !== 0 && end !== 0) monthly = (sums4[0] as number) > 0 ? roundCents(((1 + basis.premium.loading) * ((sums4[2] as number) / (sums4[0] as number))) / u) : 0;
        out.premiumByPoint[i] = monthly;
        const a = (sums4[0] as number) * monthly * u;
        const c = (sums4[1] as number) * monthly * u;
        const cl = sums4[2] as number;
        const ex = acq * (m0 <= 0 && start <= last ? count * (df[start] as number) : 0) + maint * (sums4[3] as number) + pctPrem * a;
        pvPrem += a;
        pvClaims += cl;
        pvExp += ex;
        pvCom += c;
        if (out.pvByPoint) out.pvByPoint[i] = a - cl - ex - c;
        continue;
      }
      let bm = m0 > 0 ? count : 0;
      let annuity = 0;
      let commissionAnnuity = 0;
      let pointClaims = 0;
      let pointExp = 0;
      for (let t = start; t <= last; t++) {
        const m = m0 + t;
        if (m === maturity) {
          if (per) {
            per[L.policies_if * steps + t] = (per[L.policies_if * steps + t] as number) + bm;
            per[L.maturities * steps + t] = (per[L.maturities * steps + t] as number) + bm;
          }
          break;
        }
        const d = (m / p) | 0; // policy year; m >= 0 here
        const nb = m === 0 ? count : 0;
        const bd = bm + nb;
        const q = qm[rowBase + d * cols + (d < lastCol ? d : lastCol)] as number;
        const lapse = lm[d < lastLapse ? d : lastLapse] as number;
        const deaths = bd * q;
        const lapses = (bd - deaths) * lapse;
        const s = decreasing ? (sumAssured * (term - d)) / term : sumAssured;
        const claims = s * deaths;
        const exp = acq * nb + bd * maint * (inf[t] as number);
        const comRate = d === 0 ? cFirst : cRenew;
        const v = df[t] as number;
        annuity += bd * v;
        commissionAnnuity += bd * comRate * v;
        pointClaims += claims * v;
        pointExp += exp * v;
        if (per) {
          const prem = premium * u * bd;
          const com = prem * comRate;
          const expAll = exp + pctPrem * prem;
          per[L.policies_if * steps + t] = (per[L.policies_if * steps + t] as number) + bm;
          per[L.new_business * steps + t] = (per[L.new_business * steps + t] as number) + nb;
          per[L.policies_bef_decr * steps + t] = (per[L.policies_bef_decr * steps + t] as number) + bd;
          per[L.deaths * steps + t] = (per[L.deaths * steps + t] as number) + deaths;
          per[L.lapses * steps + t] = (per[L.lapses * steps + t] as number) + lapses;
          per[L.premiums * steps + t] = (per[L.premiums * steps + t] as number) + prem;
          per[L.claims * steps + t] = (per[L.claims * steps + t] as number) + claims;
          per[L.expenses * steps + t] = (per[L.expenses * steps + t] as number) + expAll;
          per[L.commissions * steps + t] = (per[L.commissions * steps + t] as number) + com;
          per[L.net_cashflow * steps + t] = (per[L.net_cashflow * steps + t] as number) + prem - claims - expAll - com;
          // no reserve is held for term assurance (monthly premiums; "none" in the product's basis)
          per[L.sum_at_risk * steps + t] = (per[L.sum_at_risk * steps + t] as number) + s * bd;
        }
        bm = bd - deaths - lapses;
      }
      if (basis.premium.kind === "solved" && !per) {
        // NP per policy = C / A; the count and the policies' entry cancel (annuity > 0 for an active point)
        premium = annuity > 0 ? roundCents((1 + basis.premium.loading) * (pointClaims / annuity)) : 0;
      }
      out.premiumByPoint[i] = premium;
      const pointPrem = premium * u * annuity;
      const pointCom = premium * u * commissionAnnuity;
      pointExp += pctPrem * pointPrem;
      pvPrem += pointPrem;
      pvClaims += pointClaims;
      pvExp += pointExp;
      pvCom += pointCom;
      if (out.pvByPoint) out.pvByPoint[i] = pointPrem - pointClaims - pointExp - pointCom;
    }
    addPresentValues(pv, pvPrem, pvClaims, pvExp, pvCom);

  },
};

/** Equivalence-principle net premium per policy of a point issued at or after the valuation date (m0 <= 0). */
function netPremium(points: ModelPoints, i: number, qm: Float64Array, minAge: number, cols: number, lm: Float64Array, df: Float64Array, steps: number, decreasing: boolean, p: number): number {
  const x0 = points.ageAtEntry[i] as number;
  const term = points.policyTerm[i] as number;
  const m0 = (points.durationMonths[i] as number) / (12 / p);
  const s0 = points.sumAssured[i] as number;
  if (m0 > 0) invalid("model_points", `row ${i + 1}: the premium can only be solved for new business (duration_mth <= 0); give a premium`);
  const rowBase = (x0 - minAge) * cols;
  const lastCol = cols - 1;
  const lastLapse = lm.length - 1;
  let inforce = 1;
  let claims = 0;
  let annuity = 0;
  const start = -m0;
  const stop = Math.min(start + p * term, steps);
  for (let t = start; t < stop; t++) {
    const d = ((t - start) / p) | 0;
    const q = qm[rowBase + d * cols + (d < lastCol ? d : lastCol)] as number;
    const lapse = lm[d < lastLapse ? d : lastLapse] as number;
    const deaths = inforce * q;
    const v = df[t] as number;
    claims += (decreasing ? (s0 * (term - d)) / term : s0) * deaths * v;
    annuity += inforce * v;
    inforce = (inforce - deaths) * (1 - lapse);
  }
  // no month of the policy's life inside the grid (a future issue beyond the horizon): nothing to price
  return annuity > 0 ? claims / annuity : 0;
}

/**
 * The premium-free present-value sums of one point, looping by policy year (rates are constant within
 * a year) and then by month: out = [Σ BD·v, Σ BD·v·commission rate, Σ S·deaths·v, Σ BD·INF·v].
 * Same decrements as the general loop: deaths = BD·q, survivors = (BD − deaths)·(1 − lapse).
 */
function pvSums(out: Float64Array, ageRow: number, term: number, m0: number, count: number, sumAssured: number, decreasing: boolean, start: number, last: number, qm: Float64Array, cols: number, lm: Float64Array, df: Float64Array, infDf: Float64Array, cFirst: number, cRenew: number, p: number): void {
  let annuity = 0;
  let commission = 0;
  let claims = 0;
  let expense = 0;
  let bd = m0 > 0 ? count : 0;
  const maturity = p * term;
  const lastCol = cols - 1;
  const lastLapse = lm.length - 1;
  let t = start;
  while (t <= last) {
    const m = m0 + t;
    if (m === maturity) break;
    if (m === 0) bd = count;
    const d = (m / p) | 0;
    // steps of this policy year still inside the grid and before maturity
    const yearEnd = t + (p - (m - p * d));
    const stop = yearEnd <= last + 1 ? yearEnd : last + 1;
    const q = qm[(ageRow + d) * cols + (d < lastCol ? d : lastCol)] as number;
    const stay = 1 - (lm[d < lastLapse ? d : lastLapse] as number);
    let yearAnnuity = 0;
    let yearDeaths = 0;
    let yearExpense = 0;
    for (; t < stop; t++) {
      const v = df[t] as number;
      const deaths = bd * q;
      yearAnnuity += bd * v;
      yearDeaths += deaths * v;
      yearExpense += bd * (infDf[t] as number);
      bd = (bd - deaths) * stay;
    }
    annuity += yearAnnuity;
    commission += yearAnnuity * (d === 0 ? cFirst : cRenew);
    claims += (decreasing ? (sumAssured * (term - d)) / term : sumAssured) * yearDeaths;
    expense += yearExpense;
  }
  out[0] = annuity;
  out[1] = commission;
  out[2] = claims;
  out[3] = expense;
}
