import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mcevErrorOf } from "../../helpers";
import { makeTriangle, scaleTriangle, type Triangle } from "../../../src/core/reserving/triangle";
import { mackChainLadder, resolveSigmaRule, tailFactorLogLinear, type MackResult } from "../../../src/core/reserving/mack";

/*
 * Published references used below (all numbers are quoted exactly as printed there):
 *
 * [R-Mack]  R package ChainLadder, reference page of MackChainLadder (mages.github.io/ChainLadder,
 *           reference/MackChainLadder.md, rendered examples): GenIns with est.sigma = "Mack" ("compare to
 *           table 2 and 3 in Mack's 1993 paper"), Mortgage with tail = 1.05, tail.sigma = 71, tail.se = 0.02
 *           (Mack 1999), and Mortgage with an estimated tail s.e. and σ.
 * [R-Summ]  Same package, reference page of summary.MackChainLadder: summary(MackChainLadder(RAA)), the
 *           default est.sigma = "log-linear", printed to 7 significant digits.
 * [R-Unit]  Same package, inst/unitTests/runit.MackChainLadder.R (test.Mack1999: Table 1 of Mack 1999;
 *           test.MackRAA: "26880.74"; test.MackRAA_tail_equals_1.05: "28669.91") and runit.ChainLadder.R
 *           (test.tailfactor: tailfactor(c(1.2, 1.1, 1.05)) = 1.050839, tolerance 1e-4).
 * [Mack94]  MackChainLadder(RAA, est.sigma = "Mack") as printed in the ChainLadder vignette and in
 *           T. Mack (1994), "Measuring the variability of chain ladder reserve estimates", CAS Forum
 *           Spring 1994 (Mack.S.E. total 26,909.01; per origin 206, 623, 747, 1,469, 2,002, 2,209, 5,358,
 *           6,333, 24,566), as quoted by independent reproductions (found with the code search).
 * [Mack93]  T. Mack (1993), ASTIN Bulletin 23(2): Taylor–Ashe standard errors; total 2,447,095.
 * [Mack99]  T. Mack (1999), ASTIN Bulletin 29(2): the Mortgage example, Table 1 (f, s.e.(f), F.se for
 *           origin 3, σ; tail 1.05 with s.e. 0.02 and σ 71).
 *
 * [R-UK]    Same package, reference page of UKMotor: MackChainLadder(UKMotor, est.sigma = "Mack").
 *
 * Triangles (cumulative, origins in rows, blank after the latest diagonal) as printed in ChainLadder's
 * dataset pages: RAA (Reinsurance Association of America, Mack 1994), GenIns (Taylor & Ashe 1983, Mack
 * 1993), Mortgage (Mack 1999), UKMotor (Christofides 1997, Claims Reserving Manual vol. 2, D5). When the
 * reference copies in test/reference/reserving/ exist, a test checks that they hold the same numbers.
 */

const RAA_CSV = `
5012,8269,10907,11805,13539,16181,18009,18608,18662,18834
106,4285,5396,10666,13782,15599,15496,16169,16704,
3410,8992,13873,16141,18735,22214,22863,23466,,
5655,11555,15766,21266,23425,26083,27067,,,
1092,9565,15836,22169,25955,26180,,,,
1513,6445,11702,12935,15852,,,,,
557,4020,10946,12314,,,,,,
1351,6947,13112,,,,,,,
3133,5395,,,,,,,,
2063,,,,,,,,,
`;

const GENINS_CSV = `
357848,1124788,1735330,2218270,2745596,3319994,3466336,3606286,3833515,3901463
352118,1236139,2170033,3353322,3799067,4120063,4647867,4914039,5339085,
290507,1292306,2218525,3235179,3985995,4132918,4628910,4909315,,
310608,1418858,2195047,3757447,4029929,4381982,4588268,,,
443160,1136350,2128333,2897821,3402672,3873311,,,,
396132,1333217,2180715,2985752,3691712,,,,,
440832,1288463,2419861,3483130,,,,,,
359480,1421128,2864498,,,,,,,
376686,1363294,,,,,,,,
344014,,,,,,,,,
`;

const MORTGAGE_CSV = `
58046,127970,476599,1027692,1360489,1647310,1819179,1906852,1950105
24492,141767,984288,2142656,2961978,3683940,4048898,4115760,
32848,274682,1522637,3203427,4445927,5158781,5342585,,
21439,529828,2900301,4999019,6460112,6853904,,,
40397,763394,2920745,4989572,5648563,,,,
90748,951994,4210640,5866482,,,,,
62096,868480,1954797,,,,,,
24983,284441,,,,,,,
13121,,,,,,,,
`;

const UKMOTOR_CSV = `
3511,6726,8992,10704,11763,12350,12690
4001,7703,9981,11161,12117,12746,
4355,8287,10233,11755,12993,,
4295,7750,9773,11093,,,
4150,7897,10217,,,,
5102,9650,,,,,
6283,,,,,,
`;

/** A tiny CSV reader: one origin a line, blank cells after the diagonal; a non-numeric first line is a header. */
function parseCsv(text: string): (number | undefined)[][] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const rows = lines.map((l) => l.split(",").map((c) => c.trim().replace(/^"|"$/g, "")));
  if (rows[0]?.some((c) => c !== "" && !Number.isFinite(Number(c)))) rows.shift();
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === undefined || r[j] === "" ? undefined : Number(r[j]))));
}

const triangle = (csv: string): Triangle => makeTriangle(parseCsv(csv));
const RAA = triangle(RAA_CSV);
const GENINS = triangle(GENINS_CSV);
const MORTGAGE = triangle(MORTGAGE_CSV);
const UKMOTOR = triangle(UKMOTOR_CSV);

/**
 * |actual − printed| within half a unit of the last printed digit (plus 1e−9 relative for the binary
 * rounding of the printed value): the precision the reference was published with.
 */
function expectPrinted(actual: number, printed: string, label = ""): void {
  const clean = printed.replace(/,/g, "");
  const decimals = clean.includes(".") ? (clean.split(".")[1] as string).length : 0;
  const value = Number(clean);
  const tol = 0.5 * 10 ** -decimals + 1e-9 * Math.abs(value);
  expect(Math.abs(actual - value), `${label}: ${actual} vs printed ${printed}`).toBeLessThanOrEqual(tol);
}

function expectAllPrinted(actual: ArrayLike<number>, printed: string[], label: string): void {
  expect(actual.length).toBe(printed.length);
  printed.forEach((p, i) => expectPrinted(actual[i] as number, p, `${label}[${i + 1}]`));
}

function expectNoNaN(r: MackResult): void {
  const arrays = [r.factors, r.sigma, r.factorSe, r.latest, r.ultimate, r.ibnr, r.mackSe, r.processSe, r.parameterSe, r.cv];
  for (const a of arrays) for (const v of a) expect(Number.isFinite(v)).toBe(true);
  for (const v of Object.values(r.total)) expect(Number.isFinite(v)).toBe(true);
}

describe("reference triangles", () => {
  it("the inline copies are the published triangles (spot checks) and agree with test/reference/reserving when present", () => {
    expect(RAA.origins).toBe(10);
    expect(Array.from(RAA.observed)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(GENINS.values[9]).toBe(3901463);
    expect(MORTGAGE.devs).toBe(9);
    const dir = join(__dirname, "..", "..", "reference", "reserving");
    for (const [file, tri] of [
      ["raa.csv", RAA],
      ["genins.csv", GENINS],
      ["mortgage.csv", MORTGAGE],
      ["ukmotor.csv", UKMOTOR],
    ] as const) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const other = makeTriangle(parseCsv(readFileSync(path, "utf8")));
      expect(Array.from(other.observed), file).toEqual(Array.from(tri.observed));
      expect(Array.from(other.values), file).toEqual(Array.from(tri.values));
    }
  });
});

describe("Taylor–Ashe (GenIns), Mack's rule: Mack 1993 / R MackChainLadder(GenIns, est.sigma = \"Mack\")", () => {
  const r = mackChainLadder(GENINS, { sigmaRule: "MACK" });

  it("factors and σ² as printed by R (GNI$f, GNI$sigma^2)", () => {
    expectAllPrinted(r.factors, ["3.490607", "1.747333", "1.457413", "1.173852", "1.103824", "1.086269", "1.053874", "1.076555", "1.017725"], "f");
    expectAllPrinted(
      r.sigma.map((s) => s * s),
      ["160280.3275", "37736.8550", "41965.2130", "15182.9027", "13731.3239", "8185.7716", "446.6166", "1147.3660", "446.6166"],
      "sigma^2",
    );
    expect(r.estimatedSigmas).toBe(8);
    expect(r.sigmaRuleUsed).toBe("MACK");
  });

  it("IBNR and Mack S.E. by origin and in total", () => {
    expectAllPrinted(r.ibnr, ["0", "94,634", "469,511", "709,638", "984,889", "1,419,459", "2,177,641", "3,920,301", "4,278,972", "4,625,811"], "IBNR");
    expectAllPrinted(r.mackSe, ["0", "75,535", "121,699", "133,549", "261,406", "411,010", "558,317", "875,328", "971,258", "1,363,155"], "Mack.S.E");
    expectAllPrinted(r.cv.subarray(1), ["0.798", "0.259", "0.188", "0.265", "0.290", "0.256", "0.223", "0.227", "0.295"], "CV");
    expect(r.cv[0]).toBe(0); // IBNR 0: CV 0 (R prints NaN)
    expectPrinted(r.total.latest, "34,358,090.00", "Latest");
    expectPrinted(r.total.ultimate, "53,038,945.61", "Ultimate");
    expectPrinted(r.total.ibnr, "18,680,855.61", "IBNR");
    expectPrinted(r.total.mackSe, "2,447,094.86", "Mack S.E."); // Mack 1993: 2,447,095
    expectPrinted(r.total.cv, "0.13", "CV");
    expectNoNaN(r);
  });

  it("the recursion equals Mack 1993's closed forms, covariance term included", () => {
    expectClosedForm(GENINS, r);
  });
});

describe("RAA, log-linear σ: R summary(MackChainLadder(RAA))", () => {
  const r = mackChainLadder(RAA, { sigmaRule: "LOGLINEAR" });

  it("keeps the log-linear σ (slope p-value well below 0.05)", () => {
    expect(r.sigmaRuleUsed).toBe("LOGLINEAR");
    // scipy.stats.linregress(1..8, log σ_k): p-value 0.0008072718852648857
    expect(Math.abs((r.sigmaFitPValue as number) - 0.0008072718852648857)).toBeLessThan(1e-13);
    expect(r.estimatedSigmas).toBe(8);
  });

  it("by origin, 7 significant digits", () => {
    expectAllPrinted(r.ultimate, ["18834.00", "16857.95", "24083.37", "28703.14", "28926.74", "19501.10", "17749.30", "24019.19", "16044.98", "18402.44"], "Ultimate");
    expectAllPrinted(r.ibnr, ["0.0000", "153.9539", "617.3709", "1636.1422", "2746.7363", "3649.1032", "5435.3026", "10907.1925", "10649.9841", "16339.4425"], "IBNR");
    expectAllPrinted(r.mackSe, ["0.0000", "142.9317", "592.1483", "712.8539", "1452.0903", "1994.9878", "2203.8385", "5354.3405", "6331.5430", "24565.7757"], "Mack.S.E");
    expectAllPrinted(r.cv.subarray(1), ["0.9284058", "0.9591451", "0.4356919", "0.5286603", "0.5467063", "0.4054675", "0.4909000", "0.5945120", "1.5034647"], "CV");
  });

  it("totals: IBNR 52,135.23, Mack S.E. 26,880.74 (not 26,909: that is Mack's rule, below)", () => {
    expectPrinted(r.total.latest, "160987", "Latest");
    expectPrinted(r.total.ultimate, "213122.23", "Ultimate");
    expectPrinted(r.total.ibnr, "52135.23", "IBNR");
    expectPrinted(r.total.mackSe, "26880.74", "Mack S.E."); // [R-Unit] test.MackRAA: sprintf("%.2f") == "26880.74"
    expectPrinted(r.total.cv, "0.5155965", "CV");
    expectNoNaN(r);
  });
});

describe("RAA, Mack's rule: Mack 1994 / R MackChainLadder(RAA, est.sigma = \"Mack\")", () => {
  const r = mackChainLadder(RAA);

  it("MACK is the default rule; Mack S.E. by origin and total 26,909.01", () => {
    expect(r.sigmaRule).toBe("MACK");
    expect(r.sigmaFitPValue).toBeUndefined();
    expectAllPrinted(r.mackSe, ["0", "206", "623", "747", "1469", "2002", "2209", "5358", "6333", "24566"], "Mack.S.E");
    expectPrinted(r.total.ibnr, "52135.23", "IBNR");
    expectPrinted(r.total.mackSe, "26909.01", "Mack S.E.");
    // Mack 1994: σ²_9 = min(σ⁴_8/σ²_7, σ²_7, σ²_8) = 1.34 (the log-linear value would be exp(−0.44) = 0.64)
    expectPrinted((r.sigma[8] as number) ** 2, "1.343", "sigma_9^2");
    expectPrinted((mackChainLadder(RAA, { sigmaRule: "LOGLINEAR" }).sigma[8] as number) ** 2, "0.6454", "log-linear sigma_9^2");
    expectClosedForm(RAA, r);
  });

  it("with a given tail 1.05 (s.e. and σ of the tail estimated): total 28,669.91 [R-Unit]", () => {
    const t = mackChainLadder(RAA, { tail: 1.05 });
    expect(t.tailFactor).toBe(1.05);
    expect(t.tail?.estimated).toBe(false);
    expectPrinted(t.total.mackSe, "28669.91", "Mack S.E. with tail");
    expectPrinted(t.total.ibnr, String(r.total.ultimate * 1.05 - r.total.latest), "IBNR with tail");
    expect(t.mackSe[0]).toBeGreaterThan(0); // the fully developed origin carries the tail's uncertainty
    expectNoNaN(t);
  });
});

describe("tail: Mack 1999 Mortgage example", () => {
  it("given tail 1.05, s.e. 0.02, σ 71 (Mack's rule): Table 1 of Mack 1999 and R's printed output", () => {
    const r = mackChainLadder(MORTGAGE, { tail: 1.05, tailSe: 0.02, tailSigma: 71, sigmaRule: "MACK" });
    expect(r.tail).toEqual({ factor: 1.05, se: 0.02, sigma: 71, estimated: false });
    // Mack 1999 Table 1 (R's test.Mack1999 vectors, last entry = the tail)
    expectAllPrinted([...r.factors, r.tailFactor], ["11.10", "4.092", "1.708", "1.276", "1.139", "1.069", "1.026", "1.023", "1.05"], "f");
    expectAllPrinted([...r.factorSe, r.tail?.se ?? NaN], ["2.24", "0.517", "0.122", "0.051", "0.042", "0.023", "0.015", "0.012", "0.02"], "se(f)");
    expectAllPrinted([...r.sigma, r.tail?.sigma ?? NaN], ["1337", "988.5", "440.1", "207", "164.2", "74.60", "35.49", "16.89", "71"], "sigma");
    // F.se of origin 3: σ_k / √Ĉ_3k over all developments, the tail's with Ĉ_39
    const c3: number[] = [];
    for (let k = 0; k < 9; k++) c3.push(k < 7 ? (MORTGAGE.values[2 * 9 + k] as number) : (c3[k - 1] as number) * (r.factors[k - 1] as number));
    const fse3 = [...r.sigma].map((s, k) => s / Math.sqrt(c3[k] as number));
    fse3.push(71 / Math.sqrt(c3[8] as number));
    expectAllPrinted(fse3, ["7.38", "1.89", "0.357", "0.116", "0.078", "0.033", "0.015", "0.007", "0.03"], "F.se[3,]");
    // R's print of MRT
    expectAllPrinted(r.ibnr, ["97,505", "303,813", "545,456", "1,218,667", "1,928,523", "4,174,250", "3,759,398", "3,118,154", "1,729,787"], "IBNR");
    expectAllPrinted(r.mackSe, ["106,544", "179,977", "249,708", "417,857", "670,156", "1,127,984", "1,377,496", "1,901,740", "2,293,437"], "Mack.S.E");
    expectAllPrinted(r.cv, ["1.093", "0.592", "0.458", "0.343", "0.347", "0.270", "0.366", "0.610", "1.326"], "CV");
    expectPrinted(r.total.latest, "32,029,758.00", "Latest");
    expectPrinted(r.total.ultimate, "48,905,312.55", "Ultimate");
    expectPrinted(r.total.ibnr, "16,875,554.55", "IBNR");
    expectPrinted(r.total.mackSe, "4,053,667.67", "Mack S.E.");
    expectPrinted(r.total.cv, "0.24", "CV");
    expectNoNaN(r);
  });

  it("log-linear σ without a tail: CV 26% (Table 6 of Mack 1999, as R's example checks)", () => {
    const r = mackChainLadder(MORTGAGE, { sigmaRule: "LOGLINEAR" });
    expect(r.sigmaRuleUsed).toBe("LOGLINEAR");
    expectPrinted(r.total.cv, "0.26", "CV");
  });

  it("tail 1.05 with its s.e. and σ estimated as R does: f.se 0.02093287, σ 55.45125, CV 24%", () => {
    const r = mackChainLadder(MORTGAGE, { tail: 1.05, sigmaRule: "LOGLINEAR" });
    expectPrinted(r.tail?.se ?? NaN, "0.02093287", "tail se");
    expectPrinted(r.tail?.sigma ?? NaN, "55.45125", "tail sigma");
    expectPrinted(r.total.cv, "0.24", "CV");
    expectNoNaN(r);
  });

  it("tail 1.05 with s.e. 0.05: CV 27%, parameter risk of the total 3,142,387 = 18.62094% of the IBNR", () => {
    const r = mackChainLadder(MORTGAGE, { tail: 1.05, tailSe: 0.05, sigmaRule: "LOGLINEAR" });
    expect(r.tail?.se).toBe(0.05);
    expectPrinted(r.tail?.sigma ?? NaN, "55.45125", "tail sigma");
    expectPrinted(r.total.cv, "0.27", "CV");
    expectPrinted(r.total.parameterSe, "3142387", "Total.ParameterRisk");
    expectPrinted(r.total.parameterSe / r.total.ibnr, "0.1862094", "parameter CV");
  });
});

describe("estimated tail (R's tailfactor)", () => {
  it("tailfactor(c(1.2, 1.1, 1.05)) = 1.050839 [R-Unit]", () => {
    expectPrinted(tailFactorLogLinear([1.2, 1.1, 1.05]), "1.050839");
  });

  it("no tail when f[n−2]·f[n−1] <= 1.0001, and a tail over 2 is reset to 1", () => {
    expect(tailFactorLogLinear([1.5, 1.2, 1.00004, 1.00005, 1.3])).toBe(1);
    expect(tailFactorLogLinear([1.1, 1.2, 1.4, 1.8])).toBe(1); // growing f − 1: the product explodes
  });

  it("starts the extrapolation after the last factor > 1 (mages/ChainLadder PR #11: n <- max(fn))", () => {
    // log(f − 1) exactly linear in k over the factors > 1 (k = 1, 2, 4): 0.4·2^−k; f_3 = 0.99 is dropped
    const f = [1.2, 1.1, 0.99, 1.025];
    let expected = 1;
    for (let k = 5; k <= 104; k++) expected *= 1 + 0.4 * 2 ** -k;
    expect(tailFactorLogLinear(f)).toBeCloseTo(expected, 14);
  });

  it("RAA, tail = true: factor 1.009436 (the same log-linear fit gives chainladder-python's TailCurve 120-Ult CDF 1.009436)", () => {
    const r = mackChainLadder(RAA, { tail: true, sigmaRule: "LOGLINEAR" });
    expect(r.tail?.estimated).toBe(true);
    expectPrinted(r.tailFactor, "1.009436", "tail");
    expect(r.total.mackSe).toBeGreaterThan(mackChainLadder(RAA, { sigmaRule: "LOGLINEAR" }).total.mackSe);
    expectNoNaN(r);
  });

  it("a tail of exactly 1 is no tail; tailSe and tailSigma are then ignored (as in R)", () => {
    const a = mackChainLadder(RAA, { tail: 1, tailSe: 0.1, tailSigma: 5 });
    const b = mackChainLadder(RAA);
    expect(a.tail).toBeUndefined();
    expect(a.total.mackSe).toBe(b.total.mackSe);
  });
});

describe("UKMotor, Mack's rule: R MackChainLadder(UKMotor, est.sigma = \"Mack\") [R-UK]", () => {
  it("IBNR and Mack S.E. by origin, totals 28,655.77 and 1,417.27", () => {
    const r = mackChainLadder(UKMOTOR);
    expectAllPrinted(r.ibnr, ["0", "351", "1,038", "2,045", "3,663", "7,162", "14,397"], "IBNR");
    expectAllPrinted(r.mackSe, ["0.00", "3.62", "22.90", "141.98", "426.70", "692.39", "900.58"], "Mack.S.E");
    expectAllPrinted(r.cv.subarray(1), ["0.0103", "0.0221", "0.0694", "0.1165", "0.0967", "0.0626"], "CV");
    expectPrinted(r.total.latest, "75,672.00", "Latest");
    expectPrinted(r.total.ultimate, "104,327.77", "Ultimate");
    expectPrinted(r.total.ibnr, "28,655.77", "IBNR");
    expectPrinted(r.total.mackSe, "1,417.27", "Mack S.E.");
    expectClosedForm(UKMOTOR, r);
  });
});

// ------------------------------------------------------------------------------------------------ properties

/** Random staircase triangles of positive cumulative amounts (n origins × n developments). */
const staircase = fc
  .integer({ min: 4, max: 9 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: 10, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([first, growth]) => {
    const n = first.length;
    return makeTriangle(
      first.map((c0, i) => {
        const row: (number | undefined)[] = [c0];
        for (let j = 1; j < n; j++) row.push(j < n - i ? (row[j - 1] as number) * (1 + ((growth[i] as number[])[j - 1] as number) / j ** 2) : undefined);
        return row;
      }),
    );
  });

const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a / b - 1));

describe("properties", () => {
  it("scaling the triangle by k scales IBNR, S.E. (process, parameter, total) by k; f, σ/√k and CV are unchanged", () => {
    const cases: [Triangle, Parameters<typeof mackChainLadder>[1]][] = [
      [RAA, { sigmaRule: "MACK" }],
      [RAA, { sigmaRule: "LOGLINEAR", tail: true }],
      [GENINS, { sigmaRule: "MACK", tail: 1.05 }],
      [MORTGAGE, { sigmaRule: "LOGLINEAR", tail: 1.05 }],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([tri, options], k) => {
        const a = mackChainLadder(tri, options);
        const b = mackChainLadder(scaleTriangle(tri, k), options);
        for (let i = 0; i < tri.origins; i++) {
          expect(rel(b.ibnr[i] as number, k * (a.ibnr[i] as number))).toBeLessThan(1e-9);
          expect(rel(b.mackSe[i] as number, k * (a.mackSe[i] as number))).toBeLessThan(1e-9);
          expect(rel(b.processSe[i] as number, k * (a.processSe[i] as number))).toBeLessThan(1e-9);
          expect(rel(b.parameterSe[i] as number, k * (a.parameterSe[i] as number))).toBeLessThan(1e-9);
        }
        expect(rel(b.total.ibnr, k * a.total.ibnr)).toBeLessThan(1e-9);
        expect(rel(b.total.mackSe, k * a.total.mackSe)).toBeLessThan(1e-9);
        expect(rel(b.total.cv, a.total.cv)).toBeLessThan(1e-9);
        expect(rel(b.tailFactor, a.tailFactor)).toBeLessThan(1e-12);
        for (let j = 0; j < a.sigma.length; j++) {
          expect(rel(b.factors[j] as number, a.factors[j] as number)).toBeLessThan(1e-12);
          expect(rel(b.sigma[j] as number, Math.sqrt(k) * (a.sigma[j] as number))).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("scaling also holds on random triangles (Mack's rule)", () => {
    fc.assert(
      fc.property(staircase, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (tri, k) => {
        const a = mackChainLadder(tri);
        const b = mackChainLadder(scaleTriangle(tri, k));
        // relative 1e-9, with a floor of 1e-12 of the ultimate: amounts that are rounding noise (an IBNR of
        // 1e-15 from factors equal to 1 up to an ulp) do not scale exactly
        const close = (x: number, y: number) => expect(Math.abs(x - k * y)).toBeLessThanOrEqual(1e-9 * k * Math.abs(y) + 1e-12 * k * a.total.ultimate);
        close(b.total.ibnr, a.total.ibnr);
        close(b.total.mackSe, a.total.mackSe);
        for (let i = 0; i < tri.origins; i++) close(b.mackSe[i] as number, a.mackSe[i] as number);
      }),
      { numRuns: 100 },
    );
  });

  it("total S.E. >= √(Σ se_i²) (the covariance between origins is positive), never NaN, and matches Mack 1993's closed form", () => {
    const check = (r: MackResult) => {
      let sum = 0;
      for (const se of r.mackSe) sum += se * se;
      expect(r.total.mackSe).toBeGreaterThanOrEqual(Math.sqrt(sum) * (1 - 1e-12));
      expect(rel(r.total.processSe ** 2, [...r.processSe].reduce((s, x) => s + x * x, 0))).toBeLessThan(1e-12);
      expectNoNaN(r);
    };
    for (const [tri, rule] of [
      [RAA, "MACK"],
      [RAA, "LOGLINEAR"],
      [GENINS, "MACK"],
      [MORTGAGE, "LOGLINEAR"],
    ] as const) {
      check(mackChainLadder(tri, { sigmaRule: rule }));
      check(mackChainLadder(tri, { sigmaRule: rule, tail: 1.1 }));
    }
    fc.assert(
      fc.property(staircase, (tri) => {
        const r = mackChainLadder(tri);
        check(r);
        expectClosedForm(tri, r);
      }),
      { numRuns: 100 },
    );
  });

  it("a fully developed triangle gives IBNR 0 and S.E. 0 (and CV 0), whatever the σ rule", () => {
    const full = makeTriangle([
      [100, 150, 170, 175],
      [110, 160, 185, 190],
      [120, 170, 190, 200],
      [90, 140, 160, 161],
    ]);
    for (const sigmaRule of ["MACK", "LOGLINEAR"] as const) {
      const r = mackChainLadder(full, { sigmaRule });
      expect(r.estimatedSigmas).toBe(3);
      expect(Array.from(r.ibnr)).toEqual([0, 0, 0, 0]);
      expect(Array.from(r.mackSe)).toEqual([0, 0, 0, 0]);
      expect(Array.from(r.cv)).toEqual([0, 0, 0, 0]);
      expect(r.total).toMatchObject({ ibnr: 0, mackSe: 0, processSe: 0, parameterSe: 0, cv: 0 });
      expect(r.total.ultimate).toBe(r.total.latest);
      expectNoNaN(r);
    }
  });

  it("a σ of 0 is fine (exact development): S.E. 0 without NaN", () => {
    const exact = makeTriangle([
      [100, 200, 300, 330, 333],
      [50, 100, 150, 165, undefined],
      [10, 20, 30, undefined, undefined],
      [40, 80, undefined, undefined, undefined],
      [70, undefined, undefined, undefined, undefined],
    ]);
    const r = mackChainLadder(exact);
    expect(Array.from(r.sigma)).toEqual([0, 0, 0, 0]);
    expect(r.total.mackSe).toBe(0);
    expect(r.total.ibnr).toBeGreaterThan(0);
    expectNoNaN(r);
    // no positive σ to fit a log-linear line through: a clear #VALUE!
    expect(mcevErrorOf(() => mackChainLadder(exact, { sigmaRule: "LOGLINEAR" })).code).toBe("VALUE");
  });
});

// ------------------------------------------------------------------------------------------------ errors

describe("errors", () => {
  it("a zero or negative amount where a ratio is needed names the cell (flat index i·devs + j)", () => {
    const cells = parseCsv(RAA_CSV);
    (cells[3] as (number | undefined)[])[2] = 0;
    let e = mcevErrorOf(() => mackChainLadder(makeTriangle(cells)));
    expect(e.code).toBe("VALUE");
    expect(e.argument).toBe("triangle");
    expect(e.index).toBe(3 * 10 + 2);
    (cells[3] as (number | undefined)[])[2] = 15766;
    (cells[6] as (number | undefined)[])[0] = -557;
    e = mcevErrorOf(() => mackChainLadder(makeTriangle(cells)));
    expect(e.index).toBe(6 * 10);
  });

  it("a negative latest amount to project is refused with its cell; a zero one projects to 0", () => {
    const cells = parseCsv(RAA_CSV);
    (cells[9] as (number | undefined)[])[0] = -1;
    expect(mcevErrorOf(() => mackChainLadder(makeTriangle(cells))).index).toBe(90);
    (cells[9] as (number | undefined)[])[0] = 0;
    const r = mackChainLadder(makeTriangle(cells));
    expect(r.ultimate[9]).toBe(0);
    expect(r.mackSe[9]).toBe(0);
    expectNoNaN(r);
  });

  it("a triangle too small for the σ rule gives a clear #VALUE!", () => {
    // 3 × 3: one σ from the data, Mack's rule needs two before the missing one
    const small = makeTriangle([
      [100, 150, 160],
      [110, 170, undefined],
      [120, undefined, undefined],
    ]);
    const e = mcevErrorOf(() => mackChainLadder(small));
    expect(e.code).toBe("VALUE");
    expect(e.message).toMatch(/too small for Mack's sigma rule/);
    // 4 × 4: two σ from the data — enough for Mack's rule, not for the log-linear fit's p-value (R stops)
    const four = makeTriangle([
      [100, 150, 160, 165],
      [110, 170, 185, undefined],
      [120, 175, undefined, undefined],
      [130, undefined, undefined, undefined],
    ]);
    const ok = mackChainLadder(four);
    expect(ok.estimatedSigmas).toBe(2);
    expectNoNaN(ok);
    expect(mcevErrorOf(() => mackChainLadder(four, { sigmaRule: "LOGLINEAR" })).message).toMatch(/too small for the LOGLINEAR sigma rule/);
  });

  it("bad options", () => {
    expect(mcevErrorOf(() => mackChainLadder(RAA, { tail: 0.9 })).argument).toBe("tail");
    expect(mcevErrorOf(() => mackChainLadder(RAA, { tail: 1.05, tailSe: -1 })).argument).toBe("tailSe");
    expect(mcevErrorOf(() => mackChainLadder(RAA, { tail: 1.05, tailSigma: Number.NaN })).argument).toBe("tailSigma");
    expect(mcevErrorOf(() => mackChainLadder(RAA, { sigmaRule: "OTHER" as "MACK" })).argument).toBe("sigma_rule");
    expect(resolveSigmaRule(undefined)).toBe("MACK");
    expect(resolveSigmaRule(" log-linear ")).toBe("LOGLINEAR");
    expect(resolveSigmaRule("mack")).toBe("MACK");
    expect(mcevErrorOf(() => resolveSigmaRule("loess")).argument).toBe("sigma_rule");
  });

  it("LOGLINEAR falls back to Mack's rule when the slope's p-value is > 0.05, as R does", () => {
    // σ that do not trend: the log-linear fit is rejected and Mack's rule fills the last σ
    const flat = makeTriangle([
      [100, 200, 260, 290, 300, 305],
      [100, 180, 250, 280, 292, undefined],
      [100, 220, 270, 300, undefined, undefined],
      [100, 190, 240, undefined, undefined, undefined],
      [100, 210, undefined, undefined, undefined, undefined],
      [100, undefined, undefined, undefined, undefined, undefined],
    ]);
    const r = mackChainLadder(flat, { sigmaRule: "LOGLINEAR" });
    const m = mackChainLadder(flat, { sigmaRule: "MACK" });
    // scipy.stats.linregress(k, log σ_k) on the four estimated σ: p-value 0.1030968598576838
    expect(Math.abs((r.sigmaFitPValue as number) - 0.1030968598576838)).toBeLessThan(1e-12);
    expect(r.sigmaRule).toBe("LOGLINEAR");
    expect(r.sigmaRuleUsed).toBe("MACK");
    expect(Array.from(r.sigma)).toEqual(Array.from(m.sigma));
    expect(r.total.mackSe).toBe(m.total.mackSe);
  });
});

// ------------------------------------------------------------------------------------------------ Mack 1993

/**
 * Mack (1993), without a tail, written independently of the recursion:
 *   mse(R̂_i) = Ĉ²_iI Σ_{k needed by i} σ²_k / f²_k · (1/Ĉ_ik + 1/S_k)
 *   mse(R̂)   = Σ_i [ mse(R̂_i) + Ĉ_iI (Σ_{j>i} Ĉ_jI) Σ_{k needed by i} 2σ²_k / (f²_k S_k) ]
 */
function expectClosedForm(tri: Triangle, r: MackResult): void {
  const { origins, devs } = tri;
  const s = new Float64Array(devs - 1);
  for (let k = 0; k < devs - 1; k++) for (let i = 0; i < origins; i++) if ((tri.observed[i] as number) > k + 1) s[k] = (s[k] as number) + (tri.values[i * devs + k] as number);
  const proj = (i: number, k: number): number => {
    const o = tri.observed[i] as number;
    let c = tri.values[i * devs + Math.min(k, o - 1)] as number;
    for (let j = o - 1; j < k; j++) c *= r.factors[j] as number;
    return c;
  };
  let total = 0;
  for (let i = 0; i < origins; i++) {
    const o = tri.observed[i] as number;
    const ult = proj(i, devs - 1);
    let sum = 0;
    let cross = 0;
    for (let k = o - 1; k < devs - 1; k++) {
      const a = (r.sigma[k] as number) ** 2 / (r.factors[k] as number) ** 2;
      sum += a * (1 / proj(i, k) + 1 / (s[k] as number));
      cross += (2 * a) / (s[k] as number);
    }
    const mse = ult * ult * sum;
    expect(rel(r.mackSe[i] as number, Math.sqrt(mse))).toBeLessThan(1e-10);
    let younger = 0;
    for (let j = i + 1; j < origins; j++) younger += proj(j, devs - 1);
    total += mse + ult * younger * cross;
  }
  expect(rel(r.total.mackSe, Math.sqrt(total))).toBeLessThan(1e-10);
}
