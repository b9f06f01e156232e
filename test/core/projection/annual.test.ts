import { describe, expect, it } from "vitest";
import { discountSpotByYear, inflationIndex } from "../../../src/core/projection/discount";
import { runProjection, type ProjectionContext } from "../../../src/core/projection/engine";
import { makeLapseTable } from "../../../src/core/projection/lapse";
import { makeModelPoints } from "../../../src/core/projection/modelPoints";
import { makeMortalityTable } from "../../../src/core/projection/mortality";
import { immediateAnnuity } from "../../../src/core/projection/products/immediateAnnuity";
import { termAssurance, type TermBasis } from "../../../src/core/projection/products/termAssurance";
import { perPeriodLine, type PeriodLine } from "../../../src/core/projection/result";
import { mcevErrorOf } from "../../helpers";

/**
 * Annual steps (stepsPerYear 1) against the monthly engine on the same policies. Per-step rates keep
 * the one-year survival, so policies in force at every anniversary agree; without lapses the deaths
 * of each policy year agree too; at zero interest (timing within the year cannot matter) the PVs of
 * claims and expenses agree.
 */
const ages = Array.from({ length: 71 }, (_, k) => 20 + k);
const q = ages.flatMap((x) => [0.6, 0.8, 1].map((f) => f * 0.0008 * Math.pow(1.08, x - 20)));
const mortality = makeMortalityTable(20, q, 3);
const points = makeModelPoints({ ageAtEntry: [35, 50, 42], policyTerm: [10, 5, 20], policyCount: [10, 4, 7], sumAssured: [100000, 250000, 80000], durationMonths: [0, 24, -36], premium: [0, 0, 0] });

function basis(lapses: number[], cover: "LEVEL" | "DECREASING" = "LEVEL"): TermBasis {
  return { mortality, lapse: makeLapseTable(lapses), premium: { kind: "given" }, acquisitionPerPolicy: 300, maintenancePerPolicyPerYear: 0, commissionFirstYear: 0, commissionRenewal: 0, cover };
}
function ctx(stepsPerYear: number, rate: number, b: TermBasis): ProjectionContext {
  const steps = termAssurance.horizon(points, b, stepsPerYear);
  return { steps, stepsPerYear, discount: discountSpotByYear(new Array(40).fill(rate), steps + 1, stepsPerYear), inflation: inflationIndex(0, steps, stepsPerYear) };
}
const run = (b: TermBasis, p: number, rate = 0) => runProjection(termAssurance, points, b, ctx(p, rate, b));
/** Sum of a monthly line over each policy year (months 12k .. 12k + 11). */
function byYear(monthly: Float64Array, years: number): number[] {
  return Array.from({ length: years }, (_, k) => monthly.subarray(12 * k, 12 * k + 12).reduce((a, b) => a + b, 0));
}

describe("annual and monthly steps", () => {
  it("policies in force at every anniversary agree, with mortality and lapses", () => {
    const b = basis([0.1, 0.07, 0.05, 0.03]);
    const annual = run(b, 1);
    const monthly = run(b, 12);
    expect(annual.steps).toBe(24); // the future issue at 3 years + 20-year term + 1
    const a = perPeriodLine(annual, "policies_if");
    const m = perPeriodLine(monthly, "policies_if");
    for (let k = 1; k < annual.steps; k++) expect(Math.abs((a[k] as number) - (m[12 * k] as number))).toBeLessThan(1e-11);
    for (const line of ["maturities", "new_business"] as PeriodLine[]) {
      const al = perPeriodLine(annual, line);
      const ml = byYear(perPeriodLine(monthly, line), annual.steps);
      ml.forEach((x, k) => expect(Math.abs((al[k] as number) - x)).toBeLessThan(1e-11));
    }
  });

  it("without lapses, the deaths and claims of every policy year agree (level and decreasing cover)", () => {
    for (const cover of ["LEVEL", "DECREASING"] as const) {
      const b = basis([0], cover);
      const annual = run(b, 1);
      const monthly = run(b, 12);
      for (const line of ["deaths", "claims"] as PeriodLine[]) {
        const al = perPeriodLine(annual, line);
        byYear(perPeriodLine(monthly, line), annual.steps).forEach((x, k) => expect(Math.abs((al[k] as number) - x)).toBeLessThan(1e-8 * Math.max(1, x)));
      }
    }
  });

  it("at zero interest the PVs of claims and expenses agree; at 4% they differ only by timing within the year", () => {
    const b = basis([0]);
    const annual = run(b, 1);
    const monthly = run(b, 12);
    for (const k of [1, 2, 4]) expect(Math.abs((annual.pv[k] as number) - (monthly.pv[k] as number))).toBeLessThan(1e-8 * Math.abs(monthly.pv[k] as number));
    const a4 = run(b, 1, 0.04);
    const m4 = run(b, 12, 0.04);
    // claims paid at the start of the year (annual) are discounted less than monthly ones: within half a year of interest
    expect(a4.pv[1] as number).toBeGreaterThan(m4.pv[1] as number);
    expect((a4.pv[1] as number) / (m4.pv[1] as number)).toBeLessThan(1.04 ** 0.5);
  });

  it("the PV-only fast path and the per-period path agree at annual steps", () => {
    const b: TermBasis = { ...basis([0.1, 0.05]), premium: { kind: "solved", loading: 0.5 } };
    const nb = makeModelPoints({ ageAtEntry: [35, 44], policyTerm: [10, 15], policyCount: [10, 3], sumAssured: [100000, 50000], durationMonths: [0, -24] });
    const c = (() => {
      const steps = termAssurance.horizon(nb, b, 1);
      return { steps, stepsPerYear: 1, discount: discountSpotByYear(new Array(40).fill(0.03), steps + 1, 1), inflation: inflationIndex(0.02, steps, 1) };
    })();
    const full = runProjection(termAssurance, nb, b, c, { perPeriod: true });
    const fast = runProjection(termAssurance, nb, b, c, { perPeriod: false });
    expect(Array.from(fast.premiumByPoint)).toEqual(Array.from(full.premiumByPoint));
    for (let k = 0; k < 5; k++) expect(Math.abs((fast.pv[k] as number) - (full.pv[k] as number))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(full.pv[k] as number)));
    expect(full.pv[0] as number).toBeGreaterThan(0);
  });

  it("refuses durations that are not whole years, and products that run monthly only", () => {
    const odd = makeModelPoints({ ageAtEntry: [35], policyTerm: [10], policyCount: [1], sumAssured: [1000], durationMonths: [5], premium: [1] });
    const b = basis([0]);
    const c = { steps: 11, stepsPerYear: 1, discount: new Float64Array(12).fill(1), inflation: new Float64Array(11).fill(1) };
    expect(mcevErrorOf(() => runProjection(termAssurance, odd, b, c)).message).toMatch(/^model_points: row 1, column duration_mth: 5 is not a whole number of years/);
    const annuityPoints = makeModelPoints({ ageAtEntry: [65], policyTerm: [1], policyCount: [1], sumAssured: [12000], durationMonths: [12], premium: [0] });
    const annuityBasis = { mortality, premium: { kind: "given" as const }, acquisitionPerPolicy: 0, maintenancePerPolicyPerYear: 0, commissionRate: 0 };
    expect(mcevErrorOf(() => runProjection(immediateAnnuity, annuityPoints, annuityBasis, { ...c, steps: 30, discount: new Float64Array(31).fill(1), inflation: new Float64Array(30).fill(1) })).message).toMatch(/^steps_per_year: annual steps are available for TERM and DECREASING_TERM/);
  });
});
