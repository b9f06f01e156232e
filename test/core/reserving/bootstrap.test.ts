import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chainLadder } from "../../../src/core/reserving/chainLadder";
import { bootstrapChainLadder, fitOdp, type BootstrapResult } from "../../../src/core/reserving/bootstrap";
import { makeTriangle, scaleTriangle, type Triangle } from "../../../src/core/reserving/triangle";
import { mcevErrorOf } from "../../helpers";
import { readTriangle } from "../../triangles";

/**
 * Taylor & Ashe (1983) paid claims — the "GenIns" triangle of R's ChainLadder and the example of
 * England & Verrall (1999, 2002). INCREMENTAL amounts by origin, transcribed from the apc R package
 * (cran/apc, R/apc_data_sets.R, `data.loss.TA`: "Table 1 of Verrall (1991) … analysed in England and
 * Verrall (1999)"). Cumulated, the latest diagonal is 3,901,463 … 344,014 and the chain-ladder
 * reserve 18,680,856, as published (Mack 1993; R ChainLadder's MackChainLadder(GenIns)).
 */
const TAYLOR_ASHE_INCREMENTAL: number[][] = [
  [357848, 766940, 610542, 482940, 527326, 574398, 146342, 139950, 227229, 67948],
  [352118, 884021, 933894, 1183289, 445745, 320996, 527804, 266172, 425046],
  [290507, 1001799, 926219, 1016654, 750816, 146923, 495992, 280405],
  [310608, 1108250, 776189, 1562400, 272482, 352053, 206286],
  [443160, 693190, 991983, 769488, 504851, 470639],
  [396132, 937085, 847498, 805037, 705960],
  [440832, 847631, 1131398, 1063269],
  [359480, 1061648, 1443370],
  [376686, 986608],
  [344014],
];

/** A cumulative triangle from incremental rows (each row padded with blanks to `devs` columns). */
function cumulativeTriangle(rows: number[][], devs = rows[0]?.length ?? 0): Triangle {
  return makeTriangle(
    rows.map((row) => {
      let acc = 0;
      const out: Array<number | undefined> = row.map((x) => (acc += x));
      while (out.length < devs) out.push(undefined);
      return out;
    }),
  );
}

const TA = cumulativeTriangle(TAYLOR_ASHE_INCREMENTAL);

it("the apc transcription of Taylor–Ashe equals test/reference/reserving/genins.csv (two sources agree)", () => {
  expect(Array.from(TA.values)).toEqual(Array.from(readTriangle("test/reference/reserving/genins.csv").values));
});

function expectAllFinite(res: BootstrapResult): void {
  for (const d of [...res.origins, res.total]) {
    expect(Number.isFinite(d.mean) && Number.isFinite(d.sd) && Number.isFinite(d.chainLadder)).toBe(true);
    expect(d.sd).toBeGreaterThanOrEqual(0);
    for (const q of d.percentiles) expect(Number.isFinite(q)).toBe(true);
  }
  expect(Number.isFinite(res.scale)).toBe(true);
}

describe("Taylor–Ashe data", () => {
  it("cumulates to the published latest diagonal and chain-ladder reserve", () => {
    const cl = chainLadder(TA);
    expect(Array.from(cl.latest)).toEqual([3901463, 5339085, 4909315, 4588268, 3873311, 3691712, 3483130, 2864498, 1363294, 344014]);
    expect(Math.round(cl.ibnr.reduce((a, b) => a + b, 0))).toBe(18680856);
    expect(Array.from(cl.ibnr, Math.round)).toEqual([0, 94634, 469511, 709638, 984889, 1419459, 2177641, 3920301, 4278972, 4625811]);
  });
});

describe("fitOdp: the over-dispersed Poisson fit (England & Verrall steps 1–5)", () => {
  const fit = fitOdp(TA);

  it("scale parameter φ = 52,601 on Taylor–Ashe, N = 55, p = 19", () => {
    // England & Verrall (1999, 2002) report the Pearson scale parameter 52,601 for these data.
    expect(fit.observations).toBe(55);
    expect(fit.parameters).toBe(19);
    expect(Math.round(fit.scale)).toBe(52601);
    expect(fit.biasAdjustment).toBeCloseTo(Math.sqrt(55 / 36), 15);
  });

  it("fitted incrementals keep the row and column totals of the data (the ODP / chain-ladder margins)", () => {
    const { origins: n, devs: d } = TA;
    for (let i = 0; i < n; i++) {
      let fitted = 0;
      let actual = 0;
      TAYLOR_ASHE_INCREMENTAL[i]?.forEach((x, j) => {
        actual += x;
        fitted += fit.fitted[i * d + j] as number;
      });
      expect(fitted).toBeCloseTo(actual, 6);
    }
    for (let j = 0; j < d; j++) {
      let fitted = 0;
      let actual = 0;
      for (let i = 0; i < n - j; i++) {
        actual += TAYLOR_ASHE_INCREMENTAL[i]?.[j] as number;
        fitted += fit.fitted[i * d + j] as number;
      }
      expect(fitted / actual - 1).toBeCloseTo(0, 12);
    }
  });

  it("the corner residuals are zero by construction and flagged", () => {
    const d = TA.devs;
    const corners = [0 * d + 9, 9 * d + 0];
    for (const c of corners) {
      expect(Math.abs(fit.residuals[c] as number)).toBeLessThan(1e-9);
      expect(fit.structuralZero[c]).toBe(1);
    }
    expect(fit.structuralZero.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe("bootstrapChainLadder on Taylor–Ashe, 10,000 simulations", () => {
  const sims = 10_000;
  const res = bootstrapChainLadder(TA, { sims, seed: 2026 });

  it("is reproducible: the same seed gives identical results, another seed different ones", () => {
    expect(bootstrapChainLadder(TA, { sims, seed: 2026 })).toEqual(res);
    expect(bootstrapChainLadder(TA, { sims, seed: 2027 }).total.mean).not.toBe(res.total.mean);
    expectAllFinite(res);
    expect(res.redraws).toBe(0);
    expect(res.poolSize).toBe(55);
    expect(res.sims).toBe(sims);
    expect(Array.from(res.probabilities)).toEqual([0.5, 0.75, 0.9, 0.95, 0.995]);
  });

  it("reports the chain-ladder reserve for comparison and the scale parameter", () => {
    const cl = chainLadder(TA);
    res.origins.forEach((o, i) => expect(o.chainLadder).toBe(cl.ibnr[i]));
    expect(Math.round(res.total.chainLadder)).toBe(18680856);
    expect(res.scale).toBe(fitOdp(TA).scale);
    // The fully developed oldest origin has no reserve.
    expect(res.origins[0]).toMatchObject({ mean: 0, sd: 0 });
  });

  // Independent reference: a separate numpy implementation of the same procedure, 400,000
  // simulations (numpy 2.4, default_rng(12345)); means, standard deviations (ddof 1) and kurtosis.
  // Its core, with m the fitted incrementals of the observed cells (oi, oj), r the Pearson residuals,
  // phi = 52601.36 and adj = r·sqrt(55/36):
  //   X = m + adj[rng.integers(0, 55, (S, 55))] * sqrt(m);  P[:, oi, oj] = X;  C = cumsum(P, axis=2)
  //   f[:, j] = C[:, :9-j, j+1].sum(1) / C[:, :9-j, j].sum(1)
  //   for each origin i ≥ 1: prev = C[:, i, 9-i]; for j in 10-i..9: nxt = prev·f[:, j-1];
  //     mean = nxt − prev; R_i += sign(mean)·rng.gamma(|mean|/phi, phi); prev = nxt
  const NUMPY_400K = {
    mean: [0, 95972, 473601, 715601, 991319, 1428355, 2190415, 3945116, 4311125, 4711495],
    sd: [0, 114274, 219491, 264382, 305981, 378000, 499866, 797297, 1057535, 2037614],
    kurtosis: [3, 6.31, 3.91, 3.59, 3.45, 3.34, 3.31, 3.3, 3.51, 4.21],
    total: { mean: 18862999, sd: 3007996, kurtosis: 3.41, percentiles: [18665252, 20726864, 22784051, 24118724, 27951272] },
  };
  const numpyN = 400_000;
  /** Monte Carlo standard error of a sample standard deviation from n draws: σ·sqrt((κ − 1)/(4n)). */
  const seSd = (sd: number, kurtosis: number, n: number) => sd * Math.sqrt((kurtosis - 1) / (4 * n));

  it("the mean reserve agrees with the independent implementation within 3 Monte Carlo standard errors", () => {
    for (let i = 1; i < 10; i++) {
      const o = res.origins[i]!;
      const se = Math.hypot(o.sd / Math.sqrt(sims), NUMPY_400K.sd[i]! / Math.sqrt(numpyN));
      expect(Math.abs(o.mean - NUMPY_400K.mean[i]!), `origin ${i + 1}`).toBeLessThan(3 * se);
    }
    const se = Math.hypot(res.total.sd / Math.sqrt(sims), NUMPY_400K.total.sd / Math.sqrt(numpyN));
    expect(Math.abs(res.total.mean - NUMPY_400K.total.mean)).toBeLessThan(3 * se);
  });

  it("the mean reserve converges to the chain-ladder reserve up to the bootstrap's known upward bias (< 2.5%)", () => {
    // The chain-ladder reserve is a nonlinear function of the pseudo data (products of ratios of
    // column sums), so E[R(X*)] > R(E[X*]): the bootstrap mean exceeds the chain-ladder reserve by
    // about 1.0% in total (≈ 180,000, i.e. ≈ 6 Monte Carlo standard errors at 10,000 simulations)
    // and by 0.5–2% by origin — the same in the numpy implementation with 400,000 simulations.
    // Within 3 standard errors of the chain-ladder reserve itself therefore holds only for small
    // numbers of simulations; what is asserted is the size and sign of the bias.
    for (let i = 1; i < 10; i++) {
      const o = res.origins[i]!;
      expect(o.mean / o.chainLadder - 1, `origin ${i + 1}`).toBeGreaterThan(-0.01);
      expect(o.mean / o.chainLadder - 1, `origin ${i + 1}`).toBeLessThan(0.025);
    }
    const bias = res.total.mean / res.total.chainLadder - 1;
    expect(bias).toBeGreaterThan(0);
    expect(bias).toBeLessThan(0.015);
  });

  it("the prediction error agrees with the independent implementation within 3 Monte Carlo standard errors", () => {
    for (let i = 1; i < 10; i++) {
      const o = res.origins[i]!;
      const se = Math.hypot(seSd(o.sd, NUMPY_400K.kurtosis[i]!, sims), seSd(NUMPY_400K.sd[i]!, NUMPY_400K.kurtosis[i]!, numpyN));
      expect(Math.abs(o.sd - NUMPY_400K.sd[i]!), `origin ${i + 1}`).toBeLessThan(3 * se);
    }
    const t = NUMPY_400K.total;
    const se = Math.hypot(seSd(res.total.sd, t.kurtosis, sims), seSd(t.sd, t.kurtosis, numpyN));
    expect(Math.abs(res.total.sd - t.sd)).toBeLessThan(3 * se);
  });

  it("the prediction error is close to England & Verrall's published figures for Taylor–Ashe", () => {
    // (a) England & Verrall's ANALYTIC prediction errors of the ODP chain-ladder model, as % of the
    //     reserve (E&V 1999; E&V 2002, comparison with Mack's): 116, 46, 37, 31, 26, 23, 20, 24, 43
    //     and 16 for the total. The unrounded values below come from a GLM computation of the same
    //     formula (φ = 52,601; MSEP = φ·R + g'Cov(β̂)g) and round to exactly those percentages.
    //     The bootstrap estimates the same quantity; E&V report the two within a few percent of each
    //     other. Tolerance: 3 Monte Carlo standard errors of our estimate plus 5% for the
    //     bootstrap-versus-delta-method difference (ours is 1–4% above: the bootstrap also carries
    //     the upward bias of the mean into φ·m*).
    const analytic = [0, 110099, 216042, 260871, 303549, 375012, 495376, 789957, 1046508, 1980091];
    const analyticTotal = 2945646;
    const publishedPct = [0, 116, 46, 37, 31, 26, 23, 20, 24, 43];
    const cl = res.origins.map((o) => o.chainLadder);
    for (let i = 1; i < 10; i++) {
      expect(Math.round((100 * analytic[i]!) / cl[i]!)).toBe(publishedPct[i]);
      const o = res.origins[i]!;
      const tol = (3 * seSd(o.sd, NUMPY_400K.kurtosis[i]!, sims)) / o.sd + 0.05;
      expect(Math.abs(o.sd / analytic[i]! - 1), `origin ${i + 1}`).toBeLessThan(tol);
    }
    expect(Math.round((100 * analyticTotal) / res.total.chainLadder)).toBe(16);
    const tolTotal = (3 * seSd(res.total.sd, NUMPY_400K.total.kurtosis, sims)) / res.total.sd + 0.05;
    expect(Math.abs(res.total.sd / analyticTotal - 1)).toBeLessThan(tolTotal);

    // (b) England & Verrall's BOOTSTRAP prediction errors (constant scale parameter), as % of the
    //     reserve: 119.0, 46.3, 37.1, 31.1, 26.5, 23.0, 20.2, 24.8, 43.8, total 16.0 (2,992,296) —
    //     as transcribed from England & Verrall (2002) in a public reference table; the paper itself
    //     could not be consulted here. A published bootstrap figure is itself a Monte Carlo estimate;
    //     assuming it used 1,000 simulations, the tolerance is 3 standard errors of the difference
    //     of two estimates (10,000 and 1,000 simulations) plus 0.05 points for the printed rounding.
    const bootstrapPct = [0, 119.0, 46.3, 37.1, 31.1, 26.5, 23.0, 20.2, 24.8, 43.8];
    for (let i = 1; i < 10; i++) {
      const o = res.origins[i]!;
      const ours = (100 * o.sd) / o.chainLadder;
      const rel = Math.sqrt((NUMPY_400K.kurtosis[i]! - 1) / 4) * Math.hypot(1 / Math.sqrt(sims), 1 / Math.sqrt(1000));
      expect(Math.abs(ours - bootstrapPct[i]!), `origin ${i + 1}`).toBeLessThan(3 * rel * ours + 0.05);
    }
    const ours = (100 * res.total.sd) / res.total.chainLadder;
    const rel = Math.sqrt((NUMPY_400K.total.kurtosis - 1) / 4) * Math.hypot(1 / Math.sqrt(sims), 1 / Math.sqrt(1000));
    expect(Math.abs(ours - 16.0)).toBeLessThan(3 * rel * ours + 0.05);
  });

  it("percentiles are monotone, bracket the mean sensibly and agree with the independent implementation", () => {
    for (const d of [...res.origins, res.total]) {
      for (let k = 1; k < d.percentiles.length; k++) expect(d.percentiles[k]!).toBeGreaterThanOrEqual(d.percentiles[k - 1]!);
    }
    // Normal-approximation standard errors of the 50–95% points at 10,000 simulations are 0.2–0.3%
    // of the value and about 0.6% for the 99.5% point; the tolerances (1.5%, 3%) leave room for the
    // skewness of the distribution.
    NUMPY_400K.total.percentiles.forEach((q, k) => {
      const tol = k === 4 ? 0.03 : 0.015;
      expect(Math.abs(res.total.percentiles[k]! / q - 1), `percentile ${res.probabilities[k]}`).toBeLessThan(tol);
    });
  });
});

describe("bootstrapChainLadder: properties", () => {
  it("scaling the triangle by k scales mean, sd, percentiles and φ (exactly for k = 4)", () => {
    const base = bootstrapChainLadder(TA, { sims: 2000, seed: 5 });
    const by4 = bootstrapChainLadder(scaleTriangle(TA, 4), { sims: 2000, seed: 5 });
    expect(by4.scale).toBe(4 * base.scale);
    [...base.origins, base.total].forEach((d, i) => {
      const e = i < base.origins.length ? by4.origins[i]! : by4.total;
      expect(e.mean).toBe(4 * d.mean);
      expect(e.sd).toBe(4 * d.sd);
      expect(e.chainLadder).toBe(4 * d.chainLadder);
      expect(Array.from(e.percentiles)).toEqual(Array.from(d.percentiles, (q) => 4 * q));
    });
    const k = 1000;
    const byK = bootstrapChainLadder(scaleTriangle(TA, k), { sims: 2000, seed: 5 });
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b));
    close(byK.scale, k * base.scale);
    [...base.origins, base.total].forEach((d, i) => {
      const e = i < base.origins.length ? byK.origins[i]! : byK.total;
      close(e.mean, k * d.mean);
      close(e.sd, k * d.sd);
      d.percentiles.forEach((q, j) => close(e.percentiles[j]!, k * q));
    });
  });

  it("percentiles follow the requested order and are monotone in p", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 6 }), (ps) => {
        const res = bootstrapChainLadder(TA, { sims: 200, seed: 1, percentiles: ps });
        expect(Array.from(res.probabilities)).toEqual(ps);
        const order = ps.map((p, k) => [p, k] as const).sort((a, b) => a[0] - b[0]);
        for (const d of [...res.origins, res.total]) {
          for (let k = 1; k < order.length; k++) expect(d.percentiles[order[k]![1]]!).toBeGreaterThanOrEqual(d.percentiles[order[k - 1]![1]]!);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("one simulation: sd 0 and every percentile equal to the single reserve (no NaN)", () => {
    const res = bootstrapChainLadder(TA, { sims: 1, seed: 3 });
    expectAllFinite(res);
    for (const d of [...res.origins, res.total]) {
      expect(d.sd).toBe(0);
      for (const q of d.percentiles) expect(q).toBe(d.mean);
    }
  });

  it("a tail factor multiplies the simulated last cumulative deterministically", () => {
    const tail = 1.05;
    const plain = bootstrapChainLadder(TA, { sims: 1000, seed: 8 });
    const withTail = bootstrapChainLadder(TA, { sims: 1000, seed: 8, tail });
    const cl = chainLadder(TA, { tail });
    expect(withTail.tail).toBe(tail);
    withTail.origins.forEach((o, i) => {
      expect(o.chainLadder).toBe(cl.ibnr[i]);
      // Same random numbers: reserve_tail = R + (latest + R)·(tail − 1), hence for the means:
      const expected = plain.origins[i]!.mean + (cl.latest[i]! + plain.origins[i]!.mean) * (tail - 1);
      expect(Math.abs(o.mean - expected)).toBeLessThanOrEqual(1e-9 * expected);
      expect(Math.abs(o.sd - tail * plain.origins[i]!.sd)).toBeLessThanOrEqual(1e-9 * o.sd + 1e-6);
    });
    // The fully developed origin's reserve is exactly latest·(tail − 1) in every simulation.
    expect(withTail.origins[0]!.mean).toBeCloseTo(3901463 * 0.05, 6);
    expect(withTail.origins[0]!.sd).toBeLessThan(1e-6);
  });

  it("excludeZeroResiduals leaves the two corner residuals out of the pool", () => {
    const res = bootstrapChainLadder(TA, { sims: 500, seed: 4, excludeZeroResiduals: true });
    expect(res.poolSize).toBe(53);
    expectAllFinite(res);
    expect(res.total.mean).not.toBe(bootstrapChainLadder(TA, { sims: 500, seed: 4 }).total.mean);
  });

  it("a trapezoid (more origins than development periods) uses p = origins + devs − 1", () => {
    const older = [TAYLOR_ASHE_INCREMENTAL[0]!.map((x) => Math.round(0.9 * x)), TAYLOR_ASHE_INCREMENTAL[0]!.map((x) => Math.round(1.1 * x))];
    const tri = cumulativeTriangle([...older, ...TAYLOR_ASHE_INCREMENTAL], 10);
    expect(tri.origins).toBe(12);
    const fit = fitOdp(tri);
    expect(fit.parameters).toBe(21);
    expect(fit.observations).toBe(75);
    // Only the newest origin's single cell is a structural zero: three origins reach the last column.
    expect(fit.structuralZero.reduce((a, b) => a + b, 0)).toBe(1);
    const res = bootstrapChainLadder(tri, { sims: 2000, seed: 6 });
    expectAllFinite(res);
    expect(res.origins).toHaveLength(12);
    expect(Math.abs(res.total.mean / res.total.chainLadder - 1)).toBeLessThan(0.03);
  });

  it("pseudo triangles with a non-positive column total are drawn again, and counted", () => {
    // Tiny first-development amounts next to very noisy later ones: resampled residuals often make
    // the first column negative.
    const tri = cumulativeTriangle([[1, 1000, 50, 10], [2, 100, 900], [1, 3000], [1]]);
    const a = bootstrapChainLadder(tri, { sims: 1000, seed: 1 });
    expect(a.redraws).toBeGreaterThan(0);
    expectAllFinite(a);
    expect(bootstrapChainLadder(tri, { sims: 1000, seed: 1 })).toEqual(a);
  });
});

describe("bootstrapChainLadder: refusals", () => {
  it("sims must be a whole number in 1..1,000,000", () => {
    for (const sims of [0, -5, 1.5, NaN, Infinity, 1_000_001]) {
      expect(mcevErrorOf(() => bootstrapChainLadder(TA, { sims, seed: 1 })).argument).toBe("sims");
    }
  });

  it("seed must be a safe integer", () => {
    for (const seed of [0.5, NaN, 2 ** 53]) expect(mcevErrorOf(() => bootstrapChainLadder(TA, { sims: 10, seed })).argument).toBe("seed");
  });

  it("percentiles must lie strictly between 0 and 1 (the offending one is named)", () => {
    for (const bad of [0, 1, -0.1, NaN]) {
      const e = mcevErrorOf(() => bootstrapChainLadder(TA, { sims: 10, seed: 1, percentiles: [0.5, bad] }));
      expect(e.argument).toBe("percentiles");
      expect(e.index).toBe(1);
    }
  });

  it("the tail must be >= 1", () => {
    expect(mcevErrorOf(() => bootstrapChainLadder(TA, { sims: 10, seed: 1, tail: 0.9 })).argument).toBe("tail");
  });

  it("a negative fitted incremental (factor below 1) names the cell", () => {
    // f1 = (80 + 70) / (100 + 100) = 0.75 < 1: the fitted incremental of origin 1, period 2 is negative.
    const tri = makeTriangle([[100, 80, 85], [100, 70, undefined], [100, undefined, undefined]]);
    const e = mcevErrorOf(() => bootstrapChainLadder(tri, { sims: 10, seed: 1 }));
    expect(e.argument).toBe("triangle");
    expect(e.index).toBe(1);
    expect(e.detail).toMatch(/origin 1, development period 2/);
  });

  it("a zero latest amount names the cell", () => {
    const tri = makeTriangle([[100, 150, 160], [0, 0, undefined], [50, undefined, undefined]]);
    const e = mcevErrorOf(() => fitOdp(tri));
    expect(e.argument).toBe("triangle");
    expect(e.index).toBe(4);
  });

  it("a zero incremental column (factor exactly 1) is refused rather than dividing by √0", () => {
    const tri = cumulativeTriangle([[100, 50, 0], [120, 60], [90]]);
    const e = mcevErrorOf(() => fitOdp(tri));
    expect(e.argument).toBe("triangle");
    expect(e.index).toBe(2);
  });

  it("too few amounts for the scale parameter", () => {
    const tri = cumulativeTriangle([[100, 50], [120]]);
    expect(mcevErrorOf(() => fitOdp(tri)).argument).toBe("triangle");
  });

  it("too many stored samples for memory", () => {
    const rows = Array.from({ length: 40 }, (_, i) => Array.from({ length: 40 - i }, () => 100));
    const big = cumulativeTriangle(rows);
    expect(mcevErrorOf(() => bootstrapChainLadder(big, { sims: 1_000_000, seed: 1 })).argument).toBe("sims");
  });
});
