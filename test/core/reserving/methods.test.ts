import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ageToAgeFactors, chainLadder } from "../../../src/core/reserving/chainLadder";
import { benktander, bornhuetterFerguson, capeCod, lossRatioMethod } from "../../../src/core/reserving/expectedLoss";
import { premiumToBook, survivalRatio } from "../../../src/core/reserving/indicators";
import { bucketPayments, runoffByPeriod } from "../../../src/core/reserving/runoff";
import { makeTriangle, scaleTriangle } from "../../../src/core/reserving/triangle";
import { mcevErrorOf } from "../../helpers";
import { RAA_PATH, readTriangle } from "../../triangles";

const raa = readTriangle(RAA_PATH);
const premium = [40000, 40000, 45000, 48000, 48000, 50000, 45000, 45000, 50000, 50000];
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe("chain ladder on RAA (published: R ChainLadder, MackChainLadder(RAA) print, to units)", () => {
  const cl = chainLadder(raa);

  it("volume-weighted age-to-age factors", () => {
    // Mack (1994) / ChainLadder: 2.999 1.624 1.271 1.172 1.113 1.042 1.033 1.017 1.009
    expect(Array.from(cl.factors, (f) => Number(f.toFixed(3)))).toEqual([2.999, 1.624, 1.271, 1.172, 1.113, 1.042, 1.033, 1.017, 1.009]);
  });

  it("ultimates and IBNR by origin and in total", () => {
    expect(Array.from(cl.ultimate, Math.round)).toEqual([18834, 16858, 24083, 28703, 28927, 19501, 17749, 24019, 16045, 18402]);
    expect(Array.from(cl.ibnr, Math.round)).toEqual([0, 154, 617, 1636, 2747, 3649, 5435, 10907, 10650, 16339]);
    expect(Math.round(sum(cl.ibnr))).toBe(52135);
    expect(Math.round(sum(cl.ultimate))).toBe(213122);
  });

  it("a volume-weighted factor is the ratio of column sums (hand check of f_1)", () => {
    const c0 = [5012, 106, 3410, 5655, 1092, 1513, 557, 1351, 3133];
    const c1 = [8269, 4285, 8992, 11555, 9565, 6445, 4020, 6947, 5395];
    expect(cl.factors[0]).toBeCloseTo(sum(c1) / sum(c0), 15);
  });

  it("simple averages and the last-n-diagonals option", () => {
    const simple = ageToAgeFactors(raa, { average: "SIMPLE" });
    const ratios = [8269 / 5012, 4285 / 106, 8992 / 3410, 11555 / 5655, 9565 / 1092, 6445 / 1513, 4020 / 557, 6947 / 1351, 5395 / 3133];
    expect(simple[0]).toBeCloseTo(sum(ratios) / 9, 13);
    const last3 = ageToAgeFactors(raa, { periods: 3 });
    expect(last3[0]).toBeCloseTo((4020 + 6947 + 5395) / (557 + 1351 + 3133), 15);
    expect(last3[8]).toBe(cl.factors[8]); // only one origin informs the last factor
  });

  it("a tail factor multiplies every CDF", () => {
    const tailed = chainLadder(raa, { tail: 1.05 });
    tailed.cdf.forEach((k, i) => expect(k).toBeCloseTo((cl.cdf[i] as number) * 1.05, 13));
    expect(tailed.ibnr[0]).toBeCloseTo(18834 * 0.05, 9);
  });
});

describe("expected-loss methods", () => {
  const cl = chainLadder(raa);

  it("Bornhuetter–Ferguson: IBNR = premium × ELR × (1 − 1/CDF)", () => {
    const bf = bornhuetterFerguson(raa, premium, [0.55]);
    bf.ibnr.forEach((x, i) => expect(x).toBeCloseTo((premium[i] as number) * 0.55 * (1 - 1 / (cl.cdf[i] as number)), 9));
    bf.ultimate.forEach((u, i) => expect(u).toBeCloseTo((cl.latest[i] as number) + (bf.ibnr[i] as number), 9));
  });

  it("BF with the chain-ladder ultimate as a priori gives the chain ladder", () => {
    const elr = Array.from(cl.ultimate, (u, i) => u / (premium[i] as number));
    const bf = bornhuetterFerguson(raa, premium, elr);
    bf.ultimate.forEach((u, i) => expect(u / (cl.ultimate[i] as number)).toBeCloseTo(1, 13));
  });

  it("Benktander iterations tend to the chain ladder from any a priori", () => {
    const b2 = benktander(raa, premium, [0.55], 2);
    const b500 = benktander(raa, premium, [0.55], 500);
    b500.ultimate.forEach((u, i) => expect(u / (cl.ultimate[i] as number)).toBeCloseTo(1, 9));
    // Benktander (2 iterations) = Latest + q · BF ultimate (Mack 2000)
    const bf = bornhuetterFerguson(raa, premium, [0.55]);
    b2.ultimate.forEach((u, i) => expect(u).toBeCloseTo((cl.latest[i] as number) + (1 - 1 / (cl.cdf[i] as number)) * (bf.ultimate[i] as number), 9));
  });

  it("Cape Cod: one loss ratio Σ Latest / Σ (Premium / CDF) with decay 1", () => {
    const cc = capeCod(raa, premium);
    const used = premium.map((p, i) => p / (cl.cdf[i] as number));
    const elr = sum(cl.latest) / sum(used);
    cc.elr.forEach((x) => expect(x).toBeCloseTo(elr, 14));
    cc.ibnr.forEach((x, i) => expect(x).toBeCloseTo(elr * (premium[i] as number) * (1 - 1 / (cl.cdf[i] as number)), 8));
  });

  it("Cape Cod with decay 0 is the chain ladder", () => {
    const cc = capeCod(raa, premium, { decay: 0 });
    cc.ibnr.forEach((x, i) => expect(x).toBeCloseTo(cl.ibnr[i] as number, 8));
  });

  it("Cape Cod trend brings older losses to each origin's cost level", () => {
    const cc = capeCod(raa, premium, { trend: 0.05, decay: 0.5 });
    const used = premium.map((p, i) => p / (cl.cdf[i] as number));
    const i = 4;
    let num = 0;
    let den = 0;
    for (let j = 0; j < 10; j++) {
      num += 0.5 ** Math.abs(i - j) * (cl.latest[j] as number) * 1.05 ** (i - j);
      den += 0.5 ** Math.abs(i - j) * (used[j] as number);
    }
    expect(cc.elr[i]).toBeCloseTo(num / den, 13);
  });

  it("the loss ratio method ignores the experience", () => {
    const r = lossRatioMethod([1000, 2000], [0.6, 0.7], [500, 1600]);
    expect(Array.from(r.ultimate)).toEqual([600, 1400]);
    expect(Array.from(r.ibnr)).toEqual([100, -200]);
  });
});

describe("run-off of the reserve", () => {
  it("expected payments by future period add up to the chain-ladder reserve", () => {
    const pay = runoffByPeriod(raa);
    expect(pay).toHaveLength(9);
    expect(sum(pay)).toBeCloseTo(sum(chainLadder(raa).ibnr), 8);
    // period 1 = next diagonal: Σ_i C(i, k_i − 1) (f − 1)
    const cl = chainLadder(raa);
    let next = 0;
    for (let i = 1; i < 10; i++) next += (cl.latest[i] as number) * ((cl.factors[10 - i - 1] as number) - 1);
    expect(pay[0]).toBeCloseTo(next, 8);
  });

  it("with a tail, the tail's amount comes one period after the last development period", () => {
    const pay = runoffByPeriod(raa, 1.05);
    expect(pay).toHaveLength(10);
    expect(sum(pay)).toBeCloseTo(sum(chainLadder(raa, { tail: 1.05 }).ibnr), 8);
  });

  it("buckets: within 1, 1–3, 3–5, over 5 years; quarterly periods fall by the year they end in", () => {
    const b = bucketPayments([10, 20, 30, 40, 50, 60, 70]);
    expect(Array.from(b)).toEqual([10, 50, 90, 130]);
    const quarters = Array.from({ length: 24 }, () => 1);
    expect(Array.from(bucketPayments(quarters, [1, 3, 5], 4))).toEqual([4, 8, 8, 4]);
  });
});

describe("indicators", () => {
  it("survival ratio = reserves / mean of the last three years' payments", () => {
    expect(survivalRatio(1200, [95, 110, 105, 100, 98])).toBeCloseTo(1200 / ((105 + 100 + 98) / 3), 14);
    expect(mcevErrorOf(() => survivalRatio(100, [1, 2])).message).toMatch(/^paid: has 2 calendar years/);
    expect(mcevErrorOf(() => survivalRatio(100, [5, 0, 0, 0])).message).toMatch(/add up to 0/);
  });
  it("premium to book = EGPI − premium received", () => {
    expect(premiumToBook(1_500_000, 1_125_000)).toBe(375_000);
  });
});

describe("properties", () => {
  it("scaling the triangle scales every amount (factors unchanged)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (k) => {
        const s = scaleTriangle(raa, k);
        const a = chainLadder(raa);
        const b = chainLadder(s);
        b.factors.forEach((f, j) => expect(f).toBeCloseTo(a.factors[j] as number, 12));
        expect(sum(b.ibnr) / (k * sum(a.ibnr))).toBeCloseTo(1, 12);
        const bfA = bornhuetterFerguson(raa, premium, [0.6]);
        const bfB = bornhuetterFerguson(s, premium.map((p) => p * k), [0.6]);
        expect(sum(bfB.ibnr) / (k * sum(bfA.ibnr))).toBeCloseTo(1, 12);
      }),
      { numRuns: 50 },
    );
  });

  it("a fully developed triangle has zero IBNR under every method", () => {
    const full = makeTriangle([
      [100, 150, 160],
      [110, 170, 180],
      [90, 120, 130],
    ]);
    expect(Array.from(chainLadder(full).ibnr)).toEqual([0, 0, 0]);
    expect(Array.from(bornhuetterFerguson(full, [200, 200, 200], [0.7]).ibnr)).toEqual([0, 0, 0]);
    expect(Array.from(capeCod(full, [200, 200, 200]).ibnr)).toEqual([0, 0, 0]);
    expect(Array.from(runoffByPeriod(full))).toEqual([]);
  });
});

describe("bad input names the cell", () => {
  const u = undefined;
  it("a value after a blank (ragged row)", () => {
    const e = mcevErrorOf(() => makeTriangle([[1, 2, 3], [4, u, 6], [7, u, u]]));
    expect(e.message).toMatch(/has a value after a blank in origin 2/);
    expect(e.index).toBe(5);
  });
  it("a newer origin more developed than an older one (not a triangle)", () => {
    const e = mcevErrorOf(() => makeTriangle([[1, 2, u], [4, 5, 6], [7, u, u]]));
    expect(e.message).toMatch(/origin 2 has 3 development periods but the older origin 1 has 2/);
  });
  it("a single row, a single column", () => {
    expect(mcevErrorOf(() => makeTriangle([[1, 2, 3]])).message).toMatch(/needs at least two origin periods/);
    expect(mcevErrorOf(() => makeTriangle([[1], [2]])).message).toMatch(/needs at least two development periods/);
  });
  it("a zero where a ratio is needed", () => {
    const tri = makeTriangle([[0, 5, 6], [3, 4, u], [2, u, u]]);
    const e = mcevErrorOf(() => ageToAgeFactors(tri, { average: "SIMPLE" }));
    expect(e.message).toMatch(/^triangle \(value 1\): 0 is not a positive cumulative amount/);
    const zeroColumn = makeTriangle([[0, 5, 6], [0, 4, u], [2, u, u]]);
    expect(mcevErrorOf(() => ageToAgeFactors(zeroColumn)).message).toMatch(/the amounts at development period 1 add up to 0/);
  });
  it("a negative loss ratio, a negative premium, a tail below 1", () => {
    expect(mcevErrorOf(() => bornhuetterFerguson(raa, premium, [-0.5])).message).toMatch(/^elr \(value 1\): -0.5 is not a loss ratio >= 0/);
    expect(mcevErrorOf(() => bornhuetterFerguson(raa, [-1, ...premium.slice(1)], [0.5])).message).toMatch(/^premium \(value 1\): -1 is not a premium/);
    expect(mcevErrorOf(() => chainLadder(raa, { tail: 0.9 })).message).toMatch(/^tail: 0.9 is not a tail factor >= 1/);
  });
});
