import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCurve } from "../../../src/core/curves";
import { inflationIndex } from "../../../src/core/projection/discount";
import { makeLapseTable } from "../../../src/core/projection/lapse";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import { Xoshiro256StarStar } from "../../../src/core/random";
import type { SavingsBasis } from "../../../src/core/savings/basis";
import { GUARANTEE, LEVEL, SINGLE, makeSavingsPoints } from "../../../src/core/savings/modelPoints";
import { runSavings, savingsHorizon } from "../../../src/core/savings/projection";
import { PV, savingsPvByScenario } from "../../../src/core/savings/result";
import { lognormalReturns, makeScenarios } from "../../../src/core/savings/scenarios";
import { makeSurrenderChargeTable } from "../../../src/core/savings/surrenderCharge";
import { certaintyEquivalentScenario, vaContext } from "../../../src/core/valuation/tvfog";
import { addScenarioPvs, emptyScenarioPvs, netPvs, timeMajor, vaScenarioPvs } from "../../../src/core/valuation/vaKernel";

/**
 * The TVFOG kernel (scenario loop innermost, net PV through the margin identity) against the
 * account-value engine (runSavings, line by line, scenario-major) — the engine is the reference.
 */
const mortality = makeMortalityTable(20, Array.from({ length: 81 }, (_, k) => Math.min(1, 0.0005 * Math.exp(0.08 * k))), 1);
const charges = makeSurrenderChargeTable(["type_1", "type_2"], [
  [0.07, 0.05],
  [0.05, 0.03],
  [0.02, 0.01],
]);
const usd = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] });
const rel = (a: number, b: number, scale: number) => Math.abs(a - b) / scale;

describe("kernel = engine, per scenario, on random products (fast-check)", () => {
  it("net, GMDB and GMAB PVs of every scenario agree to 1e-12 of the flows' scale; slices add up", () => {
    fc.assert(
      fc.property(
        fc.record({
          load: fc.double({ min: 0, max: 0.2, noNaN: true }),
          fee: fc.double({ min: 0, max: 0.03, noNaN: true }),
          coi: fc.constantFrom(0, 0.5, 1.1),
          lapse: fc.double({ min: 0, max: 0.2, noNaN: true }),
          sigma: fc.double({ min: 0, max: 0.3, noNaN: true }),
          level: fc.boolean(),
          charge: fc.integer({ min: -1, max: 1 }),
          gmdb: fc.integer({ min: 0, max: 3 }),
          gmab: fc.integer({ min: 0, max: 3 }),
          m0: fc.integer({ min: -6, max: 30 }),
          seed: fc.integer({ min: 1, max: 1e6 }),
          deflate: fc.boolean(),
        }),
        (p) => {
          const points = makeSavingsPoints({
            ageAtEntry: [45, 30, 60],
            policyTerm: [7, 12, 5],
            policyCount: [11, 3, 7.5],
            sumAssured: [80000, 50000, 0],
            premium: [p.level ? 900 : 60000, p.level ? 400 : 20000, 30000],
            durationMonths: [p.m0, 0, 13],
            premiumType: [p.level ? LEVEL : SINGLE, p.level ? LEVEL : SINGLE, SINGLE],
            loadRate: [p.load, p.load, 0],
            feeRate: [p.fee, 0.01, p.fee],
            avInit: [p.m0 > 0 ? 55000 : 0, 0, 31000],
            premiumsPaidInit: [p.m0 > 0 ? 50000 : 0, 0, 30000],
            surrenderCharge: [p.charge, -1, 1],
            deathGuarantee: [p.gmdb, GUARANTEE.ROLL_UP, GUARANTEE.RETURN_OF_PREMIUM],
            maturityGuarantee: [p.gmab, GUARANTEE.NONE, GUARANTEE.RETURN_OF_PREMIUM],
            rollUpRate: [0.03, 0.05, 0],
          });
          const basis: SavingsBasis = { mortality, lapse: makeLapseTable([p.lapse, p.lapse / 2]), coiMultiple: p.coi, surrenderCharges: charges, acquisitionPerPolicy: 250, maintenancePerPolicyPerYear: 70, commissionRate: 0.04 };
          const steps = savingsHorizon(points, basis);
          const S = 5;
          const rng = new Xoshiro256StarStar(p.seed);
          const base = lognormalReturns(rng.fillNormal(new Float64Array(S * steps)), S, steps, 0.03, p.sigma);
          const deflators = p.deflate ? Float64Array.from({ length: S * steps }, (_, k) => Math.exp(-0.03 * (k % steps) / 12) * (1 + 0.1 * Math.sin(k))) : undefined;
          const scen = makeScenarios(S, steps, base.returns, deflators);
          const ctx = { ...vaContext(usd, steps), inflation: inflationIndex(0.02, steps) };
          const engine = runSavings(points, basis, scen, ctx);
          const tm = timeMajor(scen, steps, ctx.discount);
          const kernel = vaScenarioPvs(points, basis, tm, ctx);
          const net = netPvs(kernel);
          const engineNet = savingsPvByScenario(engine, "net_cashflow");
          const scale = Math.abs(engine.pv[PV.premiums] as number) + Math.abs(engine.pv[PV.claims_death] as number) + Math.abs(engine.pv[PV.claims_surrender] as number) + Math.abs(engine.pv[PV.claims_maturity] as number) + Math.abs(engine.pv[PV.av_change] as number) + 1;
          for (let s = 0; s < S; s++) {
            expect(rel(net[s] as number, engineNet[s] as number, scale)).toBeLessThan(1e-12);
            expect(rel(kernel.gmdb[s] as number, savingsPvByScenario(engine, "gmdb_cost")[s] as number, scale)).toBeLessThan(1e-12);
            expect(rel(kernel.gmab[s] as number, savingsPvByScenario(engine, "gmab_cost")[s] as number, scale)).toBeLessThan(1e-12);
            const charged = (savingsPvByScenario(engine, "fees")[s] as number) + (savingsPvByScenario(engine, "coi")[s] as number) + (savingsPvByScenario(engine, "surrender_charges")[s] as number);
            expect(rel(kernel.charges[s] as number, charged, scale)).toBeLessThan(1e-12);
          }
          // split over points and added: the same PVs (up to summation order)
          const parts = addScenarioPvs(vaScenarioPvs(points, basis, tm, ctx, 0, 1), vaScenarioPvs(points, basis, tm, ctx, 1, 3));
          const split = netPvs(parts);
          for (let s = 0; s < S; s++) expect(rel(split[s] as number, net[s] as number, scale)).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("no deflators: every scenario is discounted with the context's curve, as in the engine", () => {
    const points = makeSavingsPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [2], sumAssured: [0], premium: [1000], premiumType: [SINGLE], feeRate: [0.012], deathGuarantee: [GUARANTEE.RETURN_OF_PREMIUM], maturityGuarantee: [GUARANTEE.RETURN_OF_PREMIUM] });
    const basis: SavingsBasis = { mortality, coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
    const steps = savingsHorizon(points, basis);
    const scen = lognormalReturns(new Xoshiro256StarStar(7).fillNormal(new Float64Array(3 * steps)), 3, steps, 0.02, 0.25);
    const ctx = vaContext(usd, steps);
    const engine = runSavings(points, basis, scen, ctx);
    const net = netPvs(vaScenarioPvs(points, basis, timeMajor(scen, steps, ctx.discount), ctx));
    savingsPvByScenario(engine, "net_cashflow").forEach((x, s) => expect(Math.abs((net[s] as number) - x)).toBeLessThan(1e-9));
  });
});

describe("the fund-index path (single premium, no COI) = the scenario loop", () => {
  it("50 random in-force points with every guarantee and surrender charges, 64 scenarios: every line to 1e-12", () => {
    const rng = new Xoshiro256StarStar(99);
    const n = 50;
    const u = () => rng.nextDouble();
    const points = makeSavingsPoints({
      ageAtEntry: Array.from({ length: n }, () => 30 + Math.floor(40 * u())),
      policyTerm: Array.from({ length: n }, () => 5 + Math.floor(20 * u())),
      policyCount: Array.from({ length: n }, () => 1 + 100 * u()),
      sumAssured: Array.from({ length: n }, () => 150000 * u()),
      premium: Array.from({ length: n }, () => 100000 * u()),
      durationMonths: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : Math.floor(48 * u()))),
      premiumType: new Array(n).fill(SINGLE),
      loadRate: Array.from({ length: n }, () => 0.05 * u()),
      feeRate: Array.from({ length: n }, () => 0.025 * u()),
      avInit: Array.from({ length: n }, () => 50000 + 80000 * u()),
      premiumsPaidInit: Array.from({ length: n }, () => 100000 * u()),
      surrenderCharge: Array.from({ length: n }, (_, i) => (i % 3) - 1),
      deathGuarantee: Array.from({ length: n }, (_, i) => i % 4),
      maturityGuarantee: Array.from({ length: n }, (_, i) => (i + 1) % 4),
      rollUpRate: Array.from({ length: n }, () => 0.05 * u()),
    });
    const basis: SavingsBasis = { mortality, lapse: makeLapseTable([0.08, 0.05]), coiMultiple: 0, surrenderCharges: charges, acquisitionPerPolicy: 100, maintenancePerPolicyPerYear: 50, commissionRate: 0.02 };
    const steps = savingsHorizon(points, basis);
    const S = 64;
    const scen = lognormalReturns(new Xoshiro256StarStar(5).fillNormal(new Float64Array(S * steps)), S, steps, 0.02, 0.3);
    const deflated = makeScenarios(S, steps, scen.returns, Float64Array.from({ length: S * steps }, (_, k) => Math.exp((-0.02 * (k % steps)) / 12) * (1 + 0.2 * Math.cos(k))));
    const ctx = vaContext(usd, steps);
    const tm = timeMajor(deflated, steps);
    const auto = vaScenarioPvs(points, basis, tm, ctx);
    const loop = vaScenarioPvs(points, basis, tm, ctx, 0, n, undefined, { method: "loop" });
    const scale = Math.max(...loop.charges) + Math.max(...loop.gmdb) + Math.max(...loop.gmab);
    for (const k of ["fixed", "charges", "gmdb", "gmab"] as const) for (let s = 0; s < S; s++) expect(Math.abs((auto[k][s] as number) - (loop[k][s] as number)) / scale, `${k} ${s}`).toBeLessThan(1e-12);
    expect(Math.min(...loop.gmdb)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...loop.gmab)).toBeGreaterThan(0);
    // and both = the engine
    const engine = savingsPvByScenario(runSavings(points, basis, deflated, ctx), "net_cashflow");
    const net = netPvs(auto);
    for (let s = 0; s < S; s++) expect(Math.abs((net[s] as number) - (engine[s] as number)) / scale).toBeLessThan(1e-11);
  });
});

describe("(d) the certainty-equivalent run is the deterministic projection", () => {
  // a realistic block on the USD 2011 curve: level and single premiums, COI, surrender charges,
  // mortality and lapses, every guarantee type
  const points = makeSavingsPoints({
    ageAtEntry: [35, 50, 62, 44],
    policyTerm: [20, 15, 10, 25],
    policyCount: [120, 80, 40, 60],
    sumAssured: [150000, 0, 0, 100000],
    premium: [500, 100000, 80000, 700],
    durationMonths: [24, 60, 0, -3],
    premiumType: [LEVEL, SINGLE, SINGLE, LEVEL],
    loadRate: [0.03, 0, 0.02, 0.05],
    feeRate: [0.015, 0.012, 0.02, 0.01],
    avInit: [13000, 110000, 0, 0],
    premiumsPaidInit: [12000, 100000, 0, 0],
    surrenderCharge: [0, 1, -1, 0],
    deathGuarantee: [GUARANTEE.SUM_ASSURED, GUARANTEE.RETURN_OF_PREMIUM, GUARANTEE.ROLL_UP, GUARANTEE.NONE],
    maturityGuarantee: [GUARANTEE.NONE, GUARANTEE.RETURN_OF_PREMIUM, GUARANTEE.ROLL_UP, GUARANTEE.SUM_ASSURED],
    rollUpRate: [0, 0, 0.03, 0],
  });
  const basis: SavingsBasis = { mortality, lapse: makeLapseTable([0.08, 0.06, 0.04]), coiMultiple: 1.1, surrenderCharges: charges, acquisitionPerPolicy: 300, maintenancePerPolicyPerYear: 60, commissionRate: 0.03 };
  const steps = savingsHorizon(points, basis);
  const ctx = vaContext(usd, steps);

  it("the CE scenario's returns are the curve's monthly forwards and its deflators the discount factors", () => {
    const ce = certaintyEquivalentScenario(usd, steps);
    for (const t of [0, 1, 59, 60, 119, steps - 1]) {
      expect(ce.deflators?.[t]).toBeCloseTo(usd.discount(t / 12), 15);
      expect(Math.abs((ce.returns[t] as number) - (usd.discount(t / 12) / usd.discount((t + 1) / 12) - 1))).toBeLessThan(1e-15);
    }
  });

  it("kernel on the CE scenario = runSavings with the forwards as returns and the curve's discount factors (no deflators), every line", () => {
    const ce = certaintyEquivalentScenario(usd, steps);
    const deterministic = runSavings(points, basis, makeScenarios(1, steps, ce.returns), ctx);
    const kernel = vaScenarioPvs(points, basis, timeMajor(ce, steps), ctx);
    const scale = (deterministic.pv[PV.premiums] as number) + (deterministic.pv[PV.claims_surrender] as number);
    expect(rel(netPvs(kernel)[0] as number, deterministic.pv[PV.net_cashflow] as number, scale)).toBeLessThan(1e-13);
    expect(rel(kernel.gmdb[0] as number, deterministic.pv[PV.gmdb_cost] as number, scale)).toBeLessThan(1e-13);
    expect(rel(kernel.gmab[0] as number, deterministic.pv[PV.gmab_cost] as number, scale)).toBeLessThan(1e-13);
    expect(kernel.gmdb[0]).toBeGreaterThan(0);
    expect(Math.abs(netPvs(kernel)[0] as number)).toBeGreaterThan(1000);
  });

  it("parts: an empty slice adds nothing; mismatched parts are refused", () => {
    const tm = timeMajor(certaintyEquivalentScenario(usd, steps), steps);
    const empty = vaScenarioPvs(points, basis, tm, ctx, 2, 2);
    expect(netPvs(empty)[0]).toBe(0);
    expect(() => addScenarioPvs(emptyScenarioPvs(1), emptyScenarioPvs(2))).toThrow(/scenarios/);
    expect(() => vaScenarioPvs(points, basis, tm, ctx, 3, 9)).toThrow(/model_points: the slice 3..9/);
    expect(() => vaScenarioPvs(points, basis, timeMajor(certaintyEquivalentScenario(usd, 12), 12), ctx)).toThrow(/scenarios: have 12 months/);
  });
});
