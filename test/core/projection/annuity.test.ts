import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { McevError } from "../../../src/core/errors";
import { discountSpotByYear, inflationIndex } from "../../../src/core/projection/discount";
import { runProjection, type ProjectionContext } from "../../../src/core/projection/engine";
import { flatImprovement, improvementFactors, makeImprovementTable, mortalityImprovement, type ImprovementBasis } from "../../../src/core/projection/improvement";
import { makeModelPoints, type ModelPointColumns, type ModelPoints } from "../../../src/core/projection/modelPoints";
import { makeMortalityTable, type MortalityTable } from "../../../src/core/projection/mortality";
import { annuityHorizon, immediateAnnuity, type AnnuityBasis } from "../../../src/core/projection/products/immediateAnnuity";
import { presentValueOfLine, profitSignature } from "../../../src/core/projection/profit";
import { LINE, perPeriodLine, PRODUCT_LINES, type PeriodLine, type ProjectionResult } from "../../../src/core/projection/result";

/**
 * The immediate annuity product, checked against an independent scalar projection written here
 * (forward, month by month, with its own monthly conversion, improvement factors and brute-force
 * reserves), against closed forms (annuity-certain), by properties, and through the profit signature.
 */

const MIN_AGE = 60;
const MAX_AGE = 120;
const VALUATION_YEAR = 2024;
const INFLATION = 0.02;

/** Gompertz-like ultimate q by age 60..120 (capped at 0.6, q = 1 at 120); select column = 80% of it. */
function ultimateQ(age: number): number {
  return age === MAX_AGE ? 1 : Math.min(0.6, 0.004 * Math.pow(1.1, age - MIN_AGE));
}
function selectQ(age: number, policyYear: number): number {
  return age === MAX_AGE ? 1 : policyYear === 0 ? 0.8 * ultimateQ(age) : ultimateQ(age);
}
function table(q: (age: number, policyYear: number) => number = selectQ): MortalityTable {
  const rates: number[] = [];
  for (let age = MIN_AGE; age <= MAX_AGE; age++) rates.push(q(age, 0), q(age, 1));
  return makeMortalityTable(MIN_AGE, rates, 2, "mortality");
}
const gompertz = table();

/** Spot rates by projection year 2.0%, 2.1%, …; steps + 1 factors (the profit signature needs the last one). */
function context(steps: number): ProjectionContext {
  const spots = Array.from({ length: Math.ceil((steps + 1) / 12) + 1 }, (_, k) => 0.02 + 0.001 * k);
  return { steps, stepsPerYear: 12, discount: discountSpotByYear(spots, steps + 1), inflation: inflationIndex(INFLATION, steps) };
}

function basis(overrides: Partial<AnnuityBasis> = {}): AnnuityBasis {
  return {
    mortality: gompertz,
    premium: { kind: "solved", loading: 0.04 },
    acquisitionPerPolicy: 500,
    maintenancePerPolicyPerYear: 120,
    commissionRate: 0.02,
    valuationYear: VALUATION_YEAR,
    ...overrides,
  };
}

function points(cols: Partial<ModelPointColumns> & { ageAtEntry: number[] }): ModelPoints {
  const n = cols.ageAtEntry.length;
  return makeModelPoints({ policyTerm: new Array<number>(n).fill(1), policyCount: new Array<number>(n).fill(1), sumAssured: new Array<number>(n).fill(12000), ...cols });
}

function run(mp: ModelPoints, b: AnnuityBasis, steps = immediateAnnuity.horizon(mp, b), perPeriod = true): ProjectionResult {
  return runProjection(immediateAnnuity, mp, b, context(steps), { perPeriod, perPoint: true });
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
const line = (r: ProjectionResult, name: PeriodLine) => Array.from(perPeriodLine(r, name));

// ---------------------------------------------------------------------------------------------------------
// The independent reference: one point, forward month by month, no shared code but the context arrays.

interface Reference {
  bm: number[];
  nb: number[];
  bd: number[];
  deaths: number[];
  premiums: number[];
  payments: number[];
  expenses: number[];
  commissions: number[];
  /** Reserve at the start of t for the policies in force then, by brute-force forward summation. */
  reserve: number[];
  premium: number;
  pv: { premiums: number; claims: number; expenses: number; commissions: number; net: number };
}

interface RefPoint {
  x0: number;
  m0: number;
  count: number;
  amount: number;
  q?: (age: number, policyYear: number) => number;
  /** Cumulative improvement factor of attained age `age` in projection year k. */
  improvement?: (age: number, k: number) => number;
  premium?: number;
  loading?: number;
  acq?: number;
  maint?: number;
  commission?: number;
}

function reference(p: RefPoint, ctx: ProjectionContext): Reference {
  const { x0, m0, count, amount } = p;
  const q = p.q ?? selectQ;
  const acq = p.acq ?? 500;
  const maint = p.maint ?? 120;
  const com = p.commission ?? 0.02;
  const n = ctx.steps;
  const z = (): number[] => new Array<number>(n).fill(0);
  const r: Reference = { bm: z(), nb: z(), bd: z(), deaths: z(), premiums: z(), payments: z(), expenses: z(), commissions: z(), reserve: z(), premium: 0, pv: { premiums: 0, claims: 0, expenses: 0, commissions: 0, net: 0 } };
  const df = (t: number) => ctx.discount[t] as number;
  const outgo = z(); // payments + maintenance of the policies exposed in month t
  let alive = m0 > 0 ? count : 0;
  for (let t = 0; t < n; t++) {
    const m = m0 + t;
    if (m < 0) continue;
    const policyYear = Math.floor(m / 12);
    const age = x0 + policyYear;
    if (age > MAX_AGE) break;
    const newPolicies = m === 0 ? count : 0;
    const exposed = alive + newPolicies;
    let annualQ = age === MAX_AGE ? 1 : q(age, Math.min(policyYear, 1));
    if (p.improvement && annualQ < 1) annualQ = Math.min(1, annualQ * p.improvement(age, Math.floor(t / 12)));
    const monthlyQ = 1 - Math.pow(1 - annualQ, 1 / 12);
    r.bm[t] = alive;
    r.nb[t] = newPolicies;
    r.bd[t] = exposed;
    const deaths = exposed * monthlyQ;
    const payments = (exposed * amount) / 12;
    r.deaths[t] = deaths;
    r.payments[t] = payments;
    outgo[t] = payments + ((exposed * maint) / 12) * Math.pow(1 + INFLATION, t / 12);
    alive = exposed - deaths;
  }
  const issue = m0 <= 0 && -m0 < n ? -m0 : -1;
  if (issue >= 0) {
    let pvAtIssue = 0;
    for (let t = issue; t < n; t++) pvAtIssue += (outgo[t] as number) * (df(t) / df(issue));
    r.premium = p.premium ?? Math.round((1 + (p.loading ?? 0.04)) * (pvAtIssue / count) * 100) / 100;
    r.premiums[issue] = r.premium * count;
    r.commissions[issue] = com * r.premium * count;
  }
  for (let t = 0; t < n; t++) {
    r.expenses[t] = (outgo[t] as number) - (r.payments[t] as number) + acq * (r.nb[t] as number);
    // brute force: the policies in force at t receive the outgo of t, t + 1, … (survivors only)
    const inForce = r.bm[t] as number;
    if (inForce > 0) {
      let s = 0;
      for (let u = t; u < n; u++) s += (outgo[u] as number) * (df(u) / df(t));
      r.reserve[t] = (s * inForce) / (r.bd[t] as number);
    }
    r.pv.premiums += (r.premiums[t] as number) * df(t);
    r.pv.claims += (r.payments[t] as number) * df(t);
    r.pv.expenses += (r.expenses[t] as number) * df(t);
    r.pv.commissions += (r.commissions[t] as number) * df(t);
  }
  r.pv.net = r.pv.premiums - r.pv.claims - r.pv.expenses - r.pv.commissions;
  return r;
}

/** Two references added line by line (the premium is the first one's). */
function addReferences(a: Reference, b: Reference): Reference {
  const add = (x: number[], y: number[]) => x.map((v, t) => v + (y[t] as number));
  return {
    bm: add(a.bm, b.bm),
    nb: add(a.nb, b.nb),
    bd: add(a.bd, b.bd),
    deaths: add(a.deaths, b.deaths),
    premiums: add(a.premiums, b.premiums),
    payments: add(a.payments, b.payments),
    expenses: add(a.expenses, b.expenses),
    commissions: add(a.commissions, b.commissions),
    reserve: add(a.reserve, b.reserve),
    premium: a.premium,
    pv: {
      premiums: a.pv.premiums + b.pv.premiums,
      claims: a.pv.claims + b.pv.claims,
      expenses: a.pv.expenses + b.pv.expenses,
      commissions: a.pv.commissions + b.pv.commissions,
      net: a.pv.net + b.pv.net,
    },
  };
}

function expectLinesMatch(result: ProjectionResult, ref: Reference, tol = 1e-10): void {
  const pairs: [(typeof PRODUCT_LINES)[number], number[]][] = [
    ["policies_if", ref.bm],
    ["new_business", ref.nb],
    ["policies_bef_decr", ref.bd],
    ["deaths", ref.deaths],
    ["premiums", ref.premiums],
    ["claims", ref.payments],
    ["expenses", ref.expenses],
    ["commissions", ref.commissions],
    ["reserve", ref.reserve],
  ];
  for (const [name, expected] of pairs) {
    const got = line(result, name);
    let worst = 0;
    for (let t = 0; t < result.steps; t++) worst = Math.max(worst, rel(got[t] as number, expected[t] as number));
    expect(worst, name).toBeLessThan(tol);
  }
  const ncf = line(result, "net_cashflow");
  for (let t = 0; t < result.steps; t++) {
    const expected = (ref.premiums[t] as number) - (ref.payments[t] as number) - (ref.expenses[t] as number) - (ref.commissions[t] as number);
    expect(rel(ncf[t] as number, expected)).toBeLessThan(tol);
  }
  expect(line(result, "lapses").every((x) => x === 0)).toBe(true);
  expect(rel(result.pv[0] as number, ref.pv.premiums)).toBeLessThan(tol);
  expect(rel(result.pv[1] as number, ref.pv.claims)).toBeLessThan(tol);
  expect(rel(result.pv[2] as number, ref.pv.expenses)).toBeLessThan(tol);
  expect(rel(result.pv[3] as number, ref.pv.commissions)).toBeLessThan(tol);
  expect(rel(result.pv[4] as number, ref.pv.net)).toBeLessThan(tol);
}

// ---------------------------------------------------------------------------------------------------------

describe("immediate annuity: one policy against an independent scalar projection", () => {
  it("new business at 65, 12,000 a year, premium solved with a 4% loading: every line, the PVs and the premium", () => {
    const mp = points({ ageAtEntry: [65] });
    const b = basis();
    const steps = immediateAnnuity.horizon(mp, b);
    expect(steps).toBe(12 * (MAX_AGE + 1 - 65)); // 672 months: until the point reaches 121
    const result = run(mp, b);
    const ref = reference({ x0: 65, m0: 0, count: 1, amount: 12000 }, context(steps));
    expectLinesMatch(result, ref);
    expect(result.premiumByPoint[0]).toBe(ref.premium);
    expect(ref.premium).toBeGreaterThan(150000);
    expect(ref.premium).toBeLessThan(250000);
    // the first month: one payment of 1,000 and expenses 500 + 10 at issue; no reserve before new business
    expect(perPeriodLine(result, "claims")[0]).toBe(1000);
    expect(perPeriodLine(result, "expenses")[0]).toBeCloseTo(510, 12);
    expect(perPeriodLine(result, "reserve")[0]).toBe(0);
    expect(perPeriodLine(result, "reserve")[1]).toBeGreaterThan(0);
    // the block ends in the first month of age 120 (q = 1): everybody left dies then, nobody is paid after
    const closing = 12 * (MAX_AGE - 65);
    expect(perPeriodLine(result, "policies_bef_decr")[closing]).toBeGreaterThan(0);
    expect(rel(perPeriodLine(result, "deaths")[closing] as number, perPeriodLine(result, "policies_bef_decr")[closing] as number)).toBeLessThan(1e-15);
    expect(line(result, "policies_bef_decr").slice(closing + 1).every((x) => x === 0)).toBe(true);
  });

  it("in force (entry 70, 30 months, 3 policies): reserve(0) = brute-force PV of future payments and expenses", () => {
    const mp = points({ ageAtEntry: [70], durationMonths: [30], policyCount: [3], sumAssured: [6000] });
    const b = basis();
    const steps = immediateAnnuity.horizon(mp, b);
    expect(steps).toBe(12 * (MAX_AGE + 1 - 70) - 30);
    const ctx = context(steps);
    const result = run(mp, b);
    const ref = reference({ x0: 70, m0: 30, count: 3, amount: 6000 }, ctx);
    expectLinesMatch(result, ref);
    // no premium, acquisition or commission for business already in force
    expect(result.premiumByPoint[0]).toBe(0);
    expect(result.pv[0]).toBe(0);
    expect(result.pv[3]).toBe(0);
    // reserve(0) = Σ_t outgo(t)·DF(t) by forward summation (DF(0) = 1) = −PV(net cash flow)
    let bruteForce = 0;
    for (let t = 0; t < steps; t++) bruteForce += ((ref.payments[t] as number) + (ref.expenses[t] as number)) * (ctx.discount[t] as number);
    const r0 = perPeriodLine(result, "reserve")[0] as number;
    expect(rel(r0, bruteForce)).toBeLessThan(1e-12);
    expect(rel(r0, -(result.pv[4] as number))).toBeLessThan(1e-12);
    // sum at risk: minus the reserve of the exposed policies
    expect(perPeriodLine(result, "sum_at_risk")[0]).toBe(0); // floored at 0: a death releases the reserve
  });

  it("future new business (issued in month 5) with a given single premium of 180,000", () => {
    const mp = points({ ageAtEntry: [68], durationMonths: [-5], premium: [180000], policyCount: [2] });
    const b = basis({ premium: { kind: "given" } });
    const result = run(mp, b);
    const ref = reference({ x0: 68, m0: -5, count: 2, amount: 12000, premium: 180000 }, context(result.steps));
    expectLinesMatch(result, ref);
    expect(result.premiumByPoint[0]).toBe(180000);
    expect(perPeriodLine(result, "premiums")[5]).toBe(360000);
    expect(perPeriodLine(result, "commissions")[5]).toBe(7200);
    expect(line(result, "claims").slice(0, 5).every((x) => x === 0)).toBe(true);
  });

  it("with flat 1.5% improvement and with an improvement table by age and year: matches the reference's own products of (1 − imp)", () => {
    const flat = 0.015;
    const mp = points({ ageAtEntry: [66, 72], durationMonths: [0, 40], policyCount: [1, 2] });
    const bFlat = basis({ improvement: flatImprovement(flat) });
    const result = run(mp, bFlat);
    const ctx = context(result.steps);
    const refs = [reference({ x0: 66, m0: 0, count: 1, amount: 12000, improvement: (_age, k) => Math.pow(1 - flat, k) }, ctx), reference({ x0: 72, m0: 40, count: 2, amount: 12000, improvement: (_age, k) => Math.pow(1 - flat, k) }, ctx)];
    const total = addReferences(refs[0]!, refs[1]!);
    expectLinesMatch(result, total);

    // a table for ages 70..74 (older ages use 74's rates) and years 2024..2026 (2026 continues), base year 2022
    const years = [2024, 2025, 2026];
    const rate = (age: number, year: number) => 0.005 + 0.001 * (Math.min(Math.max(age, 70), 74) - 70) + 0.002 * (Math.min(Math.max(year, 2024), 2026) - 2024);
    const rates: number[] = [];
    for (let age = 70; age <= 74; age++) for (const y of years) rates.push(rate(age, y));
    const imp = makeImprovementTable(70, 2024, 3, rates, { baseYear: 2022 });
    const bTable = basis({ improvement: imp });
    const r2 = run(mp, bTable);
    const factor = (age: number, k: number) => {
      let f = 1;
      for (let y = 2022; y < VALUATION_YEAR + k; y++) f *= 1 - rate(age, y); // 2022 and 2023 use 2024's column
      return f;
    };
    const ref2 = [reference({ x0: 66, m0: 0, count: 1, amount: 12000, improvement: factor }, ctx), reference({ x0: 72, m0: 40, count: 2, amount: 12000, improvement: factor }, ctx)];
    expectLinesMatch(r2, addReferences(ref2[0]!, ref2[1]!));
    expect(r2.premiumByPoint[0]).toBe(ref2[0]!.premium);
    // base year 2022 rather than the valuation year: two more years of improvement, more payments
    const fromValuation = run(mp, basis({ improvement: makeImprovementTable(70, 2024, 3, rates) }));
    expect(r2.pv[1] as number).toBeGreaterThan(fromValuation.pv[1] as number);
  });

  it("the PV-only path agrees with the per-period path (PV lines, premiums, PV by point)", () => {
    const mp = points({ ageAtEntry: [60, 65, 75, 90, 119], durationMonths: [0, -13, 50, 200, 6], policyCount: [1, 2.5, 4, 1, 1], sumAssured: [10000, 24000, 3600, 8000, 5000] });
    const b = basis({ improvement: flatImprovement(0.01) });
    const full = run(mp, b);
    const fast = run(mp, b, full.steps, false);
    expect(fast.perPeriod).toBeUndefined();
    expect(Array.from(fast.premiumByPoint)).toEqual(Array.from(full.premiumByPoint));
    for (let k = 0; k < 5; k++) expect(rel(fast.pv[k] as number, full.pv[k] as number)).toBeLessThan(1e-13);
    for (let i = 0; i < mp.count; i++) expect(fast.pvByPoint?.[i]).toBe(full.pvByPoint?.[i]);
    // PV lines equal the PVs of the per-period lines
    const ctx = context(full.steps);
    const names = ["premiums", "claims", "expenses", "commissions", "net_cashflow"] as const;
    names.forEach((name, k) => expect(rel(presentValueOfLine(full, ctx.discount, LINE[name], false), full.pv[k] as number)).toBeLessThan(1e-12));
  });
});

// ---------------------------------------------------------------------------------------------------------

const pointArb = fc.record({
  x0: fc.integer({ min: 60, max: 105 }),
  m0: fc.integer({ min: -24, max: 180 }),
  count: fc.double({ min: 0.5, max: 20, noNaN: true }),
  amount: fc.double({ min: 100, max: 50000, noNaN: true }),
});

describe("immediate annuity: properties", () => {
  it("no deaths (q = 0 below the closing age): a payment every month to the closing month, PV = annuity-certain", () => {
    const noDeaths = table(() => 0);
    fc.assert(
      fc.property(pointArb, ({ x0, m0, count, amount }) => {
        const mp = points({ ageAtEntry: [x0], durationMonths: [m0], policyCount: [count], sumAssured: [amount] });
        const b = basis({ mortality: noDeaths, maintenancePerPolicyPerYear: 0 });
        const result = run(mp, b);
        const start = Math.max(0, -m0);
        const closing = 12 * (MAX_AGE - x0) - m0; // the first month of age 120: the last payment
        expect(result.steps).toBe(closing + 12);
        const exposed = line(result, "policies_bef_decr");
        const claims = line(result, "claims");
        for (let t = 0; t < result.steps; t++) {
          const paid = t >= start && t <= closing;
          expect(exposed[t]).toBe(paid ? count : 0);
          if (paid) expect(rel(claims[t] as number, (count * amount) / 12)).toBeLessThan(1e-15);
          else expect(claims[t]).toBe(0);
        }
        expect(line(result, "deaths").reduce((a, x) => a + x, 0)).toBe(count);
        const df = context(result.steps).discount;
        let certain = 0;
        for (let t = start; t <= closing; t++) certain += (count * amount * (df[t] as number)) / 12;
        expect(rel(result.pv[1] as number, certain)).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it("closed form: 100 a month for 12·(120 − 65) + 1 months at a flat 3% = 100·(1 − v^n)/(1 − v), v = 1.03^(−1/12)", () => {
    const mp = points({ ageAtEntry: [65], sumAssured: [1200] });
    const steps = annuityHorizon(mp, MAX_AGE);
    const ctx: ProjectionContext = { steps, stepsPerYear: 12, discount: discountSpotByYear(new Array<number>(60).fill(0.03), steps + 1), inflation: inflationIndex(0, steps) };
    const result = runProjection(immediateAnnuity, mp, basis({ mortality: table(() => 0), maintenancePerPolicyPerYear: 0 }), ctx);
    const v = Math.pow(1.03, -1 / 12);
    const n = 12 * 55 + 1;
    expect(rel(result.pv[1] as number, (100 * (1 - Math.pow(v, n))) / (1 - v))).toBeLessThan(1e-12);
    expect((result.pv[1] as number).toFixed(2)).toBe(((100 * (1 - Math.pow(v, n))) / (1 - v)).toFixed(2));
  });

  it("doubling the annuity amount doubles the payments and the reserve (no maintenance expense)", () => {
    fc.assert(
      fc.property(pointArb, ({ x0, m0, count, amount }) => {
        const b = basis({ maintenancePerPolicyPerYear: 0 });
        const one = points({ ageAtEntry: [x0], durationMonths: [m0], policyCount: [count], sumAssured: [amount] });
        const two = points({ ageAtEntry: [x0], durationMonths: [m0], policyCount: [count], sumAssured: [2 * amount] });
        const r1 = run(one, b);
        const r2 = run(two, b);
        expect(rel(r2.pv[1] as number, 2 * (r1.pv[1] as number))).toBeLessThan(1e-13);
        const c1 = line(r1, "claims");
        const c2 = line(r2, "claims");
        const v1 = line(r1, "reserve");
        const v2 = line(r2, "reserve");
        let worstClaims = 0;
        let worstReserve = 0;
        for (let t = 0; t < r1.steps; t++) {
          worstClaims = Math.max(worstClaims, rel(c2[t] as number, 2 * (c1[t] as number)));
          worstReserve = Math.max(worstReserve, rel(v2[t] as number, 2 * (v1[t] as number)));
        }
        expect(worstClaims).toBeLessThan(1e-13);
        expect(worstReserve).toBeLessThan(1e-12);
        expect(perPeriodLine(r1, "reserve")[0] as number).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 25 },
    );
  });

  it("splitting a model point into two halves gives the same totals", () => {
    fc.assert(
      fc.property(pointArb, fc.boolean(), ({ x0, m0, count, amount }, improved) => {
        const b = basis({ premium: { kind: "solved", loading: 0.03 }, improvement: improved ? flatImprovement(0.012) : undefined });
        const whole = run(points({ ageAtEntry: [x0], durationMonths: [m0], policyCount: [count], sumAssured: [amount] }), b);
        const halves = run(points({ ageAtEntry: [x0, x0], durationMonths: [m0, m0], policyCount: [count / 2, count / 2], sumAssured: [amount, amount] }), b);
        expect(halves.premiumByPoint[0]).toBe(whole.premiumByPoint[0]);
        for (let k = 0; k < 5; k++) expect(rel(halves.pv[k] as number, whole.pv[k] as number)).toBeLessThan(1e-12);
        for (const name of PRODUCT_LINES) {
          const a = line(whole, name);
          const h = line(halves, name);
          let worst = 0;
          for (let t = 0; t < whole.steps; t++) worst = Math.max(worst, rel(h[t] as number, a[t] as number));
          expect(worst, name).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("a flat improvement of 0 gives exactly the run without improvement", () => {
    const mp = points({ ageAtEntry: [61, 70, 88], durationMonths: [0, 25, 130], policyCount: [1, 3, 2] });
    const none = run(mp, basis());
    const zero = run(mp, basis({ improvement: flatImprovement(0) }));
    const zeroTable = run(mp, basis({ improvement: makeImprovementTable(60, 2020, 2, new Array<number>(2 * 61).fill(0)) }));
    expect(Array.from(zero.perPeriod ?? [])).toEqual(Array.from(none.perPeriod ?? []));
    expect(Array.from(zeroTable.perPeriod ?? [])).toEqual(Array.from(none.perPeriod ?? []));
    expect(Array.from(zero.pv)).toEqual(Array.from(none.pv));
  });

  it("a positive improvement increases the PV of payments and the reserve; a negative one decreases them", () => {
    fc.assert(
      fc.property(pointArb, fc.double({ min: 0.001, max: 0.05, noNaN: true }), ({ x0, m0, count, amount }, rate) => {
        const mp = points({ ageAtEntry: [x0], durationMonths: [Math.max(m0, 13)], policyCount: [count], sumAssured: [amount] });
        const none = run(mp, basis());
        const better = run(mp, basis({ improvement: flatImprovement(rate) }));
        const worse = run(mp, basis({ improvement: flatImprovement(-rate) }));
        expect(better.pv[1] as number).toBeGreaterThan(none.pv[1] as number);
        expect(worse.pv[1] as number).toBeLessThan(none.pv[1] as number);
        expect(perPeriodLine(better, "reserve")[0] as number).toBeGreaterThan(perPeriodLine(none, "reserve")[0] as number);
      }),
      { numRuns: 25 },
    );
  });

  it("improvement factors: q(x, k) = q_base(x)·Π_{j<k}(1 − imp(x, 2024 + j)), base year before and after the valuation year", () => {
    const imp = makeImprovementTable(80, 2024, 2, [0.01, 0.02, 0.03, 0.04]); // ages 80, 81; years 2024, 2025 (continuing)
    const f = improvementFactors(imp, 80, 2, VALUATION_YEAR, 4);
    expect(Array.from(f)).toEqual([1, 1, 0.99, 0.97, 0.99 * 0.98, 0.97 * 0.96, 0.99 * 0.98 * 0.98, 0.97 * 0.96 * 0.96]);
    const early = improvementFactors({ ...imp, baseYear: 2022 }, 80, 1, VALUATION_YEAR, 1); // 2022, 2023 use 2024's rate
    expect(early[0]).toBeCloseTo(0.99 * 0.99, 15);
    const late = improvementFactors({ ...imp, baseYear: 2025 }, 80, 1, VALUATION_YEAR, 2);
    expect(Array.from(late)).toEqual([1 / 0.99, 1]);
    // the monthly lookup: improved annual q, capped at 1, a closing q of 1 kept, converted once
    const qm = mortalityImprovement(gompertz, flatImprovement(0.02), VALUATION_YEAR, 3);
    const row = 85 - MIN_AGE;
    expect(qm(row, 1, 2)).toBeCloseTo(1 - Math.pow(1 - ultimateQ(85) * 0.98 * 0.98, 1 / 12), 15);
    expect(qm(MAX_AGE - MIN_AGE, 0, 2)).toBe(1);
    const worse = mortalityImprovement(gompertz, flatImprovement(-0.9), VALUATION_YEAR, 3);
    expect(worse(115 - MIN_AGE, 1, 2)).toBe(1); // 0.6 · 1.9² > 1: capped
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("immediate annuity: profit signature", () => {
  const profitBasis = { taxRate: 0.25, capitalReserveShare: 0.04, capitalSumAtRiskShare: 0.003 };
  const imp = makeImprovementTable(60, 2024, 3, Array.from({ length: 61 * 3 }, (_, k) => 0.01 + 0.002 * (k % 3)));

  it("Σ PBT(t)·DF(t+1) = PV(net cash flow) + reserve(0) for a mixed block with improvement", () => {
    const mp = points({ ageAtEntry: [60, 67, 75, 83, 95], durationMonths: [0, -7, 36, 100, 250], policyCount: [10, 5, 40, 25, 8], sumAssured: [9000, 15000, 6000, 4800, 3000] });
    const b = basis({ improvement: imp });
    const result = run(mp, b);
    const ctx = context(result.steps);
    profitSignature(result, ctx.discount, profitBasis);
    const pbt = presentValueOfLine(result, ctx.discount, LINE.profit_before_tax, true);
    const r0 = perPeriodLine(result, "reserve")[0] as number;
    expect(r0).toBeGreaterThan(1e6);
    expect(rel(pbt, (result.pv[4] as number) + r0)).toBeLessThan(1e-10);
    // tax and capital lines
    const tax = line(result, "tax");
    line(result, "profit_before_tax").forEach((x, t) => expect(tax[t]).toBeCloseTo(0.25 * x, 9));
    // capital is held on the reserve of the policies exposed in the month: new business issued at t = 0 included
    const held = perPeriodLine(result, "reserve_held");
    expect(held[0] as number).toBeGreaterThan(r0 + 1e5);
    expect(perPeriodLine(result, "required_capital")[0]).toBeCloseTo(0.04 * (held[0] as number) + 0.003 * (perPeriodLine(result, "sum_at_risk")[0] as number), 6);
    // months without new business or maturities: held = reserve
    const reserve = perPeriodLine(result, "reserve");
    const nb = perPeriodLine(result, "new_business");
    const mat = perPeriodLine(result, "maturities");
    for (let t = 1; t < 120; t++) if (nb[t] === 0 && mat[t] === 0) expect(held[t] as number).toBeCloseTo(reserve[t] as number, 6);
  });

  it("best-estimate reserve: in-force business makes no profit in any period; new business only its day-one profit", () => {
    const mp = points({ ageAtEntry: [72, 64], durationMonths: [20, -3], policyCount: [7, 2] });
    const b = basis({ improvement: imp });
    const result = run(mp, b);
    const ctx = context(result.steps);
    profitSignature(result, ctx.discount, profitBasis);
    const pbt = line(result, "profit_before_tax");
    const scale = perPeriodLine(result, "reserve")[0] as number;
    // day one of the new business (month 3): SP − V(issue) − acquisition − commission, carried to the end of the month
    const sp = result.premiumByPoint[1] as number;
    const inForceOnly = run(points({ ageAtEntry: [72], durationMonths: [20], policyCount: [7] }), b, result.steps);
    const nbOnly = run(points({ ageAtEntry: [64], durationMonths: [-3], policyCount: [2] }), b, result.steps);
    // W(issue) = 2·V(issue) = outgo of the issue month + reserve(issue + 1)·DF(issue + 1)/DF(issue)
    const vIssue = (perPeriodLine(nbOnly, "claims")[3] as number) + (perPeriodLine(nbOnly, "expenses")[3] as number) - 2 * 500 + (perPeriodLine(nbOnly, "reserve")[4] as number) * ((ctx.discount[4] as number) / (ctx.discount[3] as number));
    expect(inForceOnly.premiumByPoint[0]).toBe(0);
    const dayOne = (2 * sp - vIssue - 2 * 500 - 0.02 * 2 * sp) * ((ctx.discount[3] as number) / (ctx.discount[4] as number));
    for (let t = 0; t < result.steps; t++) {
      if (t === 3) expect(rel(pbt[t] as number, dayOne)).toBeLessThan(1e-9);
      else expect(Math.abs(pbt[t] as number)).toBeLessThan(1e-9 * scale);
    }
    expect(dayOne).toBeGreaterThan(0); // the 4% loading covers acquisition and commission here
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("immediate annuity: refusals", () => {
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(McevError);
      return (e as McevError).message;
    }
    throw new Error("expected a refusal");
  };
  const attempt = (mp: ModelPoints, b: AnnuityBasis) => () => runProjection(immediateAnnuity, mp, b, context(12));

  it("an age outside the mortality table: at entry, or attained at the valuation date", () => {
    expect(message(attempt(points({ ageAtEntry: [70, 55] }), basis()))).toBe("mortality: model point row 2 (age_at_entry 55, duration_mth 0) has attained age 55, outside the table's 60..120");
    expect(message(attempt(points({ ageAtEntry: [118], durationMonths: [36] }), basis()))).toMatch(/^mortality: model point row 1 .* attained age 121, outside the table's 60\.\.120$/);
    // a point that entered before the table's first age but is now inside it is projected
    expect(() => attempt(points({ ageAtEntry: [58], durationMonths: [30] }), basis())()).not.toThrow();
  });

  it("a bad improvement rate names the table, the row and the column (its calendar year)", () => {
    const rates = new Array<number>(5 * 3).fill(0.01);
    rates[2 * 3 + 1] = 1.5; // row 3 (age 62), column 2021
    expect(message(() => makeImprovementTable(60, 2020, 3, rates))).toBe("mortality_improvement (value 8): row 3, column 2021: 1.5 is not an annual improvement rate strictly between −1 and 1 (age 62)");
    expect(message(() => flatImprovement(-1))).toBe("mortality_improvement: -1 is not an annual improvement rate strictly between −1 and 1");
    expect(message(() => makeImprovementTable(60, 2020, 3, [0.01, 0.02]))).toMatch(/^mortality_improvement: has 2 rates, not a whole number of rows of 3 years/);
    // a table built by hand is checked by the product too, and needs the valuation year
    const bad: ImprovementBasis = { kind: "table", minAge: 60, firstYear: 2020, years: 1, rates: Float64Array.of(0.01, Number.NaN) };
    expect(message(attempt(points({ ageAtEntry: [65] }), basis({ improvement: bad })))).toMatch(/^mortality_improvement \(value 2\): row 2, column 2020: NaN is not/);
    const good: ImprovementBasis = { kind: "table", minAge: 60, firstYear: 2020, years: 1, rates: Float64Array.of(0.01) };
    expect(message(attempt(points({ ageAtEntry: [65] }), basis({ improvement: good, valuationYear: undefined })))).toMatch(/^valuation_year: is needed/);
  });

  it("a missing premium when the basis says given, negative amounts", () => {
    expect(message(attempt(points({ ageAtEntry: [65] }), basis({ premium: { kind: "given" } })))).toMatch(/^model_points: has no premium column, and the premium basis says the single premium is given \(row 1/);
    // in-force points need no premium
    expect(() => attempt(points({ ageAtEntry: [65], durationMonths: [3] }), basis({ premium: { kind: "given" } }))()).not.toThrow();
    const raw: ModelPoints = { ...points({ ageAtEntry: [65, 66] }), sumAssured: Float64Array.of(12000, -1) };
    expect(message(attempt(raw, basis()))).toBe("model_points (value 2): row 2, column sum_assured (the annual annuity amount): -1 is not an amount >= 0");
    const rawPremium: ModelPoints = { ...points({ ageAtEntry: [65] }), premium: Float64Array.of(-5) };
    expect(message(attempt(rawPremium, basis({ premium: { kind: "given" } })))).toMatch(/^model_points \(value 1\): row 1, column premium \(the single premium\): -5 is not/);
    expect(message(attempt(points({ ageAtEntry: [65] }), basis({ maintenancePerPolicyPerYear: -10 })))).toBe("annuity_basis: maintenance_per_policy_per_year: -10 is not an amount >= 0");
  });
});
