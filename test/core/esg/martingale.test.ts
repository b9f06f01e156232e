import { describe, expect, it } from "vitest";
import { fitCurve } from "../../../src/core/curves";
import { martingaleTests, meanAndError, swaptionTests } from "../../../src/core/esg/martingale";
import { simulateScenarios, type ScenarioSpec } from "../../../src/core/esg/simulation";
import { mcevErrorOf } from "../../helpers";

/**
 * USD swap zero curve at 31/12/2011, seed 003 Table 10; (a, σ) near the calibration to Table 12. Seed 0
 * is the generator's default. A run holds about 80 correlated 95% tests, so some seeds show a failure
 * or two by chance (seed 2011: the 3-year deflator at z = 2.1); the coverage test below checks that
 * the intervals hold 95% of the time.
 */
const USD_2011 = { terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] };
const usd = fitCurve(USD_2011);
const EXAMPLE: ScenarioSpec = { curve: usd, curveHorizon: 30, a: 0.02, sigma: 0.0115, equityVol: 0.263, correlation: -0.4, scenarios: 10_000, years: 30, seed: 0 };
const TABLE_12_EXPIRIES = [1, 2, 3, 4, 5, 7, 10];

describe("mean and standard error", () => {
  it("independent values: sd/√n; antithetic pairs: the sd of the pair means over √(n/2)", () => {
    const v = [1, 2, 3, 4];
    const plain = meanAndError(v, false);
    expect(plain.mean).toBe(2.5);
    expect(plain.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 15);
    // pair means 1.5 and 3.5: sd √2, two pairs
    const pairs = meanAndError(v, true);
    expect(pairs.mean).toBe(2.5);
    expect(pairs.se).toBeCloseTo(1, 15);
    // a perfectly hedged pair has no error
    expect(meanAndError([0.9, 1.1, 0.8, 1.2], true).se).toBe(0);
  });
});

describe("martingale tests on the seed's example (USD 31/12/2011, ρ = −40%, σ_S = 26.3%, 10,000 scenarios, 30 years monthly)", () => {
  for (const generator of ["PSEUDO", "SOBOL"] as const) {
    it(`${generator}: E[D(T)] = P(0, T), E[D(T)S(T)] = 1 and E[D(T)P(T, T+10)] = P(0, T+10) lie inside every 95% interval`, () => {
      const set = simulateScenarios({ ...EXAMPLE, generator });
      const report = martingaleTests(set);
      expect(report.level).toBe(0.95);
      expect(report.z).toBeCloseTo(1.959963984540054, 14);
      expect(report.zcb.map((r) => r.year)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(report.bonds.map((r) => r.year)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      for (const r of report.zcb) expect(r.expected).toBe(usd.discount(r.year));
      for (const r of report.equity) expect(r.expected).toBe(1);
      for (const r of report.bonds) expect(r.expected).toBe(usd.discount(r.year + 10));
      for (const r of [...report.zcb, ...report.equity, ...report.bonds]) {
        expect(r.pass, `${generator} year ${r.year}: ${r.mean} ± ${r.se} vs ${r.expected}`).toBe(true);
        expect(r.se).toBeGreaterThan(0);
        expect(r.lower).toBeCloseTo(r.mean - report.z * r.se, 15);
        expect(Math.abs(r.mean - r.expected)).toBeLessThan(report.z * r.se);
      }
      // the errors are those of a 10,000-scenario run: the 30-year deflator within a few tenths of a percent
      expect((report.zcb[29]?.se ?? 1) / (report.zcb[29]?.expected ?? 1)).toBeLessThan(0.01);
      expect(report.equity[29]?.se).toBeLessThan(0.03);
      if (generator === "PSEUDO") {
        // Monte Carlo at-the-money payer swaptions (Table 12 expiries, 10-year tenor) within 3 standard errors of Jamshidian's closed form
        const rows = swaptionTests(set, TABLE_12_EXPIRIES.map((expiry) => ({ expiry, tenor: 10 })));
        for (const r of rows) {
          expect(Math.abs(r.zScore), `${r.expiry}y × 10y: MC ${r.mean} ± ${r.se} vs ${r.closedForm}`).toBeLessThan(3);
          expect(r.closedForm).toBe(set.model.swaption(r.expiry, 10, r.strike, true, 1));
          expect(r.se / r.closedForm).toBeLessThan(0.02);
        }
      }
    });
  }

  it("swaptions at a higher volatility (σ = 2%, a = 10%), semi-annual fixed leg, within 3 standard errors", () => {
    const set = simulateScenarios({ ...EXAMPLE, a: 0.1, sigma: 0.02, years: 10, stepsPerYear: 4, seed: 7 });
    const rows = swaptionTests(set, [{ expiry: 1, tenor: 5 }, { expiry: 2.5, tenor: 5 }, { expiry: 5, tenor: 5 }], { freq: 2 });
    for (const r of rows) expect(Math.abs(r.zScore), `${r.expiry}: ${r.mean} ± ${r.se} vs ${r.closedForm}`).toBeLessThan(3);
  });
});

describe("the tests are calibrated and have power", () => {
  it("95% intervals cover the true value about 95% of the time (200 independent runs of 500 scenarios, pairs and without)", () => {
    for (const antithetic of [true, false]) {
      let zcb = 0;
      let equity = 0;
      const runs = 200;
      for (let seed = 1; seed <= runs; seed++) {
        const set = simulateScenarios({ ...EXAMPLE, scenarios: 500, years: 10, stepsPerYear: 1, seed, antithetic });
        const report = martingaleTests(set);
        if (report.zcb[9]?.pass) zcb++;
        if (report.equity[9]?.pass) equity++;
      }
      // binomial(200, 0.95): mean 190, sd 3.1; accept 4 sd below and anything up to 199
      for (const covered of [zcb, equity]) {
        expect(covered).toBeGreaterThanOrEqual(178);
        expect(covered).toBeLessThan(200);
      }
    }
  });

  it("scenarios tested against the wrong curve or the wrong dividend yield fail", () => {
    const set = simulateScenarios({ ...EXAMPLE, years: 20 });
    const shifted = martingaleTests({ ...set, spec: { ...set.spec, curve: usd.parallelShift(0.0025) } });
    expect(shifted.zcb.filter((r) => !r.pass).length).toBeGreaterThan(15);
    const dividends = martingaleTests({ ...set, spec: { ...set.spec, dividendYield: 0.02 } });
    expect(dividends.equity.filter((r) => !r.pass).length).toBeGreaterThan(10);
  });

  it("a dividend yield moves the equity test's target to S(0)e^{−qT}, and the scenarios meet it", () => {
    const report = martingaleTests(simulateScenarios({ ...EXAMPLE, dividendYield: 0.03, years: 10 }), { level: 0.99, bondTerm: 5 });
    expect(report.z).toBeCloseTo(2.5758293035489, 12);
    report.equity.forEach((r) => {
      expect(r.expected).toBe(Math.exp(-0.03 * r.year));
      expect(r.pass).toBe(true);
    });
    expect(report.bonds).toHaveLength(10);
  });

  it("refuses a bad level, bond term or swaption expiry", () => {
    const set = simulateScenarios({ ...EXAMPLE, scenarios: 4, years: 2 });
    expect(mcevErrorOf(() => martingaleTests(set, { level: 1.2 })).argument).toBe("level");
    expect(mcevErrorOf(() => martingaleTests(set, { bondTerm: 0 })).argument).toBe("bondTerm");
    expect(mcevErrorOf(() => swaptionTests(set, [{ expiry: 1.01, tenor: 5 }])).argument).toBe("expiry");
    expect(mcevErrorOf(() => swaptionTests(set, [{ expiry: 3, tenor: 5 }])).argument).toBe("expiry");
  });
});
