import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCurve, type YieldCurve } from "../../src/core/curves";
import {
  costOfNonHedgeableRisks,
  exactSum,
  frictionalCosts,
  mcevComponents,
  newBusinessMargin,
  presentValueOfNewBusinessPremiums,
  valueOfInForce,
} from "../../src/core/valuation/components";
import { impliedDiscountRate, internalRateOfReturn } from "../../src/core/valuation/irr";
import { checkCorrelation, nonHedgeableRiskCapital } from "../../src/core/valuation/nhr";
import { costOfLockingIn, riskDiscountRate, traditionalEmbeddedValue } from "../../src/core/valuation/traditional";
import { mcevErrorOf } from "../helpers";

const eur = fitCurve({ terms: [5, 10, 15, 20, 25, 30], rates: [0.0173, 0.0243, 0.0274, 0.0275, 0.0265, 0.0255] });
const flat = (r: number) => fitCurve({ terms: [1, 50], rates: [r, r], method: "LINEAR" });

/** Relative closeness: |a − b| <= tol · max(1, |b|). */
function close(a: number, b: number, tol = 1e-12): void {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

/** Discount factors P(0, 0..n) and one-year forwards f(t) = P(t−1)/P(t) − 1, from the curve's discount factors only. */
function dfs(curve: YieldCurve, n: number): { df: number[]; fwd: number[] } {
  const df = Array.from({ length: n + 1 }, (_, t) => curve.discount(t));
  const fwd = Array.from({ length: n + 1 }, (_, t) => (t === 0 ? 0 : (df[t - 1] as number) / (df[t] as number) - 1));
  return { df, fwd };
}

const capitalArb = fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 });

describe("FCRC", () => {
  it("is −Σ DF(t) · rc(t−1) · (f(t)·tax + invexp·(1 − tax)), by hand on the EUR curve", () => {
    const rc = [937.9, 850, 700, 500, 250, 100, 40];
    const tax = 0.33;
    const invexp = 0.0015;
    const { df, fwd } = dfs(eur, rc.length);
    let hand = 0;
    rc.forEach((c, i) => {
      const t = i + 1;
      hand += (df[t] as number) * c * ((fwd[t] as number) * tax + invexp * (1 - tax));
    });
    close(frictionalCosts(eur, rc, tax, invexp), -hand);
    expect(frictionalCosts(eur, rc, tax, invexp)).toBeLessThan(0);
  });

  it("closed form on a flat curve: constant capital C for n years costs C·(r·tax + e·(1 − tax))·a_n", () => {
    const r = 0.03;
    const an = (1 - Math.pow(1 + r, -10)) / r;
    close(frictionalCosts(flat(r), new Array(10).fill(200), 0.25, 0.001), -200 * (r * 0.25 + 0.001 * 0.75) * an);
    expect(frictionalCosts(flat(r), [100, 100], 0)).toBe(0); // no tax, no expenses: no friction (0, not −0)
  });

  it("the release identity, exactly in decimal arithmetic for arbitrary discount factors", () => {
    // −FCRC = RC(0) − Σ DF(t)·[release(t) + rc(t−1)·f(t)·(1 − tax) − rc(t−1)·invexp·(1 − tax)], with
    // release(t) = rc(t−1) − rc(t), rc(n) = 0, and f(t) defined by DF(t−1) = DF(t)·(1 + f(t)).
    const D = Decimal.clone({ precision: 80 });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (rcInt, dfSteps, taxPct, expBp) => {
          const n = rcInt.length;
          const rc = rcInt.map((x) => new D(x).div(10));
          const tax = new D(taxPct).div(100);
          const invexp = new D(expBp).div(10000);
          // any positive discount factors with DF(0) = 1 (rates may be negative)
          const df = [new D(1)];
          for (let t = 1; t <= n; t++) df.push((df[t - 1] as Decimal).mul(new D(1000).div(new D(1000).plus(dfSteps[t - 1] as number).minus(300))));
          const f = (t: number) => (df[t - 1] as Decimal).div(df[t] as Decimal).minus(1);
          const rcAt = (t: number) => (t < n ? (rc[t] as Decimal) : new D(0));
          let fcrc = new D(0);
          let released = new D(0);
          for (let t = 1; t <= n; t++) {
            const c = rcAt(t - 1);
            fcrc = fcrc.minus((df[t] as Decimal).mul(c).mul(f(t).mul(tax).plus(invexp.mul(new D(1).minus(tax)))));
            const release = c.minus(rcAt(t));
            const afterTaxReturn = c.mul(f(t)).mul(new D(1).minus(tax)).minus(c.mul(invexp).mul(new D(1).minus(tax)));
            released = released.plus((df[t] as Decimal).mul(release.plus(afterTaxReturn)));
          }
          const identity = rcAt(0).minus(released);
          expect(identity.minus(fcrc.neg()).abs().lte(new D("1e-60"))).toBe(true);
        },
      ),
    );
  });

  it("the release identity holds for the implementation on the EUR curve (forwards from curve.forwardRate)", () => {
    fc.assert(
      fc.property(capitalArb, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.01, noNaN: true }), (rc, tax, invexp) => {
        const n = rc.length;
        let released = 0;
        for (let t = 1; t <= n; t++) {
          const c = rc[t - 1] as number;
          const next = t < n ? (rc[t] as number) : 0;
          const f = eur.forwardRate(t - 1, t);
          released += eur.discount(t) * (c - next + c * f * (1 - tax) - c * invexp * (1 - tax));
        }
        const scale = Math.max(1, ...rc);
        expect(Math.abs((rc[0] as number) - released - -frictionalCosts(eur, rc, tax, invexp))).toBeLessThanOrEqual(1e-11 * scale * n);
      }),
    );
  });

  it("refuses negative capital, a tax rate outside [0, 1] and negative expenses, naming the argument", () => {
    const neg = mcevErrorOf(() => frictionalCosts(eur, [100, -5], 0.3));
    expect(neg.code).toBe("VALUE");
    expect(neg.argument).toBe("rc");
    expect(neg.index).toBe(1);
    expect(neg.detail).toMatch(/-5 is negative/);
    expect(mcevErrorOf(() => frictionalCosts(eur, [100], 33)).message).toMatch(/^tax: 33 is above 100%/);
    expect(mcevErrorOf(() => frictionalCosts(eur, [100], 0.3, -0.001)).argument).toBe("invexp");
  });
});

describe("CoRNHR", () => {
  it("is −Σ DF(t) · coc · nhrbc(t−1) · (1 − tax)", () => {
    const nhr = [441.9, 400, 350, 300, 200, 100];
    const { df } = dfs(eur, nhr.length);
    const hand = nhr.reduce((s, c, i) => s + (df[i + 1] as number) * 0.04 * c, 0);
    close(costOfNonHedgeableRisks(eur, nhr, 0.04), -hand);
    close(costOfNonHedgeableRisks(eur, nhr, 0.04, 0.33), -hand * 0.67);
    // flat curve, constant capital: −C · coc · a_n
    close(costOfNonHedgeableRisks(flat(0.02), [1000, 1000, 1000], 0.06), -1000 * 0.06 * (1 / 1.02 + 1 / 1.02 ** 2 + 1 / 1.02 ** 3));
  });

  it("refuses negative capital and a cost-of-capital rate typed as a percentage", () => {
    expect(mcevErrorOf(() => costOfNonHedgeableRisks(eur, [1, -1], 0.04)).message).toMatch(/^nhrbc \(value 2\): -1 is negative/);
    expect(mcevErrorOf(() => costOfNonHedgeableRisks(eur, [1], 4)).message).toMatch(/^coc: 4 is above 100%/);
  });
});

describe("NHRBC", () => {
  it("sqrt(sᵀ C s) against hand formulas: independent, comonotone, 2 × 2 and 3 × 3", () => {
    expect(nonHedgeableRiskCapital([-30, -40], [1, 0, 0, 1])).toBeCloseTo(50, 12);
    expect(nonHedgeableRiskCapital([-30, -40], [1, 1, 1, 1])).toBeCloseTo(70, 12);
    const rho = 0.25;
    expect(nonHedgeableRiskCapital([-120, -80], [1, rho, rho, 1])).toBeCloseTo(Math.sqrt(120 ** 2 + 80 ** 2 + 2 * rho * 120 * 80), 10);
    const s = [120, 80, 50];
    const c = [1, 0.25, 0, 0.25, 1, 0.5, 0, 0.5, 1];
    const q = 120 * 120 + 80 * 80 + 50 * 50 + 2 * (0.25 * 120 * 80 + 0 * 120 * 50 + 0.5 * 80 * 50);
    expect(nonHedgeableRiskCapital(s.map((x) => -x), c)).toBeCloseTo(Math.sqrt(q), 10);
  });

  it("gains (positive impacts) contribute 0; no losses, no capital", () => {
    const c = [1, 0.5, 0.5, 1];
    expect(nonHedgeableRiskCapital([-120, 30], c)).toBe(120);
    expect(nonHedgeableRiskCapital([-120, 0], c)).toBe(120);
    expect(nonHedgeableRiskCapital([10, 30], c)).toBe(0);
  });

  it("accepts a singular PSD matrix (perfect correlation) and refuses matrices that are not PSD with #NUM!", () => {
    expect(nonHedgeableRiskCapital([-1, -1, -1], [1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1])).toBeCloseTo(Math.sqrt(4 + 1 + 2 * 0.5 * 2), 12);
    expect(nonHedgeableRiskCapital([-3, -4], [1, -1, -1, 1])).toBeCloseTo(1, 12);
    const negativePivot = mcevErrorOf(() => checkCorrelation([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1], 3));
    expect(negativePivot.code).toBe("NUM");
    expect(negativePivot.argument).toBe("correlation");
    expect(negativePivot.index).toBe(8); // row 3, column 3: the pivot that fails
    expect(negativePivot.detail).toMatch(/not positive semi-definite: the Cholesky pivot of row 3 is -?[\d.e-]+ < 0/);
    // zero pivot with an inconsistent column: det = −0.25
    const inconsistent = mcevErrorOf(() => checkCorrelation([1, 1, 0, 1, 1, 0.5, 0, 0.5, 1], 3));
    expect(inconsistent.code).toBe("NUM");
    expect(inconsistent.detail).toMatch(/not positive semi-definite: row 2 is a perfect/);
  });

  it("any correlation matrix built as a normalised Gram matrix is accepted; NHRBC <= Σ losses", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 36, maxLength: 36 }), fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 6, maxLength: 6 }), (n, k, a, impacts) => {
        const row = (i: number) => Array.from({ length: k }, (_, m) => (a[i * k + m] as number) + (m === i % k ? 1.5 : 0));
        const g = (i: number, j: number) => row(i).reduce((s, x, m) => s + x * (row(j)[m] as number), 0);
        const c = new Array<number>(n * n);
        for (let i = 0; i < n; i++) {
          c[i * n + i] = 1;
          for (let j = 0; j < i; j++) c[i * n + j] = c[j * n + i] = Math.max(-1, Math.min(1, g(i, j) / Math.sqrt(g(i, i) * g(j, j))));
        }
        const s = impacts.slice(0, n);
        const capital = nonHedgeableRiskCapital(s, c);
        const losses = s.reduce((t, x) => t + Math.max(-x, 0), 0);
        expect(capital).toBeGreaterThanOrEqual(0);
        expect(capital).toBeLessThanOrEqual(losses * (1 + 1e-12));
      }),
    );
  });

  it("refuses with #VALUE! and the position: diagonal not 1, entries outside [−1, 1], asymmetry", () => {
    const diag = mcevErrorOf(() => checkCorrelation([1, 0, 0, 0.9], 2));
    expect([diag.code, diag.index]).toEqual(["VALUE", 3]);
    expect(diag.detail).toMatch(/on the diagonal/);
    expect(mcevErrorOf(() => checkCorrelation([1, 1.5, 1.5, 1], 2)).detail).toMatch(/outside \[−1, 1\]/);
    const asym = mcevErrorOf(() => checkCorrelation([1, 0.2, 0.3, 1], 2));
    expect([asym.code, asym.argument, asym.index]).toEqual(["VALUE", "correlation", 2]);
    expect(asym.detail).toMatch(/symmetric/);
  });
});

describe("VIF and the MCEV components (seed 003, Table 1)", () => {
  it("2010: VIF = 1,631.7 − 9.8 − 44.9 − 441.9 = 1,135.1 exactly; MCEV 2,210.9; FS 550.4", () => {
    expect(valueOfInForce(1631.7, -9.8, -44.9, -441.9)).toBe(1135.1);
    const rows = mcevComponents({ snw: 1075.8, rc: 525.4, pvfp: 1631.7, tvfog: -9.8, fcrc: -44.9, cornhr: -441.9 });
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ["SNW", 1075.8],
      ["RC", 525.4],
      ["FS", 550.4],
      ["VIF", 1135.1],
      ["PVFP", 1631.7],
      ["TVFOG", -9.8],
      ["FCRC", -44.9],
      ["CoRNHR", -441.9],
      ["MCEV", 2210.9],
    ]);
  });

  it("2011: FS 599.9 as published; VIF 1,781.6 from the published (rounded) components, 1,781.5 in the table", () => {
    const rows = Object.fromEntries(mcevComponents({ snw: 1537.8, rc: 937.9, pvfp: 2696.8, tvfog: -6.6, fcrc: -78.6, cornhr: -830.0 }).map((r) => [r.key, r.value]));
    expect(rows.FS).toBe(599.9);
    expect(rows.VIF).toBe(1781.6);
    expect(rows.MCEV).toBe(3319.4);
  });

  it("every row adds up exactly as displayed: MCEV = FS + RC + VIF, FS = SNW − RC, VIF = Σ components (decimal)", () => {
    const cents = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((x) => x / 100);
    fc.assert(
      fc.property(cents(-1e6, 1e7), cents(0, 1e7), cents(-1e7, 1e7), cents(-1e5, 0), cents(-1e5, 0), cents(-1e6, 0), (snw, rc, pvfp, tvfog, fcrc, cornhr) => {
        const r = Object.fromEntries(mcevComponents({ snw, rc, pvfp, tvfog, fcrc, cornhr }).map((x) => [x.key, new Decimal(String(x.value))]));
        const d = (x: number) => new Decimal(String(x));
        expect(r.FS?.equals(d(snw).minus(d(rc)))).toBe(true);
        expect(r.VIF?.equals(d(pvfp).plus(d(tvfog)).plus(d(fcrc)).plus(d(cornhr)))).toBe(true);
        expect(r.MCEV?.equals((r.FS as Decimal).plus(r.RC as Decimal).plus(r.VIF as Decimal))).toBe(true);
        expect(r.MCEV?.equals((r.SNW as Decimal).plus(r.VIF as Decimal))).toBe(true);
      }),
    );
  });

  it("refuses positive costs and negative required capital with messages naming the argument", () => {
    const e = mcevErrorOf(() => valueOfInForce(1631.7, 9.8, -44.9, -441.9));
    expect(e.message).toMatch(/^tvfog: 9.8 is positive; the time value of financial options and guarantees \(TVFOG\) is a cost and is entered as a negative number \(e.g. -9.8\)/);
    expect(mcevErrorOf(() => valueOfInForce(1, 0, 44.9, 0)).argument).toBe("fcrc");
    expect(mcevErrorOf(() => valueOfInForce(1, 0, 0, 441.9)).argument).toBe("cornhr");
    expect(mcevErrorOf(() => mcevComponents({ snw: 1, rc: -1, pvfp: 0, tvfog: 0, fcrc: 0, cornhr: 0 })).message).toMatch(/^rc: -1 is negative/);
  });

  it("exactSum adds the displayed digits", () => {
    expect(exactSum(0.1, 0.2)).toBe(0.3);
    expect(0.1 + 0.2).not.toBe(0.3);
  });
});

describe("PVNBP and the new business margin", () => {
  it("PVNBP discounts year t at t − 1 by default (premiums in advance), t − ½ (MID), t (END)", () => {
    const p = [100, 90, 80];
    const at = (shift: number) => p.reduce((s, x, i) => s + x * eur.discount(i + 1 - shift), 0);
    close(presentValueOfNewBusinessPremiums(eur, p), at(1));
    close(presentValueOfNewBusinessPremiums(eur, p), 100 + 90 * eur.discount(1) + 80 * eur.discount(2));
    close(presentValueOfNewBusinessPremiums(eur, p, "MID"), at(0.5));
    close(presentValueOfNewBusinessPremiums(eur, p, "END"), at(0));
  });

  it("margin = VNB / PVNBP: seed 003 Table 5, 2.4% (2010) and 2.9% (2011) to one decimal; #NUM! for a zero PVNBP", () => {
    expect(Math.round(newBusinessMargin(56.8, 2372.4) * 1000) / 10).toBe(2.4);
    expect(Math.round(newBusinessMargin(123.7, 4298.4) * 1000) / 10).toBe(2.9);
    expect(newBusinessMargin(123.7, 4298.4)).toBe(123.7 / 4298.4);
    const e = mcevErrorOf(() => newBusinessMargin(1, 0));
    expect([e.code, e.argument]).toEqual(["NUM", "pvnbp"]);
  });
});

/** Σ cf_i (1 + r)^(−t_i), written independently of the solver. */
const npv = (cf: number[], t: number[], r: number) => cf.reduce((s, c, i) => s + c / Math.pow(1 + r, t[i] as number), 0);
const years = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

describe("IRR", () => {
  it("simple cases: 10% on −100, 110; on −100, 0, 121; Excel's IRR of −100, 30, 40, 50 by bisection", () => {
    expect(internalRateOfReturn([-100, 110])).toBeCloseTo(0.1, 12);
    expect(internalRateOfReturn([-100, 0, 121])).toBeCloseTo(0.1, 12);
    // independent bisection on the NPV
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      if (npv([-100, 30, 40, 50], years(4), mid) > 0) lo = mid;
      else hi = mid;
    }
    expect(internalRateOfReturn([-100, 30, 40, 50])).toBeCloseTo(lo, 11);
    expect(internalRateOfReturn([-100, 30, 40, 50], [0, 1, 2.5, 4])).toBeCloseTo(0.06982868067686103, 10);
  });

  it("round trip: cash flows with one sign change, priced at r, give back r", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (r, outflows, inflowShape) => {
          fc.pre(inflowShape.some((x) => x > 0.01));
          const m = outflows.length;
          const inT = years(inflowShape.length, m);
          const outPv = npv(outflows, years(m), r);
          const inPv = npv(inflowShape, inT, r);
          const scale = outPv / inPv; // inflows scaled so that the NPV at r is 0
          const cf = [...outflows.map((x) => -x), ...inflowShape.map((x) => x * scale)];
          expect(Math.abs(internalRateOfReturn(cf) - r)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it("a root at 0 next to a subnormal present value (the sign test does not underflow)", () => {
    // found by the property test with more runs: PV(0) = 5e−324, PV(0.005) < 0; their product underflows to −0
    expect(Math.abs(internalRateOfReturn([-0.01, 0.01, 5e-324]))).toBeLessThan(1e-12);
  });

  it("several roots: the one closest to 0", () => {
    // (1 + r − 1.1)(1 + r − 1.2) = 0 ⇔ 1 − 2.3 v + 1.32 v² = 0: roots 10% and 20%
    expect(internalRateOfReturn([1, -2.3, 1.32])).toBeCloseTo(0.1, 12);
    expect(internalRateOfReturn([-1, 2.3, -1.32])).toBeCloseTo(0.1, 12);
    // roots −5% and 10%
    expect(internalRateOfReturn([1, -2.05, 1.045])).toBeCloseTo(-0.05, 12);
  });

  it("#NUM! with the cause: no sign change, or no root in [−99%, 1000%]", () => {
    const none = mcevErrorOf(() => internalRateOfReturn([100, 20, 30]));
    expect([none.code, none.detail]).toEqual(["NUM", "no sign change in the cash flows: no IRR"]);
    expect(mcevErrorOf(() => internalRateOfReturn([-100, 0, 0])).detail).toBe("no sign change in the cash flows: no IRR");
    const far = mcevErrorOf(() => internalRateOfReturn([-1, 100])); // r = 9900%
    expect(far.code).toBe("NUM");
    expect(far.detail).toMatch(/^no IRR in \[−99%, 1000%\]/);
    expect(mcevErrorOf(() => internalRateOfReturn([-100, 50, -20])).detail).toMatch(/^no IRR in/); // no real root
  });

  it("refuses mismatched times and negative times", () => {
    expect(mcevErrorOf(() => internalRateOfReturn([-100, 110], [0, 1, 2])).message).toBe("times: has 3 values but cashflows has 2; give one time per cash flow");
    expect(mcevErrorOf(() => internalRateOfReturn([-100, 110], [0, -1])).message).toMatch(/^times \(value 2\): -1 is not a time/);
    expect(mcevErrorOf(() => internalRateOfReturn([5])).argument).toBe("cashflows");
  });
});

describe("IDR", () => {
  it("without a value it is the IRR; with one, Σ cf_t (1 + r)^(−t) = value, years 1..n by default", () => {
    const profits = [30, 40, 50];
    expect(impliedDiscountRate([-100, ...profits])).toBe(internalRateOfReturn([-100, ...profits]));
    const r = impliedDiscountRate(profits, undefined, 100);
    close(npv(profits, [1, 2, 3], r), 100, 1e-10);
    close(r, internalRateOfReturn([-100, ...profits]), 1e-12);
    // value 0 (a blank cell on Excel desktop): the same root as the IRR, times shifted by one year change no root
    close(impliedDiscountRate([-100, ...profits], undefined, 0), internalRateOfReturn([-100, ...profits]), 1e-12);
    const r2 = impliedDiscountRate(profits, [0.5, 1.5, 2.5], 110);
    close(npv(profits, [0.5, 1.5, 2.5], r2), 110, 1e-10);
  });

  it("#NUM! when no rate gives the value; errors name the argument", () => {
    expect(mcevErrorOf(() => impliedDiscountRate([30, 40], undefined, -10)).detail).toBe("no sign change in the cash flows net of the value: no implied discount rate");
    expect(mcevErrorOf(() => impliedDiscountRate([30, 40], [1], 10)).argument).toBe("times");
  });
});

describe("traditional EV (seed 001)", () => {
  it("RDR = 10-year government yield + 350 bp: 7.20%, 7.74%, 7.80% exactly", () => {
    expect(riskDiscountRate(0.037, 0.035)).toBe(0.072);
    expect(riskDiscountRate(0.0424, 0.035)).toBe(0.0774);
    expect(riskDiscountRate(0.043, 0.035)).toBe(0.078);
    expect(mcevErrorOf(() => riskDiscountRate(3.7, 0.035)).message).toMatch(/^govt10y: 3.7 is above 100%; .* is a decimal/);
    expect(mcevErrorOf(() => riskDiscountRate(0.037, 350)).argument).toBe("margin");
  });

  it("COLI by its definition, and the closed form −C · (rdr − i(1 − tax)) · a_n = −C · (rdr − j) · v · ä_n", () => {
    const rdr = 0.072;
    const i = 0.0371;
    const tax = 0.3443;
    const j = i * (1 - tax);
    const v = 1 / (1 + rdr);
    const n = 12;
    const an = (1 - v ** n) / rdr;
    const aDue = (1 - v ** n) / (rdr / (1 + rdr));
    close(costOfLockingIn(new Array(n).fill(100), rdr, i, tax), -100 * (rdr - j) * an);
    close(costOfLockingIn(new Array(n).fill(100), rdr, i, tax), -100 * (rdr - j) * v * aDue);
    // a run-off capital, by the definition of the brief
    const cap = [100, 90, 80, 60, 30];
    let pv = 0;
    cap.forEach((c, k) => {
      const t = k + 1;
      const next = cap[t] ?? 0;
      pv += (c * (1 + j) - next) * Math.pow(1 + rdr, -t);
    });
    close(costOfLockingIn(cap, rdr, i, tax), -(100 - pv));
    // and by the telescoped form −Σ C(t−1)·(rdr − j)·v^t
    close(costOfLockingIn(cap, rdr, i, tax), -cap.reduce((s, c, k) => s + c * (rdr - j) * v ** (k + 1), 0));
    expect(costOfLockingIn(cap, rdr, i, tax)).toBeLessThan(0);
  });

  it("COLI refuses negative capital and a tax rate above 100%", () => {
    expect(mcevErrorOf(() => costOfLockingIn([100, -1], 0.072, 0.03, 0.3)).message).toMatch(/^capital \(value 2\): -1 is negative/);
    expect(mcevErrorOf(() => costOfLockingIn([100], 0.072, 0.03, 34.43)).argument).toBe("tax");
  });

  it("TEV = ANAV + PVIF + COLI: 2004 857.6 (VIF after locking-in 575.0), 2003 827.7 (586.4)", () => {
    expect(traditionalEmbeddedValue(282.6, 639.5, -64.5)).toEqual({ anav: 282.6, pvif: 639.5, coli: -64.5, vif: 575, ev: 857.6 });
    expect(traditionalEmbeddedValue(241.3, 655.6, -69.2)).toMatchObject({ vif: 586.4, ev: 827.7 });
    expect(mcevErrorOf(() => traditionalEmbeddedValue(282.6, 639.5, 64.5)).message).toMatch(/^coli: 64.5 is positive; the cost of locking-in is entered as a negative number/);
  });
});
