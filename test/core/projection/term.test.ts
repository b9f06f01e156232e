import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { McevError } from "../../../src/core/errors";
import { discountSpotByYear, inflationIndex } from "../../../src/core/projection/discount";
import { runProjection, type ProjectionContext, type RunOptions } from "../../../src/core/projection/engine";
import { makeLapseTable, type LapseTable } from "../../../src/core/projection/lapse";
import { makeModelPoints, type ModelPoints } from "../../../src/core/projection/modelPoints";
import { makeMortalityTable, type MortalityTable } from "../../../src/core/projection/mortality";
import { roundCents, termAssurance, type PremiumBasis, type TermBasis } from "../../../src/core/projection/products/termAssurance";
import { perPeriodLine, PRODUCT_LINES, PV_LINES, type ProjectionResult } from "../../../src/core/projection/result";

/**
 * Term assurance (level and decreasing cover) checked against an independent scalar projection written
 * here, month by month, from the raw assumptions — lifelib BasicTerm conventions
 * (shared/benchmarks/lifelib-basicterm/README.md §4.1, §4.3): cash flows at the start of month t;
 * maturities, then new business, then deaths BD·qm and lapses (BD − deaths)·lm; policy year
 * d = floor(months since issue / 12); attained age entry + d; select column min(d, last).
 * Then the solved premium (equivalence principle), properties, cent rounding and the refusals of check().
 */

// ---------------------------------------------------------------------------------------------------------
// Raw assumptions (numbers only; the engine's tables are built from the same numbers)

const MIN_AGE = 20;
const MAX_AGE = 90;
/** Select factors by policy year 0, 1; the last column (factor 1) is the ultimate rate. */
const SELECT_FACTORS = [0.6, 0.8, 1] as const;
const COLUMNS = SELECT_FACTORS.length;
const LAPSE = [0.12, 0.09, 0.06, 0.04] as const;
const SPOT = 0.03;
const INFLATION = 0.02;
const ACQUISITION = 250;
const MAINTENANCE = 60;
const COMMISSION_FIRST = 0.8;
const COMMISSION_RENEWAL = 0.05;

/** Annual q by attained age and table column: 0.0005·1.09^(age − 20) × select factor. */
function annualQ(age: number, column: number): number {
  return 0.0005 * Math.pow(1.09, age - 20) * (SELECT_FACTORS[column] as number);
}

function qTable(q: (age: number, column: number) => number = annualQ): MortalityTable {
  const rates: number[] = [];
  for (let age = MIN_AGE; age <= MAX_AGE; age++) for (let c = 0; c < COLUMNS; c++) rates.push(q(age, c));
  return makeMortalityTable(MIN_AGE, rates, COLUMNS, "mortality");
}
const mortality = qTable();
const lapse = makeLapseTable(LAPSE);

function basis(premium: PremiumBasis, cover: "LEVEL" | "DECREASING" = "LEVEL", tables: { mortality?: MortalityTable; lapse?: LapseTable } = {}): TermBasis {
  return {
    mortality: tables.mortality ?? mortality,
    lapse: tables.lapse ?? lapse,
    premium,
    acquisitionPerPolicy: ACQUISITION,
    maintenancePerPolicyPerYear: MAINTENANCE,
    commissionFirstYear: COMMISSION_FIRST,
    commissionRenewal: COMMISSION_RENEWAL,
    cover,
  };
}
const GIVEN: PremiumBasis = { kind: "given" };

/** Flat 3% spot by projection year, 2% inflation; steps + 1 discount factors as ProjectionContext documents. */
function context(steps: number): ProjectionContext {
  const spots = new Array<number>(Math.ceil((steps + 1) / 12) + 1).fill(SPOT);
  return { steps, stepsPerYear: 12, discount: discountSpotByYear(spots, steps + 1), inflation: inflationIndex(INFLATION, steps) };
}

interface Point {
  x0: number;
  n: number;
  c: number;
  s: number;
  m0: number;
  premium?: number;
}

function modelPoints(ps: readonly Point[], withPremium = true): ModelPoints {
  return makeModelPoints({
    ageAtEntry: ps.map((p) => p.x0),
    policyTerm: ps.map((p) => p.n),
    policyCount: ps.map((p) => p.c),
    sumAssured: ps.map((p) => p.s),
    durationMonths: ps.map((p) => p.m0),
    premium: withPremium ? ps.map((p) => p.premium ?? 0) : undefined,
  });
}

function run(mp: ModelPoints, b: TermBasis, options: Partial<RunOptions> = {}, steps = termAssurance.horizon(mp)): ProjectionResult {
  return runProjection(termAssurance, mp, b, context(steps), { perPoint: true, ...options });
}

// ---------------------------------------------------------------------------------------------------------
// Independent scalar reference (no engine code: its own monthly conversion, discounting, ages, columns)

type RefLine = Exclude<(typeof PRODUCT_LINES)[number], "reserve">;
const REF_LINES: readonly RefLine[] = ["policies_if", "maturities", "new_business", "policies_bef_decr", "deaths", "lapses", "premiums", "claims", "expenses", "commissions", "net_cashflow", "sum_at_risk"];

interface Reference {
  steps: number;
  lines: Record<RefLine, number[]>;
  /** PV of premiums, claims, expenses, commissions, net cash flow (PV_LINES order). */
  pv: number[];
  pvByPoint: number[];
  premiums: number[];
}

const refMonthly = (annual: number) => 1 - Math.pow(1 - annual, 1 / 12);
const refDF = (t: number) => Math.pow(1 + SPOT, -t / 12);
const refINF = (t: number) => Math.pow(1 + INFLATION, t / 12);

interface RefAssumptions {
  q: (age: number, column: number) => number;
  lapse: readonly number[];
  decreasing: boolean;
}
const REF_DEFAULT: RefAssumptions = { q: annualQ, lapse: LAPSE, decreasing: false };

/** The greatest number of months any point needs: maturity month 12n − m0 included. */
function refSteps(ps: readonly Point[]): number {
  return ps.reduce((acc, p) => Math.max(acc, 12 * p.n - p.m0 + 1), 0);
}

/** Decrement rates and cover in policy year d of a point (d in 0 .. n − 1). */
function yearRates(p: Point, d: number, a: RefAssumptions): { qm: number; lm: number; cover: number } {
  const column = Math.min(d, COLUMNS - 1);
  return {
    qm: refMonthly(a.q(p.x0 + d, column)),
    lm: refMonthly(a.lapse[Math.min(d, a.lapse.length - 1)] as number),
    cover: a.decreasing ? (p.s * (p.n - d)) / p.n : p.s,
  };
}

/** Equivalence-principle net premium per policy of a point issued at t = −m0 >= 0 (valued at the valuation date). */
function refNetPremium(p: Point, a: RefAssumptions): number {
  const issue = -p.m0;
  let inforce = 1;
  let claims = 0;
  let annuity = 0;
  for (let k = 0; k < 12 * p.n; k++) {
    const { qm, lm, cover } = yearRates(p, Math.floor(k / 12), a);
    const v = refDF(issue + k);
    claims += cover * inforce * qm * v;
    annuity += inforce * v;
    inforce *= (1 - qm) * (1 - lm);
  }
  return claims / annuity;
}

/** Month-by-month projection of every point on a grid of `steps` months; premiums per point given. */
function reference(ps: readonly Point[], premiums: readonly number[], a: RefAssumptions, steps: number): Reference {
  const lines = Object.fromEntries(REF_LINES.map((name) => [name, new Array<number>(steps).fill(0)])) as Record<RefLine, number[]>;
  const pv = [0, 0, 0, 0, 0];
  const pvByPoint: number[] = [];
  ps.forEach((p, i) => {
    const P = premiums[i] as number;
    const maturity = 12 * p.n;
    // in force at the valuation date only if issued before it and not yet matured before it
    let bm = p.m0 > 0 && p.m0 <= maturity ? p.c : 0;
    let pointPv = 0;
    for (let t = 0; t < steps; t++) {
      const m = p.m0 + t;
      const d = Math.floor(m / 12);
      const mat = m === maturity ? bm : 0;
      const nb = m === 0 ? p.c : 0;
      const bd = bm - mat + nb;
      let qm = 0;
      let lm = 0;
      let cover = 0;
      if (m >= 0 && m < maturity) ({ qm, lm, cover } = yearRates(p, d, a));
      const deaths = bd * qm;
      const lapses = (bd - deaths) * lm;
      const prem = P * bd;
      const claims = cover * deaths;
      const exp = ACQUISITION * nb + ((bd * MAINTENANCE) / 12) * refINF(t);
      const com = prem * (d === 0 ? COMMISSION_FIRST : COMMISSION_RENEWAL);
      const net = prem - claims - exp - com;
      const row: Record<RefLine, number> = {
        policies_if: bm,
        maturities: mat,
        new_business: nb,
        reserve_held: 0,
        policies_bef_decr: bd,
        deaths,
        lapses,
        premiums: prem,
        claims,
        expenses: exp,
        commissions: com,
        net_cashflow: net,
        sum_at_risk: cover * bd,
      };
      for (const name of REF_LINES) (lines[name] as number[])[t] = (lines[name][t] as number) + row[name];
      const v = refDF(t);
      [prem, claims, exp, com, net].forEach((x, k) => (pv[k] = (pv[k] as number) + x * v));
      pointPv += net * v;
      bm = bd * (1 - qm) * (1 - lm);
    }
    pvByPoint.push(pointPv);
  });
  return { steps, lines, pv, pvByPoint, premiums: [...premiums] };
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons: 1e-12 relative, 1e-9 absolute near zero; `scale` = size of the terms a difference cancels

function expectNear(actual: number, expected: number, what: string, scale = 0): void {
  const tol = Math.max(1e-12 * Math.max(Math.abs(expected), scale), 1e-9);
  const diff = Math.abs(actual - expected);
  if (!(diff <= tol)) expect.fail(`${what}: ${actual} vs ${expected} (difference ${diff}, tolerance ${tol})`);
}

/** Size of the cash flows that net_cashflow nets off, at month t (or in PV). */
function netScale(prem: number, claims: number, exp: number, com: number): number {
  return Math.abs(prem) + Math.abs(claims) + Math.abs(exp) + Math.abs(com);
}

function expectMatchesReference(result: ProjectionResult, ref: Reference): void {
  expect(result.steps).toBe(ref.steps);
  for (const name of REF_LINES) {
    const got = perPeriodLine(result, name);
    const want = ref.lines[name];
    for (let t = 0; t < ref.steps; t++) {
      const scale = name === "net_cashflow" ? netScale(ref.lines.premiums[t] as number, ref.lines.claims[t] as number, ref.lines.expenses[t] as number, ref.lines.commissions[t] as number) : 0;
      expectNear(got[t] as number, want[t] as number, `${name}[${t}]`, scale);
    }
  }
  // no reserve for term assurance; the discount line is the context's
  expect(perPeriodLine(result, "reserve").every((x) => x === 0)).toBe(true);
  const df = perPeriodLine(result, "discount_factor");
  for (let t = 0; t < ref.steps; t++) expectNear(df[t] as number, refDF(t), `discount_factor[${t}]`);
  expectPvsMatch(result, ref);
}

function expectPvsMatch(result: ProjectionResult, ref: Reference): void {
  const pvScale = netScale(ref.pv[0] as number, ref.pv[1] as number, ref.pv[2] as number, ref.pv[3] as number);
  PV_LINES.forEach((name, k) => expectNear(result.pv[k] as number, ref.pv[k] as number, `PV ${name}`, name === "net_cashflow" ? pvScale : 0));
  ref.pvByPoint.forEach((x, i) => expectNear(result.pvByPoint?.[i] as number, x, `pvByPoint[${i}]`, pvScale));
}

/** The same totals from two runs: every product line and every PV (for properties). */
function expectSameTotals(a: ProjectionResult, b: ProjectionResult, what: string): void {
  expect(a.steps).toBe(b.steps);
  const prem = perPeriodLine(b, "premiums");
  const claims = perPeriodLine(b, "claims");
  const exp = perPeriodLine(b, "expenses");
  const com = perPeriodLine(b, "commissions");
  for (const name of REF_LINES) {
    const x = perPeriodLine(a, name);
    const y = perPeriodLine(b, name);
    for (let t = 0; t < b.steps; t++) {
      const scale = name === "net_cashflow" ? netScale(prem[t] as number, claims[t] as number, exp[t] as number, com[t] as number) : 0;
      expectNear(x[t] as number, y[t] as number, `${what}: ${name}[${t}]`, scale);
    }
  }
  expectSamePvs(a, b, what);
}

function expectSamePvs(a: ProjectionResult, b: ProjectionResult, what: string): void {
  const scale = netScale(b.pv[0] as number, b.pv[1] as number, b.pv[2] as number, b.pv[3] as number);
  PV_LINES.forEach((name, k) => expectNear(a.pv[k] as number, b.pv[k] as number, `${what}: PV ${name}`, name === "net_cashflow" ? scale : 0));
}

// ---------------------------------------------------------------------------------------------------------
// 1. Against the independent recursion

interface Scenario {
  name: string;
  cover: "LEVEL" | "DECREASING";
  points: Point[];
}

const LEVEL_NB: Point = { x0: 35, n: 10, c: 2, s: 100000, m0: 0, premium: 14.2 };
const DECREASING_17: Point = { x0: 42, n: 15, c: 3.5, s: 250000, m0: 17, premium: 61.37 };
const FUTURE_NB: Point = { x0: 28, n: 5, c: 4, s: 80000, m0: -7, premium: 9.85 };
const MATURING_NOW: Point = { x0: 50, n: 8, c: 2, s: 120000, m0: 96, premium: 40 };
const MATURED: Point = { x0: 45, n: 3, c: 5, s: 50000, m0: 40, premium: 22 };
const FIRST_YEAR_IN_FORCE: Point = { x0: 60, n: 4, c: 1.25, s: 30000, m0: 5, premium: 31.5 };
const MATURES_SOON: Point = { x0: 70, n: 20, c: 7, s: 10000, m0: 12 * 20 - 5, premium: 80.01 };

const scenarios: Scenario[] = [
  { name: "(a) level term, new business at t = 0, premium given", cover: "LEVEL", points: [LEVEL_NB] },
  { name: "(b) decreasing term in force at 17 months, count 3.5", cover: "DECREASING", points: [DECREASING_17] },
  { name: "(c) future new business, m0 = −7 (level)", cover: "LEVEL", points: [FUTURE_NB] },
  { name: "(c) future new business, m0 = −7 (decreasing)", cover: "DECREASING", points: [FUTURE_NB] },
  { name: "(d) a point maturing at the valuation date (m0 = 12·term): one month, maturities only", cover: "LEVEL", points: [MATURING_NOW] },
  { name: "(d) a point matured before the valuation date (m0 > 12·term): empty grid, nothing", cover: "LEVEL", points: [MATURED] },
  { name: "(d) maturing-now and matured points beside live ones contribute only the maturity", cover: "LEVEL", points: [MATURED, LEVEL_NB, MATURING_NOW, MATURES_SOON] },
  { name: "mixed portfolio, level", cover: "LEVEL", points: [LEVEL_NB, DECREASING_17, FUTURE_NB, MATURING_NOW, MATURED, FIRST_YEAR_IN_FORCE, MATURES_SOON] },
  { name: "mixed portfolio, decreasing", cover: "DECREASING", points: [LEVEL_NB, DECREASING_17, FUTURE_NB, MATURING_NOW, MATURED, FIRST_YEAR_IN_FORCE, MATURES_SOON] },
];

describe("term assurance against an independent month-by-month recursion", () => {
  for (const sc of scenarios) {
    it(`${sc.name}: every per-period line, the PVs and the PV by point; the PV-only path gives the same PVs`, () => {
      const mp = modelPoints(sc.points);
      const b = basis(GIVEN, sc.cover);
      const steps = refSteps(sc.points);
      expect(termAssurance.horizon(mp)).toBe(steps);
      const ref = reference(sc.points, sc.points.map((p) => p.premium as number), { ...REF_DEFAULT, decreasing: sc.cover === "DECREASING" }, steps);
      const full = run(mp, b, { perPeriod: true });
      expectMatchesReference(full, ref);
      expect(Array.from(full.premiumByPoint).filter((_, i) => (sc.points[i] as Point).m0 <= 12 * (sc.points[i] as Point).n)).toEqual(sc.points.filter((p) => p.m0 <= 12 * p.n).map((p) => p.premium));
      const fast = run(mp, b, { perPeriod: false });
      expect(fast.perPeriod).toBeUndefined();
      expectPvsMatch(fast, ref);
      expectSamePvs(fast, full, "PV-only vs per-period");
      expect(Array.from(fast.premiumByPoint)).toEqual(Array.from(full.premiumByPoint));
    });
  }

  it("(b) spot checks of the conventions: policy year 1 at t = 0 (select column 1, renewal commission), ultimate from t = 7, cover S·(15 − d)/15", () => {
    const p = DECREASING_17;
    const result = run(modelPoints([p]), basis(GIVEN, "DECREASING"));
    const bd = perPeriodLine(result, "policies_bef_decr");
    const deaths = perPeriodLine(result, "deaths");
    const claims = perPeriodLine(result, "claims");
    const com = perPeriodLine(result, "commissions");
    const prem = perPeriodLine(result, "premiums");
    expect(perPeriodLine(result, "policies_if")[0]).toBe(3.5);
    expect(bd[0]).toBe(3.5);
    // months 17..23: policy year 1, attained age 43, select column 1 (factor 0.8)
    expectNear(deaths[0] as number, 3.5 * refMonthly(0.0005 * Math.pow(1.09, 23) * 0.8), "deaths[0]");
    expectNear(claims[0] as number, ((250000 * 14) / 15) * (deaths[0] as number), "claims[0]");
    expectNear(com[0] as number, 0.05 * (prem[0] as number), "commissions[0]");
    // month 24 since issue = t 7: policy year 2, age 44, ultimate column
    const q7 = refMonthly(0.0005 * Math.pow(1.09, 24));
    expectNear(deaths[7] as number, (bd[7] as number) * q7, "deaths[7]");
    expectNear(claims[7] as number, ((250000 * 13) / 15) * (deaths[7] as number), "claims[7]");
    // no acquisition expense for business in force at the valuation date
    expectNear(perPeriodLine(result, "expenses")[0] as number, 3.5 * 5, "expenses[0]");
    // matures at month 180 since issue, t = 163; last exposed month t = 162
    expect(result.steps).toBe(164);
    expectNear(perPeriodLine(result, "maturities")[163] as number, (bd[162] as number) - (deaths[162] as number) - (perPeriodLine(result, "lapses")[162] as number), "maturities[163]");
    expect(bd[163]).toBe(0);
  });

  it("(c) nothing before issue at t = 7; new business, acquisition and first-year commission from then", () => {
    const result = run(modelPoints([FUTURE_NB]), basis(GIVEN));
    expect(result.steps).toBe(12 * 5 + 7 + 1);
    for (const name of REF_LINES) for (let t = 0; t < 7; t++) expect(perPeriodLine(result, name)[t]).toBe(0);
    expect(perPeriodLine(result, "new_business")[7]).toBe(4);
    expectNear(perPeriodLine(result, "expenses")[7] as number, 4 * ACQUISITION + 4 * 5 * refINF(7), "expenses[7]");
    expectNear(perPeriodLine(result, "commissions")[18] as number, 0.8 * (perPeriodLine(result, "premiums")[18] as number), "commissions[18]");
    expectNear(perPeriodLine(result, "commissions")[19] as number, 0.05 * (perPeriodLine(result, "premiums")[19] as number), "commissions[19]");
  });

  it("(d) the maturing point: in force 2 before maturities, 2 maturities, nothing else; the matured point adds nothing anywhere", () => {
    const result = run(modelPoints([MATURING_NOW]), basis(GIVEN));
    expect(result.steps).toBe(1);
    expect(perPeriodLine(result, "policies_if")[0]).toBe(2);
    expect(perPeriodLine(result, "maturities")[0]).toBe(2);
    for (const name of REF_LINES) if (name !== "policies_if" && name !== "maturities") expect(perPeriodLine(result, name)[0]).toBe(0);
    expect(Array.from(result.pv)).toEqual([0, 0, 0, 0, 0]);
    const gone = run(modelPoints([MATURED]), basis(GIVEN));
    expect(gone.steps).toBe(0);
    expect(Array.from(gone.pv)).toEqual([0, 0, 0, 0, 0]);
    expect(gone.pvByPoint?.[0]).toBe(0);
  });

  it("a premium from a rate table is round2(S · rate(age at entry, term)), in both paths", () => {
    const ps: Point[] = [LEVEL_NB, FUTURE_NB, DECREASING_17];
    const rate = (x0: number, n: number) => 0.0001 + 0.0000037 * x0 + 0.000001 * n;
    const b = basis({ kind: "rateTable", rate });
    const mp = modelPoints(ps, false);
    const want = ps.map((p) => Math.round(100 * p.s * rate(p.x0, p.n)) / 100);
    const full = run(mp, b, { perPeriod: true });
    const fast = run(mp, b, { perPeriod: false });
    expect(Array.from(full.premiumByPoint)).toEqual(want);
    expect(Array.from(fast.premiumByPoint)).toEqual(want);
    expectMatchesReference(full, reference(ps, want, REF_DEFAULT, refSteps(ps)));
    expectSamePvs(fast, full, "PV-only vs per-period");
  });
});

// ---------------------------------------------------------------------------------------------------------
// 2. Solved premium: equivalence principle

describe("solved premium (equivalence principle, loading 50%)", () => {
  const solvedPoints: Point[] = [
    { x0: 47, n: 10, c: 1, s: 622000, m0: 0 },
    { x0: 25, n: 20, c: 3, s: 150000, m0: 0 },
    { x0: 55, n: 5, c: 2.5, s: 90000, m0: -7 },
    { x0: 38, n: 1, c: 1, s: 400000, m0: -30 },
    { x0: 60, n: 12, c: 0.75, s: 1000000, m0: -13 },
  ];
  for (const cover of ["LEVEL", "DECREASING"] as const) {
    it(`${cover}: P = round2(1.5 · Σ S·deaths·DF / Σ inforce·DF) over each point's life; premiumByPoint and the whole projection in both paths`, () => {
      const a = { ...REF_DEFAULT, decreasing: cover === "DECREASING" };
      const want = solvedPoints.map((p) => {
        const loaded = 100 * 1.5 * refNetPremium(p, a);
        // away from a half-cent tie, so that any rounding to nearest gives the same cents
        expect(Math.abs(loaded - Math.floor(loaded) - 0.5)).toBeGreaterThan(1e-6);
        return Math.round(loaded) / 100;
      });
      const mp = modelPoints(solvedPoints, false);
      const b = basis({ kind: "solved", loading: 0.5 }, cover);
      const full = run(mp, b, { perPeriod: true });
      const fast = run(mp, b, { perPeriod: false });
      expect(Array.from(full.premiumByPoint)).toEqual(want);
      expect(Array.from(fast.premiumByPoint)).toEqual(want);
      const ref = reference(solvedPoints, want, a, refSteps(solvedPoints));
      expectMatchesReference(full, ref);
      expectPvsMatch(fast, ref);
    });
  }

  it("with loading 0 the premium is round2(NP): PV premiums ≈ PV claims for a single point (difference < half a cent × annuity)", () => {
    const p: Point = { x0: 40, n: 15, c: 1, s: 500000, m0: 0 };
    const r = run(modelPoints([p], false), basis({ kind: "solved", loading: 0 }), { perPeriod: false });
    const annuity = (r.pv[0] as number) / (r.premiumByPoint[0] as number);
    expect(Math.abs((r.pv[0] as number) - (r.pv[1] as number))).toBeLessThanOrEqual(0.005 * annuity + 1e-9);
  });

  it("cannot be solved for business already in force (m0 > 0): both paths refuse, naming model_points and the row", () => {
    const mp = modelPoints([{ x0: 40, n: 10, c: 1, s: 1000, m0: 0 }, { x0: 40, n: 10, c: 1, s: 1000, m0: 3 }], false);
    for (const perPeriod of [true, false]) {
      const e = thrown(() => run(mp, basis({ kind: "solved", loading: 0.5 }), { perPeriod }));
      expect(e.argument).toBe("model_points");
      expect(e.message).toContain("row 2");
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// 3. Properties

const pointArb = fc.record({
  x0: fc.integer({ min: 20, max: 60 }),
  n: fc.integer({ min: 1, max: 20 }),
  c: fc.double({ min: 0.5, max: 50, noNaN: true }),
  s: fc.double({ min: 1000, max: 2e6, noNaN: true }),
  m0: fc.integer({ min: -24, max: 240 }),
  premium: fc.double({ min: 1, max: 500, noNaN: true }),
});
const pointsArb = fc.array(pointArb, { minLength: 1, maxLength: 6 });
const coverArb = fc.constantFrom("LEVEL" as const, "DECREASING" as const);
const RUNS = { numRuns: 50 };

describe("term assurance: properties", () => {
  it("no decrements (q = 0, lapse 0): every policy reaches maturity — maturities at month 12·term − m0 equal the count; no deaths, no lapses", () => {
    const none = { mortality: qTable(() => 0), lapse: makeLapseTable([0]) };
    fc.assert(
      fc.property(pointsArb, coverArb, (ps, cover) => {
        const result = run(modelPoints(ps), basis(GIVEN, cover, none));
        expect(result.steps).toBe(refSteps(ps));
        expect(perPeriodLine(result, "deaths").every((x) => x === 0)).toBe(true);
        expect(perPeriodLine(result, "lapses").every((x) => x === 0)).toBe(true);
        const maturities = new Array<number>(result.steps).fill(0);
        const exposed = new Array<number>(result.steps).fill(0);
        for (const p of ps) {
          const end = 12 * p.n - p.m0;
          if (end < 0) continue;
          maturities[end] = (maturities[end] as number) + p.c;
          for (let t = Math.max(0, -p.m0); t < end; t++) exposed[t] = (exposed[t] as number) + p.c;
        }
        const mat = perPeriodLine(result, "maturities");
        const bd = perPeriodLine(result, "policies_bef_decr");
        for (let t = 0; t < result.steps; t++) {
          expectNear(mat[t] as number, maturities[t] as number, `maturities[${t}]`);
          expectNear(bd[t] as number, exposed[t] as number, `policies_bef_decr[${t}]`);
        }
        // one point: exactly the count, exactly at its maturity month
        const p = ps[0] as Point;
        const single = run(modelPoints([p]), basis(GIVEN, cover, none));
        const m = perPeriodLine(single, "maturities");
        if (p.m0 <= 12 * p.n) {
          expect(m[12 * p.n - p.m0]).toBe(p.c);
          expect(m.reduce((acc, x) => acc + x, 0)).toBe(p.c);
        } else expect(single.steps).toBe(0);
      }),
      RUNS,
    );
  });

  it("doubling the sum assured doubles claims, sum at risk and PV claims; counts, premiums and expenses are unchanged", () => {
    fc.assert(
      fc.property(pointsArb, coverArb, (ps, cover) => {
        const b = basis(GIVEN, cover);
        const one = run(modelPoints(ps), b);
        const two = run(modelPoints(ps.map((p) => ({ ...p, s: 2 * p.s }))), b);
        for (const name of ["claims", "sum_at_risk"] as const) {
          const x = perPeriodLine(one, name);
          const y = perPeriodLine(two, name);
          for (let t = 0; t < one.steps; t++) expectNear(y[t] as number, 2 * (x[t] as number), `${name}[${t}]`);
        }
        for (const name of ["policies_if", "maturities", "new_business", "policies_bef_decr", "deaths", "lapses", "premiums", "expenses", "commissions"] as const) {
          expect(Array.from(perPeriodLine(two, name))).toEqual(Array.from(perPeriodLine(one, name)));
        }
        expectNear(two.pv[1] as number, 2 * (one.pv[1] as number), "PV claims");
        expect(two.pv[0]).toBe(one.pv[0]);
      }),
      RUNS,
    );
  });

  it("splitting every model point into two halves (count/2 each) gives the same lines, PVs, and PV by point summed", () => {
    fc.assert(
      fc.property(pointsArb, coverArb, (ps, cover) => {
        const b = basis(GIVEN, cover);
        const whole = run(modelPoints(ps), b);
        const halves = ps.flatMap((p) => [{ ...p, c: p.c / 2 }, { ...p, c: p.c / 2 }]);
        const split = run(modelPoints(halves), b);
        expectSameTotals(split, whole, "split");
        const scale = netScale(whole.pv[0] as number, whole.pv[1] as number, whole.pv[2] as number, whole.pv[3] as number);
        ps.forEach((_, i) => expectNear((split.pvByPoint?.[2 * i] as number) + (split.pvByPoint?.[2 * i + 1] as number), whole.pvByPoint?.[i] as number, `pvByPoint[${i}]`, scale));
      }),
      RUNS,
    );
  });

  it("the PV-only path (by policy year) equals the per-period path: PVs, PV by point and premiums — given and solved premiums", () => {
    fc.assert(
      fc.property(pointsArb, coverArb, fc.boolean(), (ps, cover, solved) => {
        // a solved premium needs new business (m0 <= 0)
        const pts = solved ? ps.map((p) => ({ ...p, m0: Math.min(p.m0, 0) })) : ps;
        const b = basis(solved ? { kind: "solved", loading: 0.5 } : GIVEN, cover);
        const mp = modelPoints(pts);
        const full = run(mp, b, { perPeriod: true });
        const fast = run(mp, b, { perPeriod: false });
        expectSamePvs(fast, full, "PV-only vs per-period");
        expect(Array.from(fast.premiumByPoint)).toEqual(Array.from(full.premiumByPoint));
        const scale = netScale(full.pv[0] as number, full.pv[1] as number, full.pv[2] as number, full.pv[3] as number);
        pts.forEach((_, i) => expectNear(fast.pvByPoint?.[i] as number, full.pvByPoint?.[i] as number, `pvByPoint[${i}]`, scale));
        // and both agree with the reference
        const premiums = Array.from(full.premiumByPoint);
        expectPvsMatch(full, reference(pts, premiums, { ...REF_DEFAULT, decreasing: cover === "DECREASING" }, full.steps));
      }),
      RUNS,
    );
  });

  it("results are additive over slices [0, k) + [k, n) = [0, n), in both paths; PV by point and premiums per slice are the whole run's", () => {
    fc.assert(
      fc.property(pointsArb, coverArb, fc.nat(), fc.boolean(), (ps, cover, cut, perPeriod) => {
        const b = basis(GIVEN, cover);
        const mp = modelPoints(ps);
        const k = cut % (ps.length + 1);
        const whole = run(mp, b, { perPeriod });
        const left = run(mp, b, { perPeriod, from: 0, to: k });
        const right = run(mp, b, { perPeriod, from: k, to: ps.length });
        const sum: ProjectionResult = {
          ...whole,
          pv: left.pv.map((x, j) => x + (right.pv[j] as number)),
          perPeriod: left.perPeriod && right.perPeriod ? left.perPeriod.map((x, j) => x + (right.perPeriod?.[j] as number)) : undefined,
        };
        if (perPeriod) {
          // the discount line is written by every run, not a sum: compare product lines only
          expectSameTotals(sum, whole, `slices at ${k}`);
        } else expectSamePvs(sum, whole, `slices at ${k}`);
        for (let i = 0; i < ps.length; i++) {
          const part = i < k ? left : right;
          expect(part.pvByPoint?.[i]).toBe(whole.pvByPoint?.[i]);
          expect(part.premiumByPoint[i]).toBe(whole.premiumByPoint[i]);
          const other = i < k ? right : left;
          expect(other.pvByPoint?.[i]).toBe(0);
        }
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// 4. Cent rounding

describe("roundCents: to cents, ties to even (NumPy's around(x, 2))", () => {
  it("exact ties: x = k/8 with k odd, so that x·100 = 12.5·k is an exact half integer in binary", () => {
    // 0.125·100 = 12.5 → 12 (even); 0.375·100 = 37.5 → 38; 0.625 → 62; 0.875 → 88; 1.125 → 112; 2.375 → 238
    expect(roundCents(0.125)).toBe(0.12);
    expect(roundCents(0.375)).toBe(0.38);
    expect(roundCents(0.625)).toBe(0.62);
    expect(roundCents(0.875)).toBe(0.88);
    expect(roundCents(1.125)).toBe(1.12);
    expect(roundCents(2.375)).toBe(2.38);
    expect(roundCents(1000000.125)).toBe(1000000.12);
    // negative ties, to even as well
    expect(roundCents(-0.125)).toBe(-0.12);
    expect(roundCents(-0.375)).toBe(-0.38);
  });

  it("half-cent multiples that are exact: 0.005 → 0, 0.015 → 0.02, 0.025 → 0.02 (x·100 = 0.5, 1.5, 2.5 in float64)", () => {
    expect(0.015 * 100).toBe(1.5);
    expect(0.025 * 100).toBe(2.5);
    expect(roundCents(0.005)).toBe(0);
    expect(roundCents(0.015)).toBe(0.02);
    expect(roundCents(0.025)).toBe(0.02);
  });

  it("the tie is judged on the float64 product x·100, as NumPy does: 0.135·100 = 13.5 → 0.14; 0.115·100 = 11.5 → 0.12; 2.675·100 = 267.5 → 2.68; 0.145·100 = 14.499999999999998 → 0.14", () => {
    // 0.135, 0.115 and 2.675 are not exact in binary (2.675 is 2.67499999999999982…), but their products
    // with 100 round to exact half integers, which then go to even. Python's round(2.675, 2) gives 2.67;
    // NumPy's around gives 2.68, as here.
    expect(0.135 * 100).toBe(13.5);
    expect(roundCents(0.135)).toBe(0.14);
    expect(roundCents(0.115)).toBe(0.12);
    expect(roundCents(2.675)).toBe(2.68);
    expect(roundCents(0.145)).toBe(0.14);
  });

  it("non-ties round to nearest: 94.844 → 94.84, 94.846 → 94.85, 63.22441783754982·1.5 → 94.84 (README §4.2)", () => {
    expect(roundCents(94.844)).toBe(94.84);
    expect(roundCents(94.846)).toBe(94.85);
    expect(roundCents(1.5 * 63.22441783754982)).toBe(94.84);
  });

  it("agrees with Math.round(100x)/100 away from ties, and with an exact-decimal tie-to-even on k/8 multiples", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_000_000, max: 8_000_000 }), (k) => {
        const x = k / 8; // exact; x·100 = 12.5·k exact
        const hundred = 25 * k; // 2·(x·100), an integer
        const y = hundred / 2;
        const expected = hundred % 2 === 0 ? y : Math.floor(y) % 2 === 0 ? Math.floor(y) : Math.ceil(y);
        expect(roundCents(x)).toBe(expected / 100 + 0); // + 0 turns −0 into 0
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const y = x * 100;
        fc.pre(Math.abs(y - Math.floor(y) - 0.5) > 1e-9);
        expect(roundCents(x) + 0).toBe(Math.round(y) / 100 + 0);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// 5. check(): refusals

function thrown(f: () => unknown): McevError {
  try {
    f();
  } catch (e) {
    if (e instanceof McevError) return e;
    throw e;
  }
  throw new Error("expected an McevError, nothing was thrown");
}

describe("term assurance: check() refuses what the basis cannot project", () => {
  it("attained ages beyond the table (85 + 10 − 1 = 94 > 90): names the mortality table, the model point row and the ages", () => {
    const mp = modelPoints([LEVEL_NB, { x0: 85, n: 10, c: 1, s: 1000, m0: 0, premium: 5 }]);
    const e = thrown(() => termAssurance.check(mp, basis(GIVEN)));
    expect(e.argument).toBe("mortality");
    expect(e.message).toMatch(/^mortality: /);
    expect(e.message).toContain("model point row 2");
    expect(e.message).toContain("85..94");
    expect(e.message).toContain("20..90");
    // runProjection calls check() before projecting
    expect(thrown(() => run(mp, basis(GIVEN))).message).toBe(e.message);
  });

  it("an entry age below the table is refused; a point whose remaining attained ages are inside the table is accepted", () => {
    const e = thrown(() => termAssurance.check(modelPoints([{ x0: 18, n: 5, c: 1, s: 1000, m0: 0, premium: 5 }]), basis(GIVEN)));
    expect(e.argument).toBe("mortality");
    expect(e.message).toContain("model point row 1");
    expect(e.message).toContain("18..22");
    // in force 6 years: attained ages 21..24 from now on
    expect(() => termAssurance.check(modelPoints([{ x0: 15, n: 10, c: 1, s: 1000, m0: 72, premium: 5 }]), basis(GIVEN))).not.toThrow();
    // matured before the valuation date: not projected, not checked
    expect(() => termAssurance.check(modelPoints([{ x0: 88, n: 10, c: 1, s: 1000, m0: 121, premium: 5 }]), basis(GIVEN))).not.toThrow();
  });

  it('premium "given" without a premium column: refused, naming model_points and the premium column', () => {
    const mp = modelPoints([LEVEL_NB], false);
    const e = thrown(() => termAssurance.check(mp, basis(GIVEN)));
    expect(e.argument).toBe("model_points");
    expect(e.message).toContain("premium");
    expect(() => run(mp, basis(GIVEN))).toThrow(McevError);
  });

  it("a rate table without the (age at entry, term): refused, naming premium_rates, the age, the term and the row", () => {
    const rate = (x0: number, n: number) => (x0 === 40 && n === 7 ? undefined : 0.0002);
    const mp = modelPoints([LEVEL_NB, { x0: 40, n: 7, c: 1, s: 1000, m0: 0 }], false);
    const e = thrown(() => termAssurance.check(mp, basis({ kind: "rateTable", rate })));
    expect(e.argument).toBe("premium_rates");
    expect(e.message).toMatch(/^premium_rates: /);
    expect(e.message).toContain("age at entry 40");
    expect(e.message).toContain("term 7");
    expect(e.message).toContain("model point row 2");
    expect(() => run(mp, basis({ kind: "rateTable", rate }), { perPeriod: false })).toThrow(/premium_rates/);
  });

  it("an in-range portfolio passes check()", () => {
    expect(() => termAssurance.check(modelPoints(scenarios[7]?.points ?? []), basis(GIVEN))).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Regressions: two defects of the solved premium found by these tests and fixed

describe("term assurance: solved premium edge cases (fixed defects)", () => {
  it("a point with policy count 0 gets the same solved premium in both paths", () => {
    // the PV-only path solves NP = C/A from count-weighted sums (A = 0 when the count is 0); netPremium() works per policy
    const mp = modelPoints([{ x0: 40, n: 10, c: 0, s: 100000, m0: 0 }], false);
    const b = basis({ kind: "solved", loading: 0.5 });
    const full = run(mp, b, { perPeriod: true });
    const fast = run(mp, b, { perPeriod: false });
    expect(full.premiumByPoint[0]).toBeGreaterThan(0);
    expect(fast.premiumByPoint[0]).toBe(full.premiumByPoint[0]);
  });

  it("a grid shorter than the issue month of future new business: no NaN in either path", () => {
    // netPremium() sums over no months (0/0); the point has no cash flow on the grid, yet NaN·0 reaches pv[0], pv[3], pv[4]
    const mp = modelPoints([{ x0: 40, n: 10, c: 1, s: 100000, m0: -40 }], false);
    const b = basis({ kind: "solved", loading: 0.5 });
    const full = run(mp, b, { perPeriod: true }, 30);
    const fast = run(mp, b, { perPeriod: false }, 30);
    expect(Array.from(fast.pv)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(full.pv)).toEqual([0, 0, 0, 0, 0]);
    expect(full.premiumByPoint[0]).toBe(fast.premiumByPoint[0]);
  });
});
