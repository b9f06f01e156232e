import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitCurve } from "../../../src/core/curves";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import type { SavingsBasis } from "../../../src/core/savings/basis";
import { GUARANTEE, SINGLE, makeSavingsPoints } from "../../../src/core/savings/modelPoints";
import { makeScenarios } from "../../../src/core/savings/scenarios";
import { certaintyEquivalentScenario, tvfogEstimate, valueVaBlock, vaHorizon, Z95, type VaBlock, type VaEconomy } from "../../../src/core/valuation/tvfog";
import { timeMajor } from "../../../src/core/valuation/vaKernel";
import { cachedVaScenarioSets, clearVaScenarios, vaScenarios } from "../../../src/core/valuation/vaScenarios";

/**
 * Independent checks of the TVFOG of variable-annuity guarantees, on scenarios from the Hull–White +
 * equity generator (src/core/esg/simulation.ts) with the short-rate volatility → 0 on a flat curve,
 * against test/reference/tvfog-references.json (QuantLib 1.29 blackFormula, NumPy Gauss–Hermite;
 * made by test/reference/tvfog_references.py).
 */
interface Ref {
  r: number;
  sigma_s: number;
  gmab: { fee: number; strike: number; put: number; ce_cost: number; tvfog: number }[];
  gmdb: { fee: number; count: number; gmdb_cost: number; ce_cost: number; tvfog: number }[];
}
const ref = JSON.parse(readFileSync(join(__dirname, "..", "..", "reference", "tvfog-references.json"), "utf8")) as Ref;

// flat continuous rate r: annual e^r − 1 at every node, log-linear (flat forward) in between and beyond
const flat = fitCurve({ terms: [1, 5, 10, 20, 30, 50], rates: new Array(6).fill(Math.expm1(ref.r)), method: "LOGLINEAR" });
const economy = (over: Partial<VaEconomy> = {}): VaEconomy => ({ curve: flat, curveKey: "flat-3%", a: 0.1, sigma: 1e-9, equityVol: ref.sigma_s, correlation: 0, scenarios: 10_000, seed: 2011, antithetic: true, ...over });
const noCosts: SavingsBasis = { coiMultiple: 0, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
/** One policy, single premium 100 at t = 0, 10 years, no load. */
const block = (fee: number, gmdb: number, gmab: number, rollUp = 0, mortality?: SavingsBasis["mortality"]): VaBlock => ({
  points: makeSavingsPoints({ ageAtEntry: [50], policyTerm: [10], policyCount: [1], sumAssured: [0], premium: [100], premiumType: [SINGLE], feeRate: [fee], deathGuarantee: [gmdb], maturityGuarantee: [gmab], rollUpRate: [rollUp] }),
  basis: { ...noCosts, ...(mortality ? { mortality } : {}) },
});

describe("(a) GMAB: TVFOG → −(Black–Scholes put − intrinsic value), the fee as a dividend yield, 10,000 scenarios", () => {
  it("return of premium, no fee: TVFOG = −put(K = 100) = −10.9276 within 3 standard errors", () => {
    const c = ref.gmab[0] as Ref["gmab"][number];
    const v = valueVaBlock(block(c.fee, GUARANTEE.NONE, GUARANTEE.RETURN_OF_PREMIUM), economy());
    expect(v.estimate.scenarios).toBe(10_000);
    expect(v.estimate.draws).toBe(5_000);
    expect(Math.abs(v.estimate.tvfog - c.tvfog)).toBeLessThan(3 * v.estimate.standardError);
    expect(v.estimate.standardError).toBeLessThan(0.2);
    expect(v.ce.gmab[0]).toBe(0); // out of the money in the CE scenario
    // the guarantee cost alone is the put: mean GMAB cost within 3 SE of the pair means of that line
    const cost = tvfogEstimate(v.stochastic.gmab, 0, true);
    expect(Math.abs(cost.meanStochastic - c.put)).toBeLessThan(3 * cost.standardError);
  });

  it("4% roll-up with a 1% fee (q = −12 ln(1 − f/12)): in the money in the CE scenario; TVFOG = −(put − intrinsic) = −16.34 within 3 SE", () => {
    const c = ref.gmab[1] as Ref["gmab"][number];
    const v = valueVaBlock(block(c.fee, GUARANTEE.NONE, GUARANTEE.ROLL_UP, 0.04), economy());
    expect(Math.abs((v.ce.gmab[0] as number) - c.ce_cost)).toBeLessThan(1e-9 * c.ce_cost);
    expect(Math.abs(v.estimate.tvfog - c.tvfog)).toBeLessThan(3 * v.estimate.standardError);
    expect(v.estimate.tvfog).toBeLessThan(0);
    expect(v.estimate.upper).toBeLessThan(0);
    const cost = tvfogEstimate(v.stochastic.gmab, 0, true);
    expect(Math.abs(cost.meanStochastic - c.put)).toBeLessThan(3 * cost.standardError);
  });
});

describe("(b) zero volatility: TVFOG = 0", () => {
  it("σ_S = 0 and σ_r = 1e−12: every scenario is the CE scenario; TVFOG and its SE vanish to 1e−10", () => {
    const v = valueVaBlock(block(0.01, GUARANTEE.RETURN_OF_PREMIUM, GUARANTEE.ROLL_UP, 0.04, makeMortalityTable(0, new Array(131).fill(0.01), 1)), economy({ sigma: 1e-12, equityVol: 0, scenarios: 200, curveKey: "flat-3%-zero-vol" }));
    expect(Math.abs(v.cePv)).toBeGreaterThan(1);
    expect(Math.abs(v.estimate.tvfog)).toBeLessThan(1e-10);
    expect(v.estimate.standardError).toBeLessThan(1e-10);
  });

  it("the CE scenario repeated as the stochastic set: TVFOG and SE exactly 0", () => {
    const b = block(0.01, GUARANTEE.RETURN_OF_PREMIUM, GUARANTEE.ROLL_UP, 0.04);
    const { steps } = vaHorizon(b);
    const ce = certaintyEquivalentScenario(flat, steps);
    const n = 6;
    const copies = makeScenarios(n, steps, new Float64Array(n * steps).map((_, k) => ce.returns[k % steps] as number), new Float64Array(n * steps).map((_, k) => (ce.deflators as Float64Array)[k % steps] as number));
    const v = valueVaBlock(b, economy({ scenarios: n }), timeMajor(copies, steps));
    expect(v.estimate.tvfog).toBe(0);
    expect(v.estimate.standardError).toBe(0);
  });
});

describe("(c) GMDB return of premium vs the semi-closed form Σ_t deaths(t) · e^{−rt} · E[(100 − AV_mid(t))⁺]", () => {
  const mortality = makeMortalityTable(0, new Array(131).fill(0.01), 1);
  for (const c of ref.gmdb) {
    it(`fee ${c.fee}: mean GMDB cost ${c.gmdb_cost.toFixed(4)} and TVFOG ${c.tvfog.toFixed(4)} within 3 standard errors`, () => {
      const v = valueVaBlock(block(c.fee, GUARANTEE.RETURN_OF_PREMIUM, GUARANTEE.NONE, 0, mortality), economy());
      const cost = tvfogEstimate(v.stochastic.gmdb, 0, true);
      expect(Math.abs(cost.meanStochastic - c.gmdb_cost)).toBeLessThan(3 * cost.standardError);
      expect(cost.standardError).toBeLessThan(0.02 * c.gmdb_cost);
      expect(Math.abs((v.ce.gmdb[0] as number) - c.ce_cost)).toBeLessThan(1e-9);
      expect(Math.abs(v.estimate.tvfog - c.tvfog)).toBeLessThan(3 * v.estimate.standardError);
    });
  }
});

describe("the estimate", () => {
  it("mean − CE, SE = sd/√n (n − 1 in the variance), 95% interval ± 1.959964 SE", () => {
    const e = tvfogEstimate([1, 2, 3, 4, 5], 2.5);
    expect(e.tvfog).toBe(0.5);
    expect(e.standardError).toBeCloseTo(Math.sqrt(2.5 / 5), 15);
    expect(e.lower).toBeCloseTo(0.5 - Z95 * Math.sqrt(0.5), 14);
    expect(e.upper).toBeCloseTo(0.5 + Z95 * Math.sqrt(0.5), 14);
    expect(e.scenarios).toBe(5);
    expect(e.draws).toBe(5);
  });

  it("antithetic: the SE of the pair means, over n/2 draws", () => {
    const e = tvfogEstimate([1, 3, 2, 6, 0, 0], 0, true);
    // pair means 2, 4, 0: mean 2, sample variance 4, SE = √(4/3)
    expect(e.tvfog).toBe(2);
    expect(e.draws).toBe(3);
    expect(e.standardError).toBeCloseTo(Math.sqrt(4 / 3), 15);
  });

  it("a positive TVFOG (noise on out-of-the-money guarantees) is reported as it is, not clamped", () => {
    const e = tvfogEstimate([-1, 1.2, 0.3, -0.2], 0);
    expect(e.tvfog).toBeGreaterThan(0);
    expect(e.lower).toBeLessThan(0);
  });

  it("bad input names the argument; never NaN", () => {
    expect(() => tvfogEstimate([], 0)).toThrow(/stochastic_pvs: has 0 values; a standard error needs at least 2/);
    expect(() => tvfogEstimate([1], 0)).toThrow(/stochastic_pvs/);
    expect(() => tvfogEstimate([1, Number.NaN, 2], 0)).toThrow(/stochastic_pvs \(value 2\): NaN is not a finite present value/);
    expect(() => tvfogEstimate([1, 2], Number.POSITIVE_INFINITY)).toThrow(/ce_pv: Infinity is not a finite present value/);
    expect(() => tvfogEstimate([1, 2, 3], 0, true)).toThrow(/stochastic_pvs: has 3 values; antithetic pairs need an even number/);
    expect(() => tvfogEstimate([1, 2], 0, true)).toThrow(/at least 2 independent pairs/);
    expect(() => tvfogEstimate([1e308, 1e308, -1e308], 0)).toThrow(/overflows/);
  });
});

describe("the shared scenario cache", () => {
  it("one simulation per set of inputs; a longer set serves a shorter request when the curve has a key", () => {
    clearVaScenarios();
    const spec = { curve: flat, curveKey: "flat", a: 0.1, sigma: 0.01, equityVol: 0.2, correlation: -0.4, scenarios: 20, years: 5, seed: 3 };
    const a = vaScenarios(spec);
    expect(vaScenarios(spec)).toBe(a);
    expect(vaScenarios({ ...spec, years: 3 })).toBe(a);
    const longer = vaScenarios({ ...spec, years: 8 });
    expect(longer).not.toBe(a);
    expect(longer.steps).toBe(96);
    // the first 5 years of the longer set are the shorter set (paths do not depend on the years asked)
    for (let k = 0; k < a.returns.length; k++) expect(longer.returns[k]).toBe(a.returns[k]);
    expect(vaScenarios({ ...spec, years: 5 })).toBe(longer);
    expect(cachedVaScenarioSets()).toBe(1);
    vaScenarios({ ...spec, seed: 4 });
    vaScenarios(spec, 0.5);
    expect(cachedVaScenarioSets()).toBe(3);
    expect(() => vaScenarios(spec, 1.5)).toThrow(/equity_share: 1.5 is not a share/);
  });
});
