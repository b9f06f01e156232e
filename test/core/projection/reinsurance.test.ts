import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Product, ProjectionContext, RunOptions } from "../../../src/core/projection/engine";
import { runProjection } from "../../../src/core/projection/engine";
import { makeLapseTable } from "../../../src/core/projection/lapse";
import { makeModelPoints, type ModelPointColumns, type ModelPoints } from "../../../src/core/projection/modelPoints";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import { quotaShare, type QuotaShareBasis } from "../../../src/core/projection/products/quotaShare";
import { termAssurance, type PremiumBasis, type TermBasis } from "../../../src/core/projection/products/termAssurance";
import { makeYrtRates, yrtTreaty, type YrtBasis } from "../../../src/core/projection/products/yrtTreaty";
import { PRODUCT_LINES, perPeriodLine, PV_LINES, type PeriodLine, type ProjectionResult } from "../../../src/core/projection/result";
import { mcevErrorOf } from "../../helpers";

/**
 * The reinsurer's side of a term block: yearly-renewable term (YRT) and quota share (QS).
 * Small made-up tables (ages 20..80, one select year + ultimate), checked against a scalar recursion
 * written here, against the direct term product, and by structural properties.
 */

// ---- assumptions (formulas, so the scalar recursion does not read the engine's tables) ----
const MIN_AGE = 20;
const MAX_AGE = 80;
const ultimateQ = (age: number) => 0.0005 * Math.pow(1.09, age - 20);
/** Annual q by attained age and policy year: year 0 select at 60% of ultimate, later years ultimate. */
const annualQ = (age: number, policyYear: number) => (policyYear === 0 ? 0.6 : 1) * ultimateQ(age);
const LAPSES = [0.12, 0.08, 0.05];
const yrtRate = (age: number) => 1.25 * ultimateQ(age) + 0.0002;
const premiumRate = (age: number, term: number) => (0.4 + 0.03 * (age - 20) + 0.01 * term) / 1000;

const ages = Array.from({ length: MAX_AGE - MIN_AGE + 1 }, (_, k) => MIN_AGE + k);
const mortality = makeMortalityTable(MIN_AGE, ages.flatMap((a) => [annualQ(a, 0), annualQ(a, 1)]), 2);
const noDeaths = makeMortalityTable(MIN_AGE, new Float64Array(2 * ages.length), 2);
const lapse = makeLapseTable(LAPSES);
const noLapses = makeLapseTable([0]);
const yrtRates = makeYrtRates(MIN_AGE, ages.map(yrtRate));
const rateTable: PremiumBasis = { kind: "rateTable", rate: (a, n) => (a >= MIN_AGE && a <= MAX_AGE && n >= 1 && n <= 40 ? premiumRate(a, n) : undefined) };

const DISCOUNT = 0.035;
const INFLATION = 0.02;
function context(steps: number): ProjectionContext {
  const discount = new Float64Array(steps + 1);
  for (let t = 0; t <= steps; t++) discount[t] = Math.pow(1 + DISCOUNT, -t / 12);
  const inflation = new Float64Array(steps);
  for (let t = 0; t < steps; t++) inflation[t] = Math.pow(1 + INFLATION, t / 12);
  return { steps, stepsPerYear: 12, discount, inflation };
}

function yrtBasis(over: Partial<YrtBasis> = {}): YrtBasis {
  return { mortality, lapse, cededShare: 0.6, yrtRates, commissionFirstYear: 0.8, commissionRenewal: 0.1, maintenancePerPolicyPerYear: 12, ...over };
}
function qsBasis(over: Partial<QuotaShareBasis> = {}): QuotaShareBasis {
  return { mortality, lapse, premium: { kind: "given" }, quotaShare: 0.4, commissionFirstYear: 0.5, commissionRenewal: 0.15, maintenancePerPolicyPerYear: 8, ...over };
}
function termBasis(premium: PremiumBasis, cover: "LEVEL" | "DECREASING" = "LEVEL", mort = mortality, lap = lapse): TermBasis {
  return { mortality: mort, lapse: lap, premium, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionFirstYear: 0, commissionRenewal: 0, cover };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
function expectLinesClose(a: ProjectionResult, b: ProjectionResult, lines: readonly PeriodLine[], scale = 1, tol = 1e-11) {
  for (const line of lines) {
    const x = perPeriodLine(a, line);
    const y = perPeriodLine(b, line);
    let worst = 0;
    for (let t = 0; t < a.steps; t++) worst = Math.max(worst, rel(x[t] as number, scale * (y[t] as number)));
    expect(worst, line).toBeLessThan(tol);
  }
}

// ---- the independent scalar recursion: one point, month by month ----
interface Treaty {
  /** Reinsurance premium per policy per month and ceded sum per policy, in policy year d at attained age. */
  premium(d: number, attainedAge: number): number;
  ceded(d: number): number;
  cFirst: number;
  cRenew: number;
  maint: number;
}
interface ScalarPoint {
  age: number;
  term: number;
  sum: number;
  count: number;
  m0: number;
}
type Scalar = Record<"inforce" | "maturities" | "nb" | "exposed" | "deaths" | "lapses" | "premiums" | "claims" | "commissions" | "expenses" | "net" | "sar", number[]> & { pv: number[] };

function scalarRecursion(p: ScalarPoint, treaty: Treaty, steps: number): Scalar {
  const z = () => new Array<number>(steps).fill(0);
  const r: Scalar = { inforce: z(), maturities: z(), nb: z(), exposed: z(), deaths: z(), lapses: z(), premiums: z(), claims: z(), commissions: z(), expenses: z(), net: z(), sar: z(), pv: [0, 0, 0, 0, 0] };
  let n = p.m0 > 0 ? p.count : 0; // survivors at the start of the month
  for (let t = 0; t < steps; t++) {
    const m = p.m0 + t;
    if (m < 0) continue;
    r.inforce[t] = n;
    if (m === 12 * p.term) {
      r.maturities[t] = n;
      break;
    }
    if (m === 0) {
      r.nb[t] = p.count;
      n += p.count;
    }
    const d = Math.floor(m / 12);
    const qMonth = 1 - Math.pow(1 - annualQ(p.age + d, Math.min(d, 1)), 1 / 12);
    const lMonth = 1 - Math.pow(1 - (LAPSES[Math.min(d, LAPSES.length - 1)] as number), 1 / 12);
    const deaths = n * qMonth;
    const lapses = (n - deaths) * lMonth;
    const ceded = treaty.ceded(d);
    const prem = treaty.premium(d, p.age + d) * n;
    const claims = ceded * deaths;
    const com = prem * (d === 0 ? treaty.cFirst : treaty.cRenew);
    const exp = ceded > 0 ? (n * treaty.maint * Math.pow(1 + INFLATION, t / 12)) / 12 : 0;
    const v = Math.pow(1 + DISCOUNT, -t / 12);
    r.exposed[t] = n;
    r.deaths[t] = deaths;
    r.lapses[t] = lapses;
    r.premiums[t] = prem;
    r.claims[t] = claims;
    r.commissions[t] = com;
    r.expenses[t] = exp;
    r.net[t] = prem - claims - exp - com;
    r.sar[t] = ceded * n;
    const pv = r.pv;
    pv[0] = (pv[0] as number) + prem * v;
    pv[1] = (pv[1] as number) + claims * v;
    pv[2] = (pv[2] as number) + exp * v;
    pv[3] = (pv[3] as number) + com * v;
    pv[4] = (pv[4] as number) + (prem - claims - exp - com) * v;
    n = n - deaths - lapses;
  }
  return r;
}

function expectMatchesScalar(result: ProjectionResult, s: Scalar) {
  const pairs: [PeriodLine, number[]][] = [
    ["policies_if", s.inforce],
    ["maturities", s.maturities],
    ["new_business", s.nb],
    ["policies_bef_decr", s.exposed],
    ["deaths", s.deaths],
    ["lapses", s.lapses],
    ["premiums", s.premiums],
    ["claims", s.claims],
    ["commissions", s.commissions],
    ["expenses", s.expenses],
    ["net_cashflow", s.net],
    ["sum_at_risk", s.sar],
  ];
  for (const [line, expected] of pairs) {
    const got = perPeriodLine(result, line);
    for (let t = 0; t < result.steps; t++) expect(rel(got[t] as number, expected[t] as number), `${line}[${t}]`).toBeLessThan(1e-12);
  }
  expect(Array.from(perPeriodLine(result, "reserve")).every((x) => x === 0)).toBe(true);
  PV_LINES.forEach((name, k) => expect(rel(result.pv[k] as number, s.pv[k] as number), `PV ${name}`).toBeLessThan(1e-12));
  expect(rel(result.pvByPoint?.[0] as number, s.pv[4] as number)).toBeLessThan(1e-12);
}

function points1(p: ScalarPoint, premium?: number): ModelPoints {
  return makeModelPoints({ ageAtEntry: [p.age], policyTerm: [p.term], policyCount: [p.count], sumAssured: [p.sum], durationMonths: [p.m0], premium: premium === undefined ? undefined : [premium] });
}

describe("single policy against a scalar recursion", () => {
  it("YRT, share 60%, level cover, in force at duration 30 months: every line and PV", () => {
    const p = { age: 47, term: 12, sum: 250_000, count: 1, m0: 30 };
    const pts = points1(p);
    const steps = yrtTreaty.horizon(pts);
    expect(steps).toBe(12 * 12 - 30 + 1);
    const result = runProjection(yrtTreaty, pts, yrtBasis(), context(steps), { perPeriod: true, perPoint: true });
    const s = scalarRecursion(p, { premium: (_d, x) => (yrtRate(x) / 12) * 0.6 * p.sum, ceded: () => 0.6 * p.sum, cFirst: 0.8, cRenew: 0.1, maint: 12 }, steps);
    expectMatchesScalar(result, s);
    // premium per policy of the first projected month: policy year 2, attained age 49
    expect(rel(result.premiumByPoint[0] as number, (yrtRate(49) / 12) * 150_000)).toBeLessThan(1e-15);
    expect(s.maturities[steps - 1]).toBeGreaterThan(0.5); // survivors mature in the last month
  });

  it("YRT, retention 40,000 per life, decreasing cover, new business in 3 months, 2.5 policies", () => {
    const p = { age: 33, term: 10, sum: 120_000, count: 2.5, m0: -3 };
    const pts = points1(p);
    const steps = yrtTreaty.horizon(pts);
    const basis = yrtBasis({ cededShare: undefined, retention: 40_000, cover: "DECREASING" });
    const result = runProjection(yrtTreaty, pts, basis, context(steps), { perPeriod: true, perPoint: true });
    const ceded = (d: number) => Math.max((p.sum * (p.term - d)) / p.term - 40_000, 0);
    const s = scalarRecursion(p, { premium: (d, x) => (yrtRate(x) / 12) * ceded(d), ceded, cFirst: 0.8, cRenew: 0.1, maint: 12 }, steps);
    expectMatchesScalar(result, s);
    // from policy year 7 the sum (36,000 and less) is under the retention: nothing ceded, no expense
    expect(ceded(6)).toBe(8000);
    expect(ceded(7)).toBe(0);
    const exposedLate = perPeriodLine(result, "policies_bef_decr")[3 + 12 * 7 + 5] as number;
    expect(exposedLate).toBeGreaterThan(0);
    expect(perPeriodLine(result, "expenses")[3 + 12 * 7 + 5]).toBe(0);
    expect(perPeriodLine(result, "premiums")[3 + 12 * 7 + 5]).toBe(0);
    expect(result.premiumByPoint[0]).toBe((yrtRate(33) / 12) * 80_000);
  });

  it("quota share 40%, premium given, level cover, in force at duration 7 months (first-year commission, then renewal)", () => {
    const p = { age: 58, term: 8, sum: 90_000, count: 3, m0: 7 };
    const pts = points1(p, 61.37);
    const steps = quotaShare.horizon(pts);
    const result = runProjection(quotaShare, pts, qsBasis(), context(steps), { perPeriod: true, perPoint: true });
    const s = scalarRecursion(p, { premium: () => 0.4 * 61.37, ceded: () => 0.4 * p.sum, cFirst: 0.5, cRenew: 0.15, maint: 8 }, steps);
    expectMatchesScalar(result, s);
    expect(result.premiumByPoint[0]).toBe(0.4 * 61.37);
  });

  it("quota share 75%, premium from the rate table (rounded to cents as the term product), decreasing cover, new business", () => {
    const p = { age: 26, term: 20, sum: 123_457, count: 1, m0: 0 };
    const pts = points1(p);
    const steps = quotaShare.horizon(pts);
    const result = runProjection(quotaShare, pts, qsBasis({ premium: rateTable, quotaShare: 0.75, cover: "DECREASING" }), context(steps), { perPeriod: true, perPoint: true });
    const original = 96.3; // 123,457 · 0.00078 = 96.29646, rounded to cents
    expect(rel(p.sum * premiumRate(26, 20), 96.29646)).toBeLessThan(1e-14);
    expect(result.premiumByPoint[0]).toBe(0.75 * original);
    const s = scalarRecursion(p, { premium: () => 0.75 * original, ceded: (d) => (0.75 * p.sum * (p.term - d)) / p.term, cFirst: 0.5, cRenew: 0.15, maint: 8 }, steps);
    expectMatchesScalar(result, s);
  });
});

// ---- properties ----
interface ArbPoint {
  age: number;
  term: number;
  count: number;
  sum: number;
  m0: number;
}
const arbPoint: fc.Arbitrary<ArbPoint> = fc
  .record({ age: fc.integer({ min: 20, max: 75 }), term: fc.integer({ min: 1, max: 15 }), count: fc.double({ min: 0.25, max: 40, noNaN: true }), sum: fc.integer({ min: 1000, max: 600_000 }), m0: fc.integer({ min: -20, max: 190 }) })
  .map((p) => {
    const term = Math.min(p.term, MAX_AGE - p.age + 1);
    return { ...p, term, m0: Math.min(p.m0, 12 * term + 1) };
  });
const arbPoints = fc.array(arbPoint, { minLength: 1, maxLength: 6 });

function columns(ps: readonly ArbPoint[], scaleSums = 1): ModelPointColumns {
  return {
    ageAtEntry: ps.map((p) => p.age),
    policyTerm: ps.map((p) => p.term),
    policyCount: ps.map((p) => p.count),
    sumAssured: ps.map((p) => scaleSums * p.sum),
    durationMonths: ps.map((p) => p.m0),
    premium: ps.map((p) => Math.round(p.sum * premiumRate(p.age, p.term) * 100) / 100),
  };
}
function run<B>(product: Product<B>, pts: ModelPoints, basis: B, perPeriod = true): ProjectionResult {
  return runProjection(product, pts, basis, context(product.horizon(pts)), { perPeriod, perPoint: true });
}
const COUNT_LINES: PeriodLine[] = ["policies_if", "maturities", "new_business", "policies_bef_decr", "deaths", "lapses"];
const RUNS = { numRuns: 60 };

describe("properties", () => {
  it("QS of 100% with no commission or expense = the term product's premiums, claims, decrements and sum at risk (given or rate-table premium, level or decreasing)", () => {
    fc.assert(
      fc.property(arbPoints, fc.boolean(), fc.boolean(), (ps, fromTable, decreasing) => {
        const pts = makeModelPoints(columns(ps));
        const premium: PremiumBasis = fromTable ? rateTable : { kind: "given" };
        const cover = decreasing ? "DECREASING" : "LEVEL";
        const qsB = qsBasis({ premium, quotaShare: 1, commissionFirstYear: 0, commissionRenewal: 0, maintenancePerPolicyPerYear: 0, cover });
        const term = run(termAssurance, pts, termBasis(premium, cover));
        const qs = run(quotaShare, pts, qsB);
        expectLinesClose(qs, term, [...COUNT_LINES, "premiums", "claims", "net_cashflow", "sum_at_risk"]);
        for (const k of [0, 1, 4]) expect(rel(qs.pv[k] as number, term.pv[k] as number)).toBeLessThan(1e-11);
        // the term product's PV-only path (by policy year) too
        const termFast = run(termAssurance, pts, termBasis(premium, cover), false);
        for (const k of [0, 1, 4]) expect(rel(qs.pv[k] as number, termFast.pv[k] as number)).toBeLessThan(1e-11);
        ps.forEach((p, i) => {
          if (p.m0 < 12 * p.term) expect(qs.premiumByPoint[i]).toBe(term.premiumByPoint[i]);
        });
      }),
      RUNS,
    );
  });

  it("QS of 40% = 0.4 × QS of 100% for premiums, claims, commissions and sum at risk; the same expenses", () => {
    fc.assert(
      fc.property(arbPoints, (ps) => {
        const pts = makeModelPoints(columns(ps));
        const full = run(quotaShare, pts, qsBasis({ quotaShare: 1 }));
        const part = run(quotaShare, pts, qsBasis({ quotaShare: 0.4 }));
        expectLinesClose(part, full, ["premiums", "claims", "commissions", "sum_at_risk"], 0.4);
        expectLinesClose(part, full, ["expenses", ...COUNT_LINES]);
        for (const k of [0, 1, 3]) expect(rel(part.pv[k] as number, 0.4 * (full.pv[k] as number))).toBeLessThan(1e-12);
        expect(part.pv[2]).toBe(full.pv[2]);
      }),
      RUNS,
    );
  });

  it("YRT with retention 0, and YRT with share 1, give the term product's claims and sum at risk", () => {
    fc.assert(
      fc.property(arbPoints, fc.boolean(), (ps, decreasing) => {
        const pts = makeModelPoints(columns(ps));
        const cover = decreasing ? "DECREASING" : "LEVEL";
        const term = run(termAssurance, pts, termBasis({ kind: "given" }, cover));
        for (const treaty of [{ cededShare: undefined, retention: 0 }, { cededShare: 1 }]) {
          const yrt = run(yrtTreaty, pts, yrtBasis({ ...treaty, cover }));
          expectLinesClose(yrt, term, [...COUNT_LINES, "claims", "sum_at_risk"]);
          expect(rel(yrt.pv[1] as number, term.pv[1] as number)).toBeLessThan(1e-11);
        }
      }),
      RUNS,
    );
  });

  it("doubling the sums assured doubles YRT premiums, claims and commissions (share; and retention when it doubles too)", () => {
    fc.assert(
      fc.property(arbPoints, fc.boolean(), (ps, decreasing) => {
        const cover = decreasing ? "DECREASING" : "LEVEL";
        const once = makeModelPoints(columns(ps));
        const twice = makeModelPoints(columns(ps, 2));
        for (const [a, b] of [
          [yrtBasis({ cover }), yrtBasis({ cover })],
          [yrtBasis({ cover, cededShare: undefined, retention: 25_000 }), yrtBasis({ cover, cededShare: undefined, retention: 50_000 })],
        ] as const) {
          const r1 = run(yrtTreaty, once, a);
          const r2 = run(yrtTreaty, twice, b);
          expectLinesClose(r2, r1, ["premiums", "claims", "commissions", "sum_at_risk"], 2, 1e-13);
          for (const k of [0, 1, 3]) expect(rel(r2.pv[k] as number, 2 * (r1.pv[k] as number))).toBeLessThan(1e-13);
          expect(rel(r2.pv[2] as number, r1.pv[2] as number)).toBeLessThan(1e-13);
        }
      }),
      RUNS,
    );
  });

  it("with no decrements every policy survives: maturities at 12·term equal the count, no deaths, no claims; premiums in closed form", () => {
    fc.assert(
      fc.property(arbPoints, (ps) => {
        const pts = makeModelPoints(columns(ps));
        const yrt = run(yrtTreaty, pts, yrtBasis({ mortality: noDeaths, lapse: noLapses }));
        const qs = run(quotaShare, pts, qsBasis({ mortality: noDeaths, lapse: noLapses }));
        const steps = yrt.steps;
        const maturities = new Float64Array(steps);
        const yrtPrem = new Float64Array(steps);
        const qsPrem = new Float64Array(steps);
        ps.forEach((p, i) => {
          const t = 12 * p.term - p.m0;
          if (t >= 0) maturities[t] = (maturities[t] as number) + p.count;
          for (let u = Math.max(0, -p.m0); u < t; u++) {
            const d = Math.floor((p.m0 + u) / 12);
            yrtPrem[u] = (yrtPrem[u] as number) + p.count * (yrtRate(p.age + d) / 12) * 0.6 * p.sum;
            qsPrem[u] = (qsPrem[u] as number) + p.count * 0.4 * (pts.premium?.[i] as number);
          }
        });
        for (const r of [yrt, qs]) {
          const mat = perPeriodLine(r, "maturities");
          for (let t = 0; t < steps; t++) expect(rel(mat[t] as number, maturities[t] as number)).toBeLessThan(1e-13);
          expect(perPeriodLine(r, "deaths").every((x) => x === 0)).toBe(true);
          expect(perPeriodLine(r, "lapses").every((x) => x === 0)).toBe(true);
          expect(perPeriodLine(r, "claims").every((x) => x === 0)).toBe(true);
          expect(r.pv[1]).toBe(0);
        }
        const total = ps.reduce((s, p) => s + (p.m0 <= 12 * p.term ? p.count : 0), 0);
        expect(rel(perPeriodLine(yrt, "maturities").reduce((s, x) => s + x, 0), total)).toBeLessThan(1e-13);
        for (let t = 0; t < steps; t++) {
          expect(rel(perPeriodLine(yrt, "premiums")[t] as number, yrtPrem[t] as number)).toBeLessThan(1e-13);
          expect(rel(perPeriodLine(qs, "premiums")[t] as number, qsPrem[t] as number)).toBeLessThan(1e-13);
        }
      }),
      RUNS,
    );
  });

  it("splitting a model point into two halves gives the same lines and PVs; the halves' point PVs add up", () => {
    fc.assert(
      fc.property(arbPoints, fc.nat(), (ps, pick) => {
        const k = pick % ps.length;
        const p = ps[k] as ArbPoint;
        const split = [...ps.slice(0, k), { ...p, count: p.count / 2 }, { ...p, count: p.count / 2 }, ...ps.slice(k + 1)];
        const whole = makeModelPoints(columns(ps));
        const halves = makeModelPoints(columns(split));
        const cases: ((pts: ModelPoints) => ProjectionResult)[] = [
          (pts) => run(yrtTreaty, pts, yrtBasis()),
          (pts) => run(yrtTreaty, pts, yrtBasis({ cededShare: undefined, retention: 100_000, cover: "DECREASING" })),
          (pts) => run(quotaShare, pts, qsBasis()),
          (pts) => run(quotaShare, pts, qsBasis({ premium: rateTable, cover: "DECREASING" })),
        ];
        for (const project of cases) {
          const a = project(whole);
          const b = project(halves);
          expectLinesClose(b, a, PRODUCT_LINES, 1, 1e-12);
          for (let j = 0; j < 5; j++) expect(rel(b.pv[j] as number, a.pv[j] as number)).toBeLessThan(1e-12);
          const pvA = a.pvByPoint as Float64Array;
          const pvB = b.pvByPoint as Float64Array;
          expect(rel((pvB[k] as number) + (pvB[k + 1] as number), pvA[k] as number)).toBeLessThan(1e-12);
        }
      }),
      RUNS,
    );
  });

  it("the PV-only path equals the per-period path (PV lines, point PVs, premiums), and slices add up", () => {
    fc.assert(
      fc.property(arbPoints, fc.nat(), (ps, cut) => {
        const pts = makeModelPoints(columns(ps));
        const mid = cut % (pts.count + 1);
        const ctx = context(yrtTreaty.horizon(pts)); // the same horizon for both products
        const cases: ((options: Partial<RunOptions>) => ProjectionResult)[] = [
          (options) => runProjection(yrtTreaty, pts, yrtBasis({ cover: "DECREASING" }), ctx, options),
          (options) => runProjection(quotaShare, pts, qsBasis({ premium: rateTable }), ctx, options),
        ];
        for (const project of cases) {
          const per = project({ perPeriod: true, perPoint: true });
          const fast = project({ perPeriod: false, perPoint: true });
          expect(Array.from(fast.pv)).toEqual(Array.from(per.pv));
          expect(Array.from(fast.pvByPoint as Float64Array)).toEqual(Array.from(per.pvByPoint as Float64Array));
          expect(Array.from(fast.premiumByPoint)).toEqual(Array.from(per.premiumByPoint));
          // the per-period net cash flow discounted = PV(net)
          const ncf = perPeriodLine(per, "net_cashflow");
          let pvNet = 0;
          for (let t = 0; t < per.steps; t++) pvNet += (ncf[t] as number) * (ctx.discount[t] as number);
          expect(rel(pvNet, per.pv[4] as number)).toBeLessThan(1e-10);
          const a = project({ perPeriod: false, from: 0, to: mid });
          const b = project({ perPeriod: false, from: mid, to: pts.count });
          for (let j = 0; j < 5; j++) expect(rel((a.pv[j] as number) + (b.pv[j] as number), per.pv[j] as number)).toBeLessThan(1e-12);
        }
      }),
      RUNS,
    );
  });

  it("a YRT point wholly under the retention cedes nothing: no premium, claim, commission, expense or sum at risk", () => {
    const pts = makeModelPoints({ ageAtEntry: [40], policyTerm: [10], policyCount: [5], sumAssured: [50_000], durationMonths: [0] });
    const r = run(yrtTreaty, pts, yrtBasis({ cededShare: undefined, retention: 50_000 }));
    for (const line of ["premiums", "claims", "commissions", "expenses", "net_cashflow", "sum_at_risk"] as const) expect(perPeriodLine(r, line).every((x) => x === 0), line).toBe(true);
    expect(perPeriodLine(r, "deaths")[0]).toBeGreaterThan(0);
    expect(Array.from(r.pv)).toEqual([0, 0, 0, 0, 0]);
    expect(r.premiumByPoint[0]).toBe(0);
  });
});

// ---- errors ----
describe("check() refusals", () => {
  const ok = makeModelPoints({ ageAtEntry: [30, 40], policyTerm: [10, 10], policyCount: [1, 1], sumAssured: [1e5, 1e5], durationMonths: [0, 0], premium: [20, 30] });
  const ctx = context(130);
  const yrtRun = (basis: YrtBasis, pts = ok) => () => runProjection(yrtTreaty, pts, basis, ctx);
  const qsRun = (basis: QuotaShareBasis, pts = ok) => () => runProjection(quotaShare, pts, basis, ctx);

  it("attained ages beyond the mortality table: model_points, the row and the column, naming the mortality table", () => {
    const pts = makeModelPoints({ ageAtEntry: [30, 75], policyTerm: [10, 10], policyCount: [1, 1], sumAssured: [1e5, 1e5], premium: [20, 30] });
    for (const f of [yrtRun(yrtBasis(), pts), qsRun(qsBasis(), pts)]) {
      const e = mcevErrorOf(f);
      expect(e.code).toBe("VALUE");
      expect(e.argument).toBe("model_points");
      expect(e.index).toBe(1);
      expect(e.message).toMatch(/row 2, column age_at_entry: .*attained ages 75\.\.84, outside the mortality table's ages 20\.\.80/);
    }
  });

  it("ages are checked from the valuation date: an in-force policy issued below the table's first age is accepted", () => {
    const pts = makeModelPoints({ ageAtEntry: [18], policyTerm: [5], policyCount: [1], sumAssured: [1e5], durationMonths: [30], premium: [10] });
    expect(() => runProjection(yrtTreaty, pts, yrtBasis(), context(31))).not.toThrow();
    expect(() => runProjection(quotaShare, pts, qsBasis(), context(31))).not.toThrow();
    const early = makeModelPoints({ ageAtEntry: [18], policyTerm: [5], policyCount: [1], sumAssured: [1e5], durationMonths: [12], premium: [10] });
    expect(mcevErrorOf(yrtRun(yrtBasis(), early)).message).toMatch(/attained ages 19\.\.22/);
  });

  it("attained ages beyond the YRT table", () => {
    const short = makeYrtRates(20, ages.filter((a) => a <= 45).map(yrtRate));
    const e = mcevErrorOf(yrtRun(yrtBasis({ yrtRates: short })));
    expect(e.argument).toBe("model_points");
    expect(e.index).toBe(1);
    expect(e.message).toMatch(/row 2, column age_at_entry: .*attained ages 40\.\.49, outside the yrt_rates table's ages 20\.\.45/);
  });

  it("a bad YRT rate names the table, the row, the age and the column", () => {
    const rates = ages.map(yrtRate);
    rates[2] = -0.001;
    const e = mcevErrorOf(() => makeYrtRates(20, rates));
    expect(e.argument).toBe("yrt_rates");
    expect(e.index).toBe(2);
    expect(e.message).toContain("row 3 (age 22), column rate: -0.001 is not a rate >= 0");
    expect(mcevErrorOf(() => makeYrtRates(20, [])).argument).toBe("yrt_rates");
    expect(mcevErrorOf(() => makeYrtRates(20.5, [0.1])).message).toContain("20.5");
    // a table built by hand is checked by check()
    const e2 = mcevErrorOf(yrtRun(yrtBasis({ yrtRates: { minAge: 20, maxAge: 21, rates: Float64Array.from([0.001, Number.NaN]) } })));
    expect(e2.argument).toBe("yrt_rates");
    expect(e2.index).toBe(1);
  });

  it("shares outside [0, 1], negative retention, both or neither of share and retention", () => {
    for (const share of [-0.1, 1.2, Number.NaN]) {
      expect(mcevErrorOf(yrtRun(yrtBasis({ cededShare: share }))).argument).toBe("ceded_share");
      const e = mcevErrorOf(qsRun(qsBasis({ quotaShare: share })));
      expect(e.argument).toBe("quota_share");
      expect(e.message).toContain("is not a share between 0 and 1");
    }
    for (const retention of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = mcevErrorOf(yrtRun(yrtBasis({ cededShare: undefined, retention })));
      expect(e.argument).toBe("retention");
      expect(e.message).toContain("is not an amount >= 0");
    }
    expect(mcevErrorOf(yrtRun(yrtBasis({ cededShare: 0.5, retention: 1000 }))).message).toMatch(/either a ceded share .* or a retention/);
    expect(mcevErrorOf(yrtRun(yrtBasis({ cededShare: undefined }))).argument).toBe("ceded_share");
    // the bounds themselves are accepted
    expect(() => yrtRun(yrtBasis({ cededShare: 0 }))()).not.toThrow();
    expect(() => qsRun(qsBasis({ quotaShare: 1 }))()).not.toThrow();
    expect(() => yrtRun(yrtBasis({ cededShare: undefined, retention: 0 }))()).not.toThrow();
  });

  it("missing premiums: no premium column, no rate in the premium table, a solved premium", () => {
    const noPremium = makeModelPoints({ ageAtEntry: [30], policyTerm: [10], policyCount: [1], sumAssured: [1e5] });
    const e1 = mcevErrorOf(qsRun(qsBasis(), noPremium));
    expect(e1.argument).toBe("model_points");
    expect(e1.message).toContain("has no premium column");
    const e2 = mcevErrorOf(qsRun(qsBasis({ premium: { kind: "rateTable", rate: (a) => (a === 30 ? 0.001 : undefined) } })));
    expect(e2.argument).toBe("premium_rates");
    expect(e2.message).toContain("has no rate for age at entry 40 and term 10 (model point row 2");
    expect(mcevErrorOf(qsRun(qsBasis({ premium: { kind: "solved", loading: 0.2 } }))).argument).toBe("premium_basis");
    // YRT needs no original premium
    expect(() => yrtRun(yrtBasis(), noPremium)()).not.toThrow();
  });

  it("negative commissions or expenses", () => {
    expect(mcevErrorOf(yrtRun(yrtBasis({ commissionFirstYear: -0.1 }))).argument).toBe("commission_first_year");
    expect(mcevErrorOf(qsRun(qsBasis({ commissionRenewal: Number.NaN }))).argument).toBe("commission_renewal");
    expect(mcevErrorOf(qsRun(qsBasis({ maintenancePerPolicyPerYear: -5 }))).argument).toBe("maintenance_per_policy");
  });
});
