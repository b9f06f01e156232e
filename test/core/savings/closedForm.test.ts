import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inflationIndex } from "../../../src/core/projection/discount";
import type { ProjectionContext } from "../../../src/core/projection/engine";
import { makeLapseTable } from "../../../src/core/projection/lapse";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import { Xoshiro256StarStar } from "../../../src/core/random";
import type { SavingsBasis } from "../../../src/core/savings/basis";
import { GUARANTEE, LEVEL, SINGLE, makeSavingsPoints, type SavingsPointColumns } from "../../../src/core/savings/modelPoints";
import { runSavings, savingsHorizon } from "../../../src/core/savings/projection";
import { PV, savingsPeriodLine, savingsPvByScenario } from "../../../src/core/savings/result";
import { constantReturns, lognormalReturns, makeScenarios } from "../../../src/core/savings/scenarios";

/**
 * Deterministic cases against closed forms, lifelib's margin identity on random inputs, and the
 * Monte Carlo value of a maturity guarantee against the Black–Scholes put.
 */
const noCosts: SavingsBasis = { coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
const flat = (rate: number, steps: number): ProjectionContext => ({
  steps,
  stepsPerYear: 12,
  discount: Float64Array.from({ length: steps }, (_, t) => Math.exp((-rate * t) / 12)),
  inflation: inflationIndex(0, steps),
});
const one = (cols: Partial<SavingsPointColumns>) =>
  makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [3], sumAssured: [0], premium: [1000], deathGuarantee: [GUARANTEE.NONE], maturityGuarantee: [GUARANTEE.NONE], ...cols });
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("no decrements, constant return: the account value in closed form", () => {
  const r = 0.004;
  const f = 0.012;
  const L = 0.03;
  const g = (1 - f / 12) * (1 + r); // the fee is taken from the AV after premium, before the month's return

  it("single premium: AV(t) = P·(1 − L)·((1 − f/12)(1 + r))^t, paid out at maturity (t = 120)", () => {
    const points = one({ premiumType: [SINGLE], loadRate: [L], feeRate: [f] });
    const steps = savingsHorizon(points);
    expect(steps).toBe(121);
    const run = runSavings(points, noCosts, constantReturns(r, steps), flat(0, steps), { perPeriod: true });
    const av = savingsPeriodLine(run, "av_bef_mat");
    for (let t = 1; t <= 120; t++) expect(rel((av[t] as number) / 3, 1000 * (1 - L) * g ** t)).toBeLessThan(2e-14);
    expect(rel(savingsPeriodLine(run, "claims_maturity")[120] as number, 3 * 1000 * (1 - L) * g ** 120)).toBeLessThan(2e-14);
    // undiscounted, the company keeps the loading and every month's fee: net = L·P·c + Σ f/12·AV_fee(t)·c
    expect(rel(run.pv[PV.fees] as number, 3 * sumFees(1000 * (1 - L), f, r, 120))).toBeLessThan(1e-13);
    expect(rel(run.pv[PV.net_cashflow] as number, 3 * (L * 1000) + (run.pv[PV.fees] as number))).toBeLessThan(1e-12);
  });

  it("level premium: AV(t) = P·(1 − L)·g·(g^t − 1)/(g − 1), and the return-of-premium GMAB costs max(120·P − AV(120), 0)", () => {
    const points = one({ premiumType: [LEVEL], loadRate: [L], feeRate: [f], maturityGuarantee: [GUARANTEE.RETURN_OF_PREMIUM] });
    const steps = savingsHorizon(points);
    for (const ret of [r, -0.002]) {
      const G = (1 - f / 12) * (1 + ret);
      const run = runSavings(points, noCosts, constantReturns(ret, steps), flat(0.02, steps), { perPeriod: true });
      const av = savingsPeriodLine(run, "av_bef_mat");
      const closed = (t: number) => (1000 * (1 - L) * G * (G ** t - 1)) / (G - 1);
      for (let t = 1; t <= 120; t++) expect(rel((av[t] as number) / 3, closed(t))).toBeLessThan(1e-13);
      const shortfall = Math.max(120 * 1000 - closed(120), 0);
      const df = Math.exp(-0.02 * 10);
      if (ret > 0) expect(shortfall).toBe(0);
      else expect(shortfall).toBeGreaterThan(0);
      expect(Math.abs((run.pv[PV.gmab_cost] as number) - 3 * shortfall * df)).toBeLessThan(1e-9 * 120 * 1000);
    }
  });

  it("roll-up: the maturity guarantee is P·(1 + ρ)^term for a single premium; the death guarantee grows monthly", () => {
    const points = one({ premiumType: [SINGLE], maturityGuarantee: [GUARANTEE.ROLL_UP], deathGuarantee: [GUARANTEE.ROLL_UP], rollUpRate: [0.04] });
    const steps = savingsHorizon(points);
    // zero return, no fee: AV stays 1000, the shortfall at maturity is 1000·(1.04^10 − 1) per policy
    const run = runSavings(points, noCosts, constantReturns(0, steps), flat(0, steps));
    expect(rel(run.pv[PV.gmab_cost] as number, 3 * 1000 * (1.04 ** 10 - 1))).toBeLessThan(1e-12);
    // with 1% annual mortality (q monthly = 1 − 0.99^(1/12)) every death in month t costs 1000·(1.04^(t/12) − 1)
    const mortality = makeMortalityTable(0, new Array(131).fill(0.01), 1);
    const withDeaths = runSavings(points, { ...noCosts, mortality }, constantReturns(0, steps), flat(0, steps));
    const qm = 1 - 0.99 ** (1 / 12);
    let gmdb = 0;
    for (let t = 0; t < 120; t++) gmdb += 3 * (1 - qm) ** t * qm * 1000 * (1.04 ** (t / 12) - 1);
    expect(rel(withDeaths.pv[PV.gmdb_cost] as number, gmdb)).toBeLessThan(1e-12);
  });
});

/** Σ_{t<n} f/12 · A·g^t with g = (1 − f/12)(1 + r): the fee on the AV after premium, month by month. */
function sumFees(A: number, f: number, r: number, n: number): number {
  const g = (1 - f / 12) * (1 + r);
  return ((f / 12) * A * (1 - g ** n)) / (1 - g);
}

describe("lifelib's margin identity (check_margin) on random products and scenarios", () => {
  it("net = loading + fees + COI + surrender charges − commissions − expenses − GMDB cost − GMAB cost, per scenario", () => {
    const mortality = makeMortalityTable(20, Array.from({ length: 81 }, (_, k) => Math.min(1, 0.0005 * Math.exp(0.08 * k))), 1);
    fc.assert(
      fc.property(
        fc.record({
          load: fc.double({ min: 0, max: 0.2, noNaN: true }),
          fee: fc.double({ min: 0, max: 0.03, noNaN: true }),
          coi: fc.double({ min: 0, max: 2, noNaN: true }),
          lapse: fc.double({ min: 0, max: 0.2, noNaN: true }),
          sigma: fc.double({ min: 0, max: 0.3, noNaN: true }),
          level: fc.boolean(),
          gmdb: fc.integer({ min: 0, max: 3 }),
          gmab: fc.integer({ min: 0, max: 3 }),
          m0: fc.integer({ min: -6, max: 30 }),
          seed: fc.integer({ min: 1, max: 1e6 }),
        }),
        (p) => {
          const points = makeSavingsPoints({
            ageAtEntry: [45],
            policyTerm: [7],
            policyCount: [11],
            sumAssured: [80000],
            premium: [p.level ? 900 : 60000],
            durationMonths: [p.m0],
            premiumType: [p.level ? LEVEL : SINGLE],
            loadRate: [p.load],
            feeRate: [p.fee],
            avInit: [p.m0 > 0 ? 55000 : 0],
            premiumsPaidInit: [p.m0 > 0 ? 50000 : 0],
            deathGuarantee: [p.gmdb],
            maturityGuarantee: [p.gmab],
            rollUpRate: [0.03],
          });
          const basis: SavingsBasis = { mortality, lapse: makeLapseTable([p.lapse, p.lapse / 2]), coiMultiple: p.coi, acquisitionPerPolicy: 250, maintenancePerPolicyPerYear: 70, commissionRate: 0.04 };
          const steps = savingsHorizon(points, basis);
          const rng = new Xoshiro256StarStar(p.seed);
          const S = 3;
          const scen = lognormalReturns(rng.fillNormal(new Float64Array(S * steps)), S, steps, 0.03, p.sigma);
          const run = runSavings(points, basis, scen, flat(0.03, steps));
          for (let s = 0; s < S; s++) {
            const line = (name: keyof typeof PV) => savingsPvByScenario(run, name)[s] as number;
            const loading = (p.load * line("premiums")) as number;
            const margins = loading + line("fees") + line("coi") + line("surrender_charges") - line("commissions") - line("expenses") - line("gmdb_cost") - line("gmab_cost");
            const scale = line("premiums") + line("claims_death") + line("claims_surrender") + line("claims_maturity") + Math.abs(line("av_change"));
            expect(Math.abs(line("net_cashflow") - margins)).toBeLessThan(1e-12 * scale);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("Monte Carlo: a maturity guarantee is a put on the account value", () => {
  // single premium 100, no fee, no load, no decrements; risk-neutral lognormal returns at r = 3%,
  // σ = 20%, discounting at e^(−r·t/12): AV(10 years) is lognormal as in Black–Scholes, so
  // E[PV(max(K − AV, 0))] = put(S = 100, K, r = 3%, σ = 20%, T = 10). References (Debian python3):
  //   QuantLib 1.29 blackFormula(Put, K, 100·e^(0.3), 0.2·√10, e^(−0.3)): K = 100 → 10.927587501652358,
  //   K = 100·1.02^10 → 19.06262058395826 (the same from math.erfc to the last digit shown).
  const S = 10000;
  const steps = 121;
  const rng = new Xoshiro256StarStar(20261123);
  const scenarios = lognormalReturns(rng.fillNormal(new Float64Array(S * steps)), S, steps, 0.03, 0.2);
  const points = makeSavingsPoints({
    ageAtEntry: [40, 40],
    policyTerm: [10, 10],
    policyCount: [1, 1],
    sumAssured: [0, 0],
    premium: [100, 100],
    premiumType: [SINGLE, SINGLE],
    deathGuarantee: [GUARANTEE.NONE, GUARANTEE.NONE],
    maturityGuarantee: [GUARANTEE.RETURN_OF_PREMIUM, GUARANTEE.ROLL_UP],
    rollUpRate: [0, 0.02],
  });
  const ctx = flat(0.03, steps);
  const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
  const se = (x: Float64Array) => {
    const m = mean(x);
    return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1) / x.length);
  };

  it("return-of-premium GMAB ≈ put(K = 100) = 10.9276 and 2% roll-up ≈ put(K = 121.90) = 19.0626, within 3 standard errors", () => {
    for (const [k, put] of [
      [0, 10.927587501652358],
      [1, 19.06262058395826],
    ] as const) {
      const run = runSavings(points, noCosts, scenarios, ctx, { from: k, to: k + 1 });
      const cost = savingsPvByScenario(run, "gmab_cost");
      expect(Math.abs(mean(cost) - put)).toBeLessThan(3 * se(cost));
      expect(se(cost)).toBeLessThan(0.25);
    }
  });

  it("the discounted account value at maturity is a martingale: E[AV(T)·e^(−rT)] = 100 within 3 standard errors", () => {
    const run = runSavings(points, noCosts, scenarios, ctx, { from: 0, to: 1 });
    const shortfall = savingsPvByScenario(run, "gmab_cost");
    const released = savingsPvByScenario(run, "claims_maturity").map((x, s) => x - (shortfall[s] as number));
    expect(Math.abs(mean(released) - 100)).toBeLessThan(3 * se(released));
  });

  it("σ = 0: every scenario is the deterministic path, and the guarantee is worth max(K·e^(−rT) − 100, 0) = 0 for K = 100", () => {
    const zero = lognormalReturns(new Float64Array(4 * steps), 4, steps, 0.03, 0);
    const run = runSavings(points, noCosts, zero, ctx, { from: 0, to: 1, perPeriod: true });
    expect(run.pv[PV.gmab_cost]).toBe(0);
    expect(rel(savingsPeriodLine(run, "claims_maturity")[120] as number, 100 * Math.exp(0.03 * 10))).toBeLessThan(1e-13);
    const deflated = makeScenarios(4, steps, zero.returns, new Float64Array(4 * steps).fill(0.5));
    expect(rel(runSavings(points, noCosts, deflated, ctx, { from: 0, to: 1 }).pv[PV.claims_maturity] as number, 50 * Math.exp(0.3))).toBeLessThan(1e-13);
  });
});
