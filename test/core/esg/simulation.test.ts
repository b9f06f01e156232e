import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCurve } from "../../../src/core/curves";
import { BrownianBridge } from "../../../src/core/esg/brownianBridge";
import { equityVolCurve, totalVariance, volPieces } from "../../../src/core/esg/equityVol";
import { bFactor, cholesky3, convexity, integralB, integralBSquared, stepCovariance } from "../../../src/core/esg/gaussianStep";
import {
  bankAccountReturns,
  bondPrices,
  equityTotalReturns,
  scenarioKey,
  scenarioNormals,
  simulateScenarios,
  simulateSlice,
  toInvestmentScenarios,
  type ScenarioSet,
  type ScenarioSpec,
} from "../../../src/core/esg/simulation";
import { SOBOL_MAX_DIMENSION, SobolSequence } from "../../../src/core/esg/sobol";
import { inverseNormalCdf, Xoshiro256StarStar } from "../../../src/core/random";
import { mcevErrorOf } from "../../helpers";

/** USD swap zero curve at 31/12/2011, seed 003 Table 10 (examples/curves/swap-zero-2011-12-31.csv). */
const USD_2011 = { terms: [5, 10, 15, 20, 25, 30], rates: [0.0124, 0.0209, 0.0251, 0.0264, 0.027, 0.0274] };
const usd = fitCurve(USD_2011);

const reference = JSON.parse(readFileSync(join(__dirname, "..", "..", "reference", "quantlib-sobol.json"), "utf8")) as {
  sobol: { dimension: number; firstPoints: { from: number; points: number[][] }; laterPoints: { n: number; point: number[] }[] };
  brownianBridge: { steps: number; z: number[]; increments: number[] }[];
};

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/** Composite Simpson's rule, an independent check of the closed forms. */
function simpson(f: (u: number) => number, from: number, to: number, n = 20_000): number {
  const h = (to - from) / n;
  let s = f(from) + f(to);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return (s * h) / 3;
}

/** x(t_k) = r(t_k) − α(t_k) and ∫_0^{t_k} x = −ln D(t_k) + ln P(0, t_k) − c(t_k), per scenario. */
function factorAt(set: ScenarioSet, k: number): { x: Float64Array; ix: Float64Array } {
  const w = set.steps + 1;
  const x = new Float64Array(set.count);
  const ix = new Float64Array(set.count);
  const c = convexity(set.spec.a, set.spec.sigma, set.times[k] as number);
  for (let s = 0; s < set.count; s++) {
    x[s] = (set.shortRate[s * w + k] as number) - (set.alpha[k] as number);
    ix[s] = -(set.lnDeflator[s * w + k] as number) + (set.lnDiscount[k] as number) - c;
  }
  return { x, ix };
}

/** Σv²/n and Σuv/n: second moments about the known mean 0. */
const meanSquare = (v: Float64Array): number => v.reduce((s, x) => s + x * x, 0) / v.length;
const meanProduct = (u: Float64Array, v: Float64Array): number => u.reduce((s, x, i) => s + x * (v[i] as number), 0) / u.length;

/** FNV-1a (32-bit) over the bytes of doubles: a checksum of simulated values. */
function fnv1a(values: Float64Array): string {
  const bytes = new Uint8Array(Float64Array.from(values).buffer);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

describe("Sobol' points (Joe–Kuo new-joe-kuo-6, 32 dimensions)", () => {
  it("equal QuantLib 1.29's SobolRsg(32, JoeKuoD6) bit for bit: points 1..100 and far out", () => {
    const seq = new SobolSequence(SOBOL_MAX_DIMENSION);
    expect(SOBOL_MAX_DIMENSION).toBe(reference.sobol.dimension);
    const out = new Uint32Array(32);
    reference.sobol.firstPoints.points.forEach((point, i) => expect(Array.from(seq.pointInt(i + 1, out))).toEqual(point));
    for (const { n, point } of reference.sobol.laterPoints) expect(Array.from(seq.pointInt(n, out))).toEqual(point);
    // point 0 is the origin; doubles are the integers × 2^-32
    expect(Array.from(seq.pointInt(0, out))).toEqual(new Array(32).fill(0));
    expect(seq.point(3, new Float64Array(32))[0]).toBe(0.25);
  });

  it("the first 2^m points of each coordinate are the 2^m multiples of 2^-m (a (0, m, 1)-net)", () => {
    const seq = new SobolSequence(32);
    const out = new Uint32Array(32);
    const m = 10;
    for (let j = 0; j < 32; j++) {
      const seen = new Set<number>();
      for (let n = 0; n < 2 ** m; n++) seen.add(seq.pointInt(n, out)[j] as number >>> (32 - m));
      expect(seen.size).toBe(2 ** m);
    }
  });

  it("refuses dimensions beyond the table and bad indices", () => {
    expect(mcevErrorOf(() => new SobolSequence(33)).argument).toBe("dimension");
    expect(mcevErrorOf(() => new SobolSequence(4).pointInt(-1, new Uint32Array(4))).argument).toBe("n");
  });
});

describe("Brownian bridge", () => {
  it("equals QuantLib 1.29's BrownianBridge(n).transform on the unit grid to 1e-14", () => {
    for (const c of reference.brownianBridge) {
      const bridge = new BrownianBridge(c.steps);
      const out = new Float64Array(c.steps);
      bridge.increments(c.z, 0, 1, out, 0, 1, new Float64Array(c.steps));
      c.increments.forEach((v, i) => expect(Math.abs((out[i] as number) - v)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(v))));
    }
  });

  it("is an orthogonal map: unit vectors go to orthonormal increments, and strided input/output work", () => {
    for (const n of [1, 7, 12, 64, 100]) {
      const bridge = new BrownianBridge(n);
      const m: Float64Array[] = [];
      for (let i = 0; i < n; i++) {
        const z = new Float64Array(2 * n);
        z[2 * i] = 1;
        const out = new Float64Array(3 * n);
        bridge.increments(z, 0, 2, out, 1, 3, new Float64Array(n));
        m.push(Float64Array.from({ length: n }, (_, k) => out[1 + 3 * k] as number));
      }
      // Σ_i M[k][i] M[l][i] = δ_kl: the increments' covariance is the identity
      for (let k = 0; k < n; k++) {
        for (let l = 0; l < n; l++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += (m[i]?.[k] as number) * (m[i]?.[l] as number);
          expect(Math.abs(s - (k === l ? 1 : 0))).toBeLessThanOrEqual(1e-13);
        }
      }
      // the first normal alone moves every step by 1/√n (the end point W(n) = √n z₀)
      expect(m[0]?.every((v) => Math.abs(v - 1 / Math.sqrt(n)) < 1e-14)).toBe(true);
    }
  });
});

describe("moments of the exact step (closed forms vs quadrature)", () => {
  it("H(τ) = ∫B and ∫B² agree with Simpson's rule on both sides of the series switch (aτ = 1) and tend to Ho–Lee", () => {
    for (const a of [1e-9, 1e-4, 0.01, 0.05, 0.3, 1, 3]) {
      for (const tau of [1 / 12, 0.5, 1, 10, 30]) {
        const b = (u: number) => bFactor(a, u);
        expect(rel(integralB(a, tau), simpson(b, 0, tau))).toBeLessThanOrEqual(1e-12);
        expect(rel(integralBSquared(a, tau), simpson((u) => b(u) ** 2, 0, tau))).toBeLessThanOrEqual(1e-12);
      }
    }
    // continuity across aτ = 1, and the a → 0 limits τ²/2 and τ³/3
    const below = integralBSquared(0.1, 10 * (1 - 1e-12));
    const above = integralBSquared(0.1, 10);
    expect(rel(below, above)).toBeLessThanOrEqual(1e-11);
    expect(rel(integralB(1e-12, 30), 450)).toBeLessThanOrEqual(1e-10);
    expect(rel(integralBSquared(1e-12, 30), 9000)).toBeLessThanOrEqual(1e-10);
  });

  it("the step covariance: Cov(ξx, ξI) = σ²B(Δ)²/2 against quadrature of σ² e^{−a(Δ−u)} B(Δ−u); equity terms piecewise", () => {
    const a = 0.07;
    const sigma = 0.012;
    const rho = -0.4;
    const dt = 0.25;
    const c = stepCovariance(a, sigma, rho, 2, dt, [{ from: 2, to: 2.1, vol: 0.2 }, { from: 2.1, to: 2.25, vol: 0.3 }]);
    const kx = (u: number) => Math.exp(-a * (dt - u));
    const kI = (u: number) => bFactor(a, dt - u);
    expect(rel(c[0] as number, sigma ** 2 * simpson((u) => kx(u) ** 2, 0, dt))).toBeLessThan(1e-12);
    expect(rel(c[1] as number, sigma ** 2 * simpson((u) => kx(u) * kI(u), 0, dt))).toBeLessThan(1e-12);
    expect(rel(c[2] as number, sigma ** 2 * simpson((u) => kI(u) ** 2, 0, dt))).toBeLessThan(1e-12);
    // σ_S = 0.2 on the first 0.1 of the step, 0.3 on the rest
    const piece = (k: (u: number) => number) => 0.2 * simpson(k, 0, 0.1) + 0.3 * simpson(k, 0.1, dt);
    expect(rel(c[3] as number, rho * sigma * piece(kx))).toBeLessThan(1e-12);
    expect(rel(c[4] as number, rho * sigma * piece(kI))).toBeLessThan(1e-12);
    expect(rel(c[5] as number, 0.2 ** 2 * 0.1 + 0.3 ** 2 * 0.15)).toBeLessThan(1e-14);
  });

  it("cholesky3 reproduces the covariance; a perfectly dependent equity (|ρ| = 1, flat vol) gets a zero last pivot", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 2, noNaN: true }), fc.double({ min: 0.001, max: 0.05, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, sigma, rho, vol) => {
        const c = stepCovariance(a, sigma, rho, 1, 1 / 12, [{ from: 1, to: 1 + 1 / 12, vol }]);
        const l = cholesky3(c);
        const [l00, l10, l11, l20, l21, l22] = Array.from(l) as [number, number, number, number, number, number];
        const back = [l00 * l00, l10 * l00, l10 * l10 + l11 * l11, l20 * l00, l20 * l10 + l21 * l11, l20 * l20 + l21 * l21 + l22 * l22];
        back.forEach((v, i) => expect(Math.abs(v - (c[i] as number))).toBeLessThanOrEqual(1e-12 * Math.max(c[0] as number, c[2] as number, c[5] as number, 1e-300)));
      }),
    );
    // ξ_S = σ_S W-increment = σ_S (ξx + a ξI)/σ when ρ = 1: in the span of (ξx, ξI)
    const l = cholesky3(stepCovariance(0.1, 0.01, 1, 0, 1 / 12, [{ from: 0, to: 1 / 12, vol: 0.25 }]));
    expect(l[5]).toBe(0);
  });

  it("equity vol by term: piecewise-constant instantaneous vol whose total variance at each term is v²T", () => {
    const curve = equityVolCurve({ terms: [1, 2, 5], vols: [0.3, 0.28, 0.25] });
    expect(totalVariance(curve, 1)).toBeCloseTo(0.09, 15);
    expect(totalVariance(curve, 2)).toBeCloseTo(0.28 ** 2 * 2, 15);
    expect(totalVariance(curve, 5)).toBeCloseTo(0.25 ** 2 * 5, 15);
    // beyond the last term the last piece's vol is held
    const last = Math.sqrt((0.25 ** 2 * 5 - 0.28 ** 2 * 2) / 3);
    expect(totalVariance(curve, 7) - totalVariance(curve, 5)).toBeCloseTo(last * last * 2, 15);
    expect(volPieces(curve, 0.9, 2.1).map((p) => [p.from, p.to])).toEqual([[0.9, 1], [1, 2], [2, 2.1]]);
    expect(mcevErrorOf(() => equityVolCurve({ terms: [1, 2], vols: [0.3, 0.2] })).message).toMatch(/^equity_vol: the total variance v²T falls/);
    expect(mcevErrorOf(() => equityVolCurve({ terms: [1, 1], vols: [0.3, 0.3] })).argument).toBe("equity_vol");
  });
});

const EXAMPLE: ScenarioSpec = { curve: usd, curveHorizon: 30, a: 0.02, sigma: 0.0115, equityVol: 0.263, correlation: -0.4, scenarios: 10_000, years: 30, seed: 2011 };

describe("exact simulation: distributions", () => {
  it("σ → 0 and σ_S = 0: D(t) = P(0, t) to 1e-10 at every month, r(t) = f(0, t), S(t) = e^{−qt}/P(0, t)", () => {
    const set = simulateScenarios({ ...EXAMPLE, sigma: 1e-12, equityVol: 0, dividendYield: 0.015, scenarios: 4 });
    const w = set.steps + 1;
    let worstD = 0;
    let worstR = 0;
    let worstS = 0;
    for (let s = 0; s < set.count; s++) {
      for (let k = 0; k <= set.steps; k++) {
        const t = set.times[k] as number;
        const p = usd.discount(t);
        worstD = Math.max(worstD, rel(Math.exp(set.lnDeflator[s * w + k] as number), p));
        worstR = Math.max(worstR, Math.abs((set.shortRate[s * w + k] as number) - usd.forwardIntensity(t)));
        worstS = Math.max(worstS, rel(set.equity[s * w + k] as number, Math.exp(-0.015 * t) / p));
      }
    }
    expect(worstD).toBeLessThanOrEqual(1e-10);
    expect(worstR).toBeLessThanOrEqual(1e-10);
    expect(worstS).toBeLessThanOrEqual(1e-10);
  });

  it("Var x(T), Var ∫x, their covariance and the equity's log variance and covariance with x match the closed forms (10,000 independent scenarios)", () => {
    const spec: ScenarioSpec = { ...EXAMPLE, a: 0.08, sigma: 0.012, years: 20, antithetic: false, equityVol: { terms: [1, 5, 10], vols: [0.3, 0.27, 0.25] } };
    const set = simulateScenarios(spec);
    const n = set.count;
    const { a, sigma, correlation: rho } = spec;
    const vol = equityVolCurve(spec.equityVol);
    const w = set.steps + 1;
    // n·s²/v ~ χ²(n): sd of s²/v is √(2/n) = 1.4%; allow 4 sd. For products, sd of the sample second moment
    // of (u, v) is √((Var u Var v + Cov²)/n): allow 4 of those.
    const tol = 4 * Math.sqrt(2 / n);
    for (const T of [1, 5, 10, 20]) {
      const k = T * 12;
      const { x, ix } = factorAt(set, k);
      const vx = (sigma ** 2 * -Math.expm1(-2 * a * T)) / (2 * a);
      const vI = sigma ** 2 * integralBSquared(a, T);
      const cxI = sigma ** 2 * simpson((u) => Math.exp(-a * (T - u)) * bFactor(a, T - u), 0, T);
      expect(Math.abs(meanSquare(x) / vx - 1)).toBeLessThan(tol);
      expect(Math.abs(meanSquare(ix) / vI - 1)).toBeLessThan(tol);
      expect(Math.abs(meanProduct(x, ix) - cxI)).toBeLessThan(4 * Math.sqrt((vx * vI + cxI * cxI) / n));
      // ln(D S) = −½∫σ_S² + ∫σ_S dW_S: variance ∫σ_S², covariance with x(T) ρσ∫σ_S(u) e^{−a(T−u)} du
      const vS = totalVariance(vol, T);
      const y = new Float64Array(n);
      for (let s = 0; s < n; s++) y[s] = (set.lnDeflator[s * w + k] as number) + Math.log(set.equity[s * w + k] as number) + 0.5 * vS;
      expect(Math.abs(meanSquare(y) / vS - 1)).toBeLessThan(tol);
      const cxS = rho * sigma * volPieces(vol, 0, T).reduce((acc, p) => acc + p.vol * (bFactor(a, T - p.from) - bFactor(a, T - p.to)), 0);
      expect(cxS).toBeLessThan(0);
      expect(Math.abs(meanProduct(x, y) - cxS)).toBeLessThan(4 * Math.sqrt((vx * vS + cxS * cxS) / n));
    }
  });

  it("the deflator has no discretisation bias: annual and monthly steps give the same distribution at whole years", () => {
    // Same seed, different steps: not the same paths, but the same law. E[D(T)] vs P(0,T) is checked in
    // martingale.test.ts; here the sample variance of ln D(10) at 1 and 12 steps a year against its closed form.
    for (const stepsPerYear of [1, 12]) {
      const set = simulateScenarios({ ...EXAMPLE, years: 10, stepsPerYear, antithetic: false, scenarios: 8000 });
      const { ix } = factorAt(set, 10 * stepsPerYear);
      expect(Math.abs(meanSquare(ix) / (EXAMPLE.sigma ** 2 * integralBSquared(EXAMPLE.a, 10)) - 1)).toBeLessThan(4 * Math.sqrt(2 / 8000));
    }
  });
});

describe("random numbers: antithetic pairs, determinism, slices", () => {
  const small: ScenarioSpec = { ...EXAMPLE, a: 0.05, sigma: 0.01, equityVol: 0.2, scenarios: 4, years: 2, seed: 20111231 };

  it("antithetic pairs are exact mirror images of the normals, and the paths follow from them", () => {
    for (const generator of ["PSEUDO", "SOBOL"] as const) {
      const spec = { ...small, generator, scenarios: 6 };
      const set = simulateScenarios(spec);
      const w = set.steps + 1;
      for (let p = 0; p < 3; p++) {
        const z0 = scenarioNormals(spec, 2 * p);
        const z1 = scenarioNormals(spec, 2 * p + 1);
        expect(z0.length).toBe(3 * set.steps);
        for (let i = 0; i < z0.length; i++) expect(z1[i]).toBe(-(z0[i] as number));
        // x and ∫x are linear in the normals: the pair's factors cancel (to rounding in r = x + α)
        for (let k = 1; k <= set.steps; k++) {
          const x0 = (set.shortRate[2 * p * w + k] as number) - (set.alpha[k] as number);
          const x1 = (set.shortRate[(2 * p + 1) * w + k] as number) - (set.alpha[k] as number);
          expect(Math.abs(x0 + x1)).toBeLessThan(1e-16);
          const lnPc = (set.lnDiscount[k] as number) - convexity(spec.a, spec.sigma, set.times[k] as number);
          expect(Math.abs((set.lnDeflator[2 * p * w + k] as number) + (set.lnDeflator[(2 * p + 1) * w + k] as number) - 2 * lnPc)).toBeLessThan(1e-13);
        }
      }
    }
  });

  it("the normals of scenario 0 are Φ⁻¹ of the seed's first substream, three per step, in order", () => {
    const z = scenarioNormals({ ...small, antithetic: false }, 0);
    const g = new Xoshiro256StarStar(small.seed as number);
    expect(Array.from(z.slice(0, 6))).toEqual(Array.from({ length: 6 }, () => inverseNormalCdf(g.nextOpenDouble())));
    // scenario 3 (no pairs) starts on the generator jumped three times
    const j = new Xoshiro256StarStar(small.seed as number);
    j.jump();
    j.jump();
    j.jump();
    expect(scenarioNormals({ ...small, antithetic: false }, 3)[0]).toBe(inverseNormalCdf(j.nextOpenDouble()));
  });

  it("a committed checksum of the first scenarios (seed 20111231): identical run to run, and in any engine with the same Math.exp/log", () => {
    const set = simulateScenarios(small);
    const w = set.steps + 1;
    const first = (a: Float64Array) => a.slice(0, 2 * w);
    expect([fnv1a(first(set.shortRate)), fnv1a(first(set.lnDeflator)), fnv1a(first(set.equity))]).toEqual(["3095229f", "eac98d38", "098a081f"]);
    expect([set.shortRate[1], set.lnDeflator[12], set.equity[24]]).toEqual([0.003143315126960567, -0.010918766476193678, 0.9787238000033397]);
    const again = simulateScenarios(small);
    expect(again.shortRate).toEqual(set.shortRate);
    expect(again.equity).toEqual(set.equity);
  });

  it("slices are bit-identical to the full run; a scenario does not depend on the number of scenarios (nor, PSEUDO, of years)", () => {
    for (const generator of ["PSEUDO", "SOBOL"] as const) {
      const spec = { ...small, scenarios: 10, generator };
      const full = simulateScenarios(spec);
      const w = full.steps + 1;
      const slice = simulateSlice(spec, 4, 8);
      expect(slice.first).toBe(4);
      expect(slice.equity).toEqual(full.equity.slice(4 * w, 8 * w));
      expect(slice.lnDeflator).toEqual(full.lnDeflator.slice(4 * w, 8 * w));
      const more = simulateScenarios({ ...spec, scenarios: 20 });
      expect(more.shortRate.slice(0, 10 * w)).toEqual(full.shortRate);
      if (generator === "PSEUDO") {
        // the Brownian bridge of SOBOL spans the whole horizon, so there the years matter
        const longer = simulateScenarios({ ...spec, years: 3 });
        const w3 = longer.steps + 1;
        for (let s = 0; s < 10; s++) expect(longer.shortRate.slice(s * w3, s * w3 + w)).toEqual(full.shortRate.slice(s * w, (s + 1) * w));
      }
    }
    expect(mcevErrorOf(() => simulateSlice(small, 1, 3)).argument).toBe("scenarios");
  });

  it("different seeds give different scenarios; SOBOL differs from PSEUDO", () => {
    const a = simulateScenarios(small);
    const b = simulateScenarios({ ...small, seed: 20111232 });
    const c = simulateScenarios({ ...small, generator: "SOBOL" });
    expect(a.equity[5]).not.toBe(b.equity[5]);
    expect(a.equity[5]).not.toBe(c.equity[5]);
  });
});

describe("scenarios inside: bond prices, returns for the savings engine, cache key", () => {
  const spec: ScenarioSpec = { ...EXAMPLE, scenarios: 200, years: 5, dividendYield: 0.02 };
  const set = simulateScenarios(spec);
  const w = set.steps + 1;

  it("P(t, T) in a scenario is HullWhite's closed form in its short rate; P(T, T) = 1", () => {
    const k = 30;
    const prices = bondPrices(set, k, 12.5);
    for (const s of [0, 7, 199]) expect(prices[s]).toBe(set.model.bondPrice(2.5, 12.5, set.shortRate[s * w + k] as number));
    expect(Array.from(bondPrices(set, k, 2.5)).every((p) => Math.abs(p - 1) < 1e-15)).toBe(true);
    expect(mcevErrorOf(() => bondPrices(set, k, 2)).argument).toBe("maturity");
  });

  it("toInvestmentScenarios: equity total returns and bank-account returns compound back to the arrays; deflators D(t_k) at the start of each month", () => {
    const inv = toInvestmentScenarios(set);
    expect([inv.count, inv.steps, inv.returns.length, inv.deflators?.length]).toEqual([200, 60, 200 * 60, 200 * 60]);
    const cash = toInvestmentScenarios(set, 0);
    const eq = equityTotalReturns(set);
    const bank = bankAccountReturns(set);
    expect(inv.returns).toEqual(eq);
    expect(cash.returns).toEqual(bank);
    for (const s of [0, 1, 123]) {
      let growthE = 1;
      let growthB = 1;
      for (let k = 0; k < 60; k++) {
        expect(inv.deflators?.[s * 60 + k]).toBe(Math.exp(set.lnDeflator[s * w + k] as number));
        growthE *= 1 + (inv.returns[s * 60 + k] as number);
        growthB *= 1 + (cash.returns[s * 60 + k] as number);
      }
      // total return = price × e^{qT}; the bank account is 1/D(T)
      expect(rel(growthE, (set.equity[s * w + 60] as number) * Math.exp(0.02 * 5))).toBeLessThan(1e-13);
      expect(rel(growthB, Math.exp(-(set.lnDeflator[s * w + 60] as number)))).toBeLessThan(1e-13);
    }
    const mix = toInvestmentScenarios(set, 0.6);
    expect(mix.returns[17]).toBeCloseTo(0.6 * (eq[17] as number) + 0.4 * (bank[17] as number), 16);
    expect(mcevErrorOf(() => toInvestmentScenarios(set, 1.5)).argument).toBe("equityShare");
    expect(mcevErrorOf(() => toInvestmentScenarios(simulateScenarios({ ...spec, stepsPerYear: 4 }))).argument).toBe("steps_per_year");
  });

  it("scenarioKey: deterministic, the same for a curve refitted from the same inputs, different for any changed input", () => {
    const key = scenarioKey(spec);
    expect(scenarioKey({ ...spec, curve: fitCurve(USD_2011) })).toBe(key);
    expect(key).toMatch(/^HW1F\+EQ\|grid:MONOTONECONVEX:[0-9a-f]{16}\|/);
    const changed: Partial<ScenarioSpec>[] = [
      { curve: fitCurve({ ...USD_2011, method: "LOGLINEAR" }) },
      { curve: usd.parallelShift(0.0001) },
      { a: 0.021 },
      { sigma: 0.0116 },
      { equityVol: 0.26 },
      { equityVol: { terms: [1], vols: [0.263] } },
      { correlation: -0.3 },
      { dividendYield: 0 },
      { scenarios: 202 },
      { years: 6 },
      { stepsPerYear: 4 },
      { seed: 2012 },
      { antithetic: false },
      { generator: "SOBOL" },
    ];
    const keys = new Set([key, ...changed.map((c) => scenarioKey({ ...spec, ...c }))]);
    expect(keys.size).toBe(changed.length + 1);
    expect(scenarioKey({ ...spec, curveKey: "USD|2011" })).toContain("|key:USD|2011|");
  });
});

describe("bad input is refused, naming the argument", () => {
  const cases: [string, Partial<ScenarioSpec>, RegExp][] = [
    ["sigma", { sigma: 0 }, /^sigma: 0 is not a volatility > 0/],
    ["sigma", { sigma: -0.01 }, /^sigma: /],
    ["a", { a: 0 }, /^a: 0 is not a mean reversion speed > 0/],
    ["a", { a: -0.1 }, /^a: /],
    ["equity_vol", { equityVol: -0.2 }, /^equity_vol: -0.2 is not a volatility >= 0/],
    ["equity_vol", { equityVol: { terms: [1, 2], vols: [0.2, -0.1] } }, /^equity_vol: -0.1 \(term 2\) is not a volatility/],
    ["equity_vol", { equityVol: Number.NaN }, /^equity_vol: /],
    ["correlation", { correlation: 1.5 }, /^correlation: 1.5 is not a correlation in \[−1, 1\]/],
    ["correlation", { correlation: -1.0001 }, /^correlation: /],
    ["scenarios", { scenarios: 1 }, /^scenarios: 1 is not a whole number of scenarios >= 2/],
    ["scenarios", { scenarios: 1001 }, /^scenarios: 1001 is odd; antithetic variates come in pairs/],
    ["scenarios", { scenarios: 100_000, years: 30 }, /^scenarios: .* values per array/],
    ["years", { years: 31 }, /^years: 31 is beyond the curve's last term 30/],
    ["years", { years: 0 }, /^years: 0 is not a whole number of years/],
    ["years", { years: 2.5 }, /^years: /],
    ["dividend_yield", { dividendYield: Number.POSITIVE_INFINITY }, /^dividend_yield: /],
    ["steps_per_year", { stepsPerYear: 0 }, /^steps_per_year: /],
    ["seed", { seed: 1.5 }, /^seed: /],
    ["generator", { generator: "HALTON" as never }, /^generator: "HALTON" is not PSEUDO or SOBOL/],
  ];
  it.each(cases)("%s: %j", (argument, change, message) => {
    const e = mcevErrorOf(() => simulateScenarios({ ...EXAMPLE, scenarios: 4, ...change }));
    expect(e.argument).toBe(argument);
    expect(e.code).toBe("VALUE");
    expect(e.message).toMatch(message);
  });

  it("odd scenario counts are fine without antithetic variates; 2 scenarios is the minimum", () => {
    expect(simulateScenarios({ ...EXAMPLE, scenarios: 3, years: 1, antithetic: false }).count).toBe(3);
    expect(simulateScenarios({ ...EXAMPLE, scenarios: 2, years: 1 }).count).toBe(2);
  });

  it("a curve that cannot give a discount factor over the horizon is refused on years", () => {
    // a steeply negative curve extrapolated far: ln P grows without bound but stays finite — accepted;
    // Smith–Wilson within its range is fine as well. A horizon beyond the curve's last term is the refusal.
    const sw = fitCurve({ ...USD_2011, method: "SMITHWILSON", ufr: 0.042 });
    expect(simulateScenarios({ ...EXAMPLE, curve: sw, curveHorizon: undefined, years: 60, scenarios: 2, stepsPerYear: 1 }).count).toBe(2);
    expect(mcevErrorOf(() => simulateScenarios({ ...EXAMPLE, curveHorizon: 10, years: 11, scenarios: 2 })).argument).toBe("years");
  });
});

describe("the sign of the correlation", () => {
  it("ρ is between the equity and the short-rate factor: bond and equity returns then correlate at about −ρ (seed 003: −40% ⇒ ρ = +0.4)", () => {
    const set = simulateScenarios({ curve: usd, curveHorizon: 30, a: 0.0199738, sigma: 0.0115419, equityVol: 0.263, correlation: 0.4, scenarios: 10_000, years: 2, seed: 0 });
    const k = 12;
    const bonds = bondPrices(set, k, 11);
    const s = set.steps + 1;
    const x = Array.from(bonds, (p) => Math.log(p));
    const y = Array.from({ length: set.count }, (_, i) => Math.log(set.equity[i * s + k] as number));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(x), mean(y)];
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    x.forEach((xi, i) => {
      sxy += (xi - mx) * ((y[i] as number) - my);
      sxx += (xi - mx) ** 2;
      syy += ((y[i] as number) - my) ** 2;
    });
    const corr = sxy / Math.sqrt(sxx * syy);
    // the bond's return is −B·σ dW, the equity's σ_S dW_S: corr ≈ −ρ (slightly more negative: the equity's
    // drift r is itself −correlated with the bond); 10,000 scenarios: sampling error about 0.01
    expect(corr).toBeLessThan(-0.36);
    expect(corr).toBeGreaterThan(-0.47);
  });
});
