import { describe, expect, it } from "vitest";
import { makeLapseTable } from "../../../src/core/projection/lapse";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import { discountSpotByYear, inflationIndex } from "../../../src/core/projection/discount";
import type { ProjectionContext } from "../../../src/core/projection/engine";
import { Xoshiro256StarStar } from "../../../src/core/random";
import type { SavingsBasis } from "../../../src/core/savings/basis";
import { GUARANTEE, LEVEL, SINGLE, makeSavingsPoints, type SavingsPoints } from "../../../src/core/savings/modelPoints";
import { runSavings, savingsHorizon } from "../../../src/core/savings/projection";
import { PV, SAVINGS_PV_LINES, savingsPeriodLine, type SavingsPvLine } from "../../../src/core/savings/result";
import { makeScenarios, type InvestmentScenarios } from "../../../src/core/savings/scenarios";
import { makeSurrenderChargeTable } from "../../../src/core/savings/surrenderCharge";

/**
 * An independent scalar reference: one policy at a time, month by month, written cell by cell after
 * lifelib's CashValue_ME formulas (pols_if_at, av_pp_at BEF_PREM / BEF_FEE / BEF_INV / MID_MTH,
 * claims, inv_income, av_change, …) with ordinary numbers and Math.pow for the rates — no typed
 * arrays, no shared vectors, guarantees from their closed sums rather than the engine's running
 * bases. The engine must agree on every PV line of every scenario, with mortality, lapses, fees, COI,
 * surrender charges, each guarantee type, in-force, future and whole-life points, and per-scenario deflators.
 */

// a select table (2 select years + ultimate) for ages 20..100, q = 1 at 100 (the whole-life last age)
const MIN_AGE = 20;
const MAX_AGE = 100;
const annualQ = (age: number, year: number) => (age >= MAX_AGE ? 1 : Math.min(1, 0.0004 * Math.exp(0.085 * (age - 20)) * (year === 0 ? 0.7 : year === 1 ? 0.85 : 1)));
const qRows: number[] = [];
for (let a = MIN_AGE; a <= MAX_AGE; a++) for (let y = 0; y < 3; y++) qRows.push(annualQ(a, y));
const lapseAnnual = [0.1, 0.08, 0.06, 0.04, 0.02];
const chargeRates = [
  [0.08, 0.05],
  [0.06, 0.04],
  [0.04, 0.02],
  [0, 0.01],
];

const basis: SavingsBasis = {
  mortality: makeMortalityTable(MIN_AGE, qRows, 3),
  lapse: makeLapseTable(lapseAnnual),
  coiMultiple: 1.1,
  surrenderCharges: makeSurrenderChargeTable(["type_1", "type_2"], chargeRates),
  acquisitionPerPolicy: 300,
  maintenancePerPolicyPerYear: 60,
  commissionRate: 0.03,
};

/** The test points: every premium type, guarantee, in force / new / future / whole life / maturing now / empty. */
const rows = [
  { age: 35, term: 10, count: 120, S: 50000, P: 40000, type: SINGLE, load: 0.02, fee: 0.015, av: 0, paid: 0, m0: 0, sc: 0, gmdb: GUARANTEE.RETURN_OF_PREMIUM, gmab: GUARANTEE.RETURN_OF_PREMIUM, roll: 0, wl: 0 },
  { age: 50, term: 8, count: 75.5, S: 60000, P: 500, type: LEVEL, load: 0.05, fee: 0.02, av: 0, paid: 0, m0: 0, sc: -1, gmdb: GUARANTEE.ROLL_UP, gmab: GUARANTEE.SUM_ASSURED, roll: 0.05, wl: 0 },
  { age: 42, term: 12, count: 30, S: 20000, P: 300, type: LEVEL, load: 0.03, fee: 0.01, av: 12000, paid: 10000, m0: 37, sc: 1, gmdb: GUARANTEE.ROLL_UP, gmab: GUARANTEE.ROLL_UP, roll: 0.03, wl: 0 },
  { age: 60, term: 5, count: 10, S: 0, P: 25000, type: SINGLE, load: 0, fee: 0.012, av: 0, paid: 0, m0: -5, sc: 1, gmdb: GUARANTEE.NONE, gmab: GUARANTEE.NONE, roll: 0, wl: 0 },
  { age: 85, term: 1, count: 4, S: 30000, P: 200, type: LEVEL, load: 0.1, fee: 0.01, av: 0, paid: 0, m0: 0, sc: -1, gmdb: GUARANTEE.SUM_ASSURED, gmab: GUARANTEE.SUM_ASSURED, roll: 0, wl: 1 },
  { age: 40, term: 3, count: 7, S: 30000, P: 1000, type: LEVEL, load: 0, fee: 0.01, av: 28000, paid: 36000, m0: 36, sc: 0, gmdb: GUARANTEE.RETURN_OF_PREMIUM, gmab: GUARANTEE.RETURN_OF_PREMIUM, roll: 0, wl: 0 },
  { age: 30, term: 6, count: 0, S: 10000, P: 5000, type: SINGLE, load: 0, fee: 0.01, av: 0, paid: 0, m0: 0, sc: 0, gmdb: GUARANTEE.SUM_ASSURED, gmab: GUARANTEE.SUM_ASSURED, roll: 0, wl: 0 },
];
const points: SavingsPoints = makeSavingsPoints({
  ageAtEntry: rows.map((r) => r.age),
  policyTerm: rows.map((r) => r.term),
  policyCount: rows.map((r) => r.count),
  sumAssured: rows.map((r) => r.S),
  premium: rows.map((r) => r.P),
  durationMonths: rows.map((r) => r.m0),
  premiumType: rows.map((r) => r.type),
  loadRate: rows.map((r) => r.load),
  feeRate: rows.map((r) => r.fee),
  avInit: rows.map((r) => r.av),
  premiumsPaidInit: rows.map((r) => r.paid),
  surrenderCharge: rows.map((r) => r.sc),
  deathGuarantee: rows.map((r) => r.gmdb),
  maturityGuarantee: rows.map((r) => r.gmab),
  rollUpRate: rows.map((r) => r.roll),
  wholeLife: rows.map((r) => r.wl),
});

const steps = savingsHorizon(points, basis);
const ctx: ProjectionContext = { steps, stepsPerYear: 12, discount: discountSpotByYear(new Array(Math.ceil(steps / 12)).fill(0.025), steps), inflation: inflationIndex(0.02, steps) };

/** Scenarios: lognormal returns with stochastic short rates; deflators from the same short rates. */
function randomScenarios(count: number, seed: number): InvestmentScenarios {
  const rng = new Xoshiro256StarStar(seed);
  const returns = new Float64Array(count * steps);
  const deflators = new Float64Array(count * steps);
  for (let s = 0; s < count; s++) {
    let rate = 0.03;
    let d = 1;
    for (let t = 0; t < steps; t++) {
      deflators[s * steps + t] = d;
      returns[s * steps + t] = Math.exp((rate - 0.5 * 0.18 ** 2) / 12 + 0.18 * Math.sqrt(1 / 12) * rng.nextNormal()) - 1;
      d *= Math.exp(-rate / 12);
      rate = Math.max(-0.01, rate + 0.003 * rng.nextNormal());
    }
  }
  return makeScenarios(count, steps, returns, deflators);
}

type Lines = Record<SavingsPvLine, number>;

/** The scalar reference for point i under returns r(t) and deflators v(t). */
function reference(i: number, r: (t: number) => number, v: (t: number) => number): Lines {
  const p = rows[i] as (typeof rows)[number];
  const term = p.wl ? MAX_AGE - p.age : p.term;
  const M = 12 * term;
  const out = Object.fromEntries(SAVINGS_PV_LINES.map((k) => [k, 0])) as Lines;
  const premiumPp = (m: number) => (m >= 0 && ((p.type === SINGLE && m === 0) || (p.type === LEVEL && m < M)) ? p.P : 0);
  const start = Math.max(0, -p.m0);
  // guarantee bases from closed sums: paid = init + Σ premiums so far; rolled = Σ each payment · g^(months since)
  const g = Math.pow(1 + p.roll, 1 / 12);
  const paidAfter = (t: number) => {
    let x = p.paid;
    for (let u = start; u <= t; u++) x += premiumPp(p.m0 + u);
    return x;
  };
  const rolledAt = (t: number, after: boolean) => {
    let x = p.paid * Math.pow(g, t - start);
    for (let u = start; u <= (after ? t : t - 1); u++) x += premiumPp(p.m0 + u) * Math.pow(g, t - u);
    return x;
  };
  const deathBase = (t: number) => (p.gmdb === GUARANTEE.SUM_ASSURED ? p.S : p.gmdb === GUARANTEE.RETURN_OF_PREMIUM ? paidAfter(t) : p.gmdb === GUARANTEE.ROLL_UP ? rolledAt(t, true) : 0);
  const maturityBase = (t: number) => (p.gmab === GUARANTEE.SUM_ASSURED ? p.S : p.gmab === GUARANTEE.RETURN_OF_PREMIUM ? paidAfter(t - 1) : p.gmab === GUARANTEE.ROLL_UP ? rolledAt(t, false) : 0);

  let polsBefMat = p.m0 > 0 ? p.count : 0; // pols_if_at(t, "BEF_MAT")
  let avBefPrem = p.av; // av_pp_at(t, "BEF_PREM")
  for (let t = start; t < steps; t++) {
    const m = p.m0 + t;
    if (m > M) break;
    const dur = Math.floor(m / 12);
    const polsMaturity = m === M ? polsBefMat : 0;
    const polsNewBiz = m === 0 ? p.count : 0;
    const polsBefDecr = polsBefMat - polsMaturity + polsNewBiz;
    const mortRateMth = m === M ? 0 : 1 - Math.pow(1 - annualQ(p.age + dur, Math.min(dur, 2)), 1 / 12);
    const lapseRateMth = m === M ? 0 : 1 - Math.pow(1 - (lapseAnnual[Math.min(dur, lapseAnnual.length - 1)] as number), 1 / 12);
    const polsDeath = polsBefDecr * mortRateMth;
    const polsLapse = (polsBefDecr - polsDeath) * lapseRateMth;
    const polsNext = polsBefDecr - polsDeath - polsLapse;

    const prem = m === M ? 0 : premiumPp(m);
    const DB = m === M ? 0 : deathBase(t);
    const avBefFee = avBefPrem + (1 - p.load) * prem;
    const maintFeePp = (p.fee / 12) * avBefFee;
    const coiPp = 1.1 * mortRateMth * Math.max(DB - avBefFee, 0);
    const avBefInv = avBefFee - maintFeePp - coiPp;
    const invIncomePp = r(t) * avBefInv;
    const avMid = avBefInv + 0.5 * invIncomePp;
    const avNext = avBefInv + invIncomePp;
    const scRate = p.sc < 0 ? 0 : ((chargeRates[Math.min(dur, chargeRates.length - 1)] as number[])[p.sc] as number);

    const premiums = prem * polsBefDecr;
    const invIncome = m === M ? 0 : invIncomePp * polsNext + 0.5 * invIncomePp * (polsDeath + polsLapse);
    const claimsDeath = Math.max(DB, avMid) * polsDeath;
    const surrCharge = scRate * avMid * polsLapse;
    const claimsLapse = avMid * polsLapse - surrCharge;
    const G = m === M ? maturityBase(t) : 0;
    const claimsMat = Math.max(G, avBefPrem) * polsMaturity;
    const expenses = 300 * polsNewBiz + polsBefDecr * (60 / 12) * Math.pow(1.02, t / 12);
    const commissions = 0.03 * premiums;
    const avChange = (m === M ? 0 : avNext * polsNext) - avBefPrem * polsBefMat;
    const net = premiums + invIncome - claimsDeath - claimsLapse - claimsMat - expenses - commissions - avChange;
    const add = (k: SavingsPvLine, x: number) => (out[k] += x * v(t));
    add("premiums", premiums);
    add("investment_income", invIncome);
    add("claims_death", claimsDeath);
    add("claims_surrender", claimsLapse);
    add("claims_maturity", claimsMat);
    add("expenses", expenses);
    add("commissions", commissions);
    add("av_change", avChange);
    add("net_cashflow", net);
    add("fees", maintFeePp * polsBefDecr);
    add("coi", coiPp * polsBefDecr);
    add("surrender_charges", surrCharge);
    add("gmdb_cost", Math.max(DB - avMid, 0) * polsDeath);
    add("gmab_cost", Math.max(G - avBefPrem, 0) * polsMaturity);
    polsBefMat = polsNext;
    avBefPrem = avNext;
  }
  return out;
}

const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-11 * Math.max(scale, 1);

describe("account-value engine against a scalar per-policy recursion (lifelib's cells)", () => {
  const scenarios = randomScenarios(4, 20261123);
  const L = SAVINGS_PV_LINES.length;

  it("the grid runs the whole-life point to the table's last age (85 → 100: 180 months + 1)", () => {
    expect(steps).toBe(181);
  });

  it("every PV line of every point under every scenario, with the scenarios' own deflators", () => {
    for (let i = 0; i < points.count; i++) {
      const one = runSavings(points, basis, scenarios, ctx, { from: i, to: i + 1 });
      for (let s = 0; s < scenarios.count; s++) {
        const ref = reference(i, (t) => scenarios.returns[s * steps + t] as number, (t) => scenarios.deflators?.[s * steps + t] as number);
        const scale = Math.max(ref.premiums, ref.claims_death + ref.claims_surrender + ref.claims_maturity, Math.abs(ref.av_change));
        SAVINGS_PV_LINES.forEach((line, k) => {
          const ours = one.pvByScenario[s * L + k] as number;
          if (!close(ours, ref[line], scale)) throw new Error(`point ${i + 1}, scenario ${s + 1}, ${line}: engine ${ours}, reference ${ref[line]}`);
        });
      }
    }
  });

  it("each guarantee is exercised: death and maturity shortfalls, surrender charges, fees and COI are all non-zero in the run", () => {
    const all = runSavings(points, basis, scenarios, ctx);
    for (const line of ["claims_death", "claims_surrender", "claims_maturity", "fees", "coi", "surrender_charges", "gmdb_cost", "gmab_cost"] as const) expect(all.pv[PV[line]]).toBeGreaterThan(0);
    // the empty point contributes nothing; the point maturing at t = 0 only its maturity month
    const empty = runSavings(points, basis, scenarios, ctx, { from: 6, to: 7 });
    expect(Array.from(empty.pv).every((x) => x === 0)).toBe(true);
    const now = runSavings(points, basis, scenarios, ctx, { from: 5, to: 6, perPeriod: true });
    expect(savingsPeriodLine(now, "maturities")[0]).toBe(7);
    expect(savingsPeriodLine(now, "gmab_cost")[0]).toBe((36000 - 28000) * 7);
    expect(now.pv[PV.net_cashflow]).toBe(-(36000 - 28000) * 7);
  });

  it("a run over all points is the sum of the single-point runs, scenario by scenario; the mean is the mean of the scenarios", () => {
    const all = runSavings(points, basis, scenarios, ctx, { perPoint: true });
    const sum = new Float64Array(scenarios.count * L);
    for (let i = 0; i < points.count; i++) {
      const one = runSavings(points, basis, scenarios, ctx, { from: i, to: i + 1 });
      one.pvByScenario.forEach((x, k) => (sum[k] = (sum[k] as number) + x));
      expect(close(all.pvByPoint?.[i] as number, one.pv[PV.net_cashflow] as number, Math.abs(one.pv[PV.premiums] as number))).toBe(true);
    }
    sum.forEach((x, k) => expect(close(all.pvByScenario[k] as number, x, Math.abs(x))).toBe(true));
    for (let k = 0; k < L; k++) {
      let m = 0;
      for (let s = 0; s < scenarios.count; s++) m += all.pvByScenario[s * L + k] as number;
      expect(close(all.pv[k] as number, m / scenarios.count, Math.abs(m))).toBe(true);
    }
  });

  it("per-period lines, discounted with the mean deflator where deterministic, reproduce the PVs of a one-scenario run", () => {
    const one = makeScenarios(1, steps, scenarios.returns.slice(0, steps), scenarios.deflators?.slice(0, steps));
    const run = runSavings(points, basis, one, ctx, { perPeriod: true });
    const df = savingsPeriodLine(run, "discount_factor");
    for (const line of SAVINGS_PV_LINES) {
      const x = savingsPeriodLine(run, line);
      let pv = 0;
      for (let t = 0; t < steps; t++) pv += (x[t] as number) * (df[t] as number);
      expect(close(pv, run.pv[PV[line]] as number, Math.abs(run.pv[PV.premiums] as number))).toBe(true);
    }
  });
});
