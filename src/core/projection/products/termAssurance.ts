import { invalid } from "../../errors";
import type { LapseTable } from "../lapse";
import { monthlyMortality, type MortalityTable } from "../mortality";
import type { ModelPoints } from "../modelPoints";
import { LINE } from "../result";
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
 *   premiums = P·BD; claims = S·deaths; expenses = acq·NB + BD·maint/12·INF(t);
 *   commissions = premiums · (first-year or renewal rate); all valued at the start of the month.
 */
export const termAssurance: Product<TermBasis> = {
  name: "TERM",
  horizon(points) {
    let steps = 0;
    for (let i = 0; i < points.count; i++) steps = Math.max(steps, 12 * (points.policyTerm[i] as number) - (points.durationMonths[i] as number) + 1);
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
        invalid("premium_table", `has no rate for age at entry ${points.ageAtEntry[i]} and term ${term} (model point row ${i + 1})`);
      }
    }
  },
  project(points, basis, ctx, options, out) {
    const steps = ctx.steps;
    const df = ctx.discount;
    const inf = ctx.inflation;
    const mort = basis.mortality;
    const qm = monthlyMortality(mort);
    const cols = mort.columns;
    const lm = basis.lapse.monthly;
    const maint = basis.maintenancePerPolicyPerYear / 12;
    const acq = basis.acquisitionPerPolicy;
    const cFirst = basis.commissionFirstYear;
    const cRenew = basis.commissionRenewal;
    const decreasing = basis.cover === "DECREASING";
    const per = options.perPeriod ? out.perPeriod : undefined;
    const L = LINE;
    const pv = out.pv;
    let pvPrem = 0;
    let pvClaims = 0;
    let pvExp = 0;
    let pvCom = 0;

    for (let i = options.from; i < options.to; i++) {
      const x0 = points.ageAtEntry[i] as number;
      const term = points.policyTerm[i] as number;
      const sumAssured = points.sumAssured[i] as number;
      const count = points.policyCount[i] as number;
      const m0 = points.durationMonths[i] as number;
      const end = 12 * term - m0; // the month in which the block matures
      if (end < 0) continue;
      const start = m0 < 0 ? -m0 : 0;
      const last = end < steps - 1 ? end : steps - 1;

      let premium: number;
      if (basis.premium.kind === "given") premium = (points.premium as Float64Array)[i] as number;
      else if (basis.premium.kind === "rateTable") premium = roundCents(sumAssured * (basis.premium.rate(x0, term) as number));
      else premium = roundCents((1 + basis.premium.loading) * netPremium(i));
      out.premiumByPoint[i] = premium;

      let bm = m0 > 0 ? count : 0;
      let pointPrem = 0;
      let pointClaims = 0;
      let pointExp = 0;
      let pointCom = 0;
      for (let t = start; t <= last; t++) {
        const m = m0 + t;
        if (m === 12 * term) {
          if (per) {
            per[L.policies_if * steps + t] = (per[L.policies_if * steps + t] as number) + bm;
            per[L.maturities * steps + t] = (per[L.maturities * steps + t] as number) + bm;
          }
          break;
        }
        const d = (m / 12) | 0; // m >= 0 here
        const nb = m === 0 ? count : 0;
        const bd = bm + nb;
        const q = qm[(x0 + d - mort.minAge) * cols + (d < cols - 1 ? d : cols - 1)] as number;
        const lapse = lm[d < lm.length ? d : lm.length - 1] as number;
        const deaths = bd * q;
        const lapses = (bd - deaths) * lapse;
        const s = decreasing ? (sumAssured * (term - d)) / term : sumAssured;
        const prem = premium * bd;
        const claims = s * deaths;
        const exp = acq * nb + bd * maint * (inf[t] as number);
        const com = prem * (d === 0 ? cFirst : cRenew);
        const v = df[t] as number;
        pointPrem += prem * v;
        pointClaims += claims * v;
        pointExp += exp * v;
        pointCom += com * v;
        if (per) {
          per[L.policies_if * steps + t] = (per[L.policies_if * steps + t] as number) + bm;
          per[L.new_business * steps + t] = (per[L.new_business * steps + t] as number) + nb;
          per[L.policies_bef_decr * steps + t] = (per[L.policies_bef_decr * steps + t] as number) + bd;
          per[L.deaths * steps + t] = (per[L.deaths * steps + t] as number) + deaths;
          per[L.lapses * steps + t] = (per[L.lapses * steps + t] as number) + lapses;
          per[L.premiums * steps + t] = (per[L.premiums * steps + t] as number) + prem;
          per[L.claims * steps + t] = (per[L.claims * steps + t] as number) + claims;
          per[L.expenses * steps + t] = (per[L.expenses * steps + t] as number) + exp;
          per[L.commissions * steps + t] = (per[L.commissions * steps + t] as number) + com;
          per[L.net_cashflow * steps + t] = (per[L.net_cashflow * steps + t] as number) + prem - claims - exp - com;
        }
        bm = bd - deaths - lapses;
      }
      pvPrem += pointPrem;
      pvClaims += pointClaims;
      pvExp += pointExp;
      pvCom += pointCom;
      if (out.pvByPoint) out.pvByPoint[i] = pointPrem - pointClaims - pointExp - pointCom;
    }
    pv[0] = (pv[0] as number) + pvPrem;
    pv[1] = (pv[1] as number) + pvClaims;
    pv[2] = (pv[2] as number) + pvExp;
    pv[3] = (pv[3] as number) + pvCom;
    pv[4] = (pv[4] as number) + (pvPrem - pvClaims - pvExp - pvCom);

    /** Equivalence-principle net premium of a point issued at the valuation date (m0 <= 0). */
    function netPremium(i: number): number {
      const x0 = points.ageAtEntry[i] as number;
      const term = points.policyTerm[i] as number;
      const m0 = points.durationMonths[i] as number;
      const s0 = points.sumAssured[i] as number;
      if (m0 > 0) invalid("model_points", `row ${i + 1}: the premium can only be solved for new business (duration_mth <= 0); give a premium`);
      let inforce = 1;
      let claims = 0;
      let annuity = 0;
      const start = -m0;
      for (let t = start; t < start + 12 * term && t < steps; t++) {
        const d = ((t - start) / 12) | 0;
        const q = qm[(x0 + d - mort.minAge) * cols + (d < cols - 1 ? d : cols - 1)] as number;
        const lapse = lm[d < lm.length ? d : lm.length - 1] as number;
        const deaths = inforce * q;
        const v = df[t] as number;
        claims += (decreasing ? (s0 * (term - d)) / term : s0) * deaths * v;
        annuity += inforce * v;
        inforce = (inforce - deaths) * (1 - lapse);
      }
      return claims / annuity;
    }
  },
};

