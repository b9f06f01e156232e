import { invalid } from "../core/errors";
import { fitCurve } from "../core/curves";
import type { EquityVolInput } from "../core/esg/equityVol";
import { martingaleTests, type MartingaleRow } from "../core/esg/martingale";
import { GENERATORS, type ScenarioGenerator, type ScenarioSpec } from "../core/esg/simulation";
import { numericRange, numericVector, optionalBoolean, optionalInteger, optionalNumber, optionalText, requiredNumber, type Argument } from "./args";
import type { CellMatrix, CellValue } from "./cells";
import type { FunctionSpec } from "./registry";
import { cachedScenarios } from "./scenarioCache";

/**
 * MCEV.ESG.CHECK: the martingale tests of a Hull–White + equity scenario set (core/esg/simulation.ts,
 * core/esg/martingale.ts), as a table an actuary can show an auditor. The scenario set is shared with
 * every other call that asks for the same scenarios (./scenarioCache.ts).
 *
 * Arguments, in order: the curve (terms, rates; annually compounded zero rates, the default curve
 * method), the model (a, sigma), the equity (equity_vol: one number, or two columns term | implied vol;
 * correlation with the rate factor), then the run: scenarios (1,000), years (the curve's last term, at
 * most 30), seed (0), antithetic (TRUE), dividend_yield (0), generator ("PSEUDO" or "SOBOL"). Monthly
 * steps, as the scenarios the account-value engine takes.
 */
export const ESG_CHECK_HEADER = ["year", "P(0,T)", "mean D(T)", "SE", "lower 95%", "upper 95%", "pass", "S(0)e^(-qT)", "mean D(T)S(T)", "SE", "lower 95%", "upper 95%", "pass"] as const;

const DEFAULT_SCENARIOS = 1000;
const DEFAULT_MAX_YEARS = 30;

/** One number (flat) or two columns: term in years | at-the-money implied volatility (also MCEV.TVFOG.VA). */
export function equityVolArg(x: Argument): EquityVolInput {
  const r = numericRange(x, "equity_vol");
  if (r.rows * r.cols === 1) return r.values[0] as number;
  if (r.cols !== 2) invalid("equity_vol", `is a ${r.rows} × ${r.cols} range; give one volatility, or two columns: the term in years and the implied volatility`);
  const terms = new Float64Array(r.rows);
  const vols = new Float64Array(r.rows);
  for (let i = 0; i < r.rows; i++) {
    terms[i] = r.values[2 * i] as number;
    vols[i] = r.values[2 * i + 1] as number;
  }
  return { terms, vols };
}

function generatorArg(x: Argument): ScenarioGenerator {
  const text = optionalText(x, "generator");
  if (text === undefined) return "PSEUDO";
  const key = text.trim().toUpperCase();
  const found = GENERATORS.find((g) => g === key);
  if (!found) invalid("generator", `"${text}" is not PSEUDO or SOBOL`);
  return found;
}

/** The scenario spec of MCEV.ESG.CHECK's arguments (monthly steps). */
export function esgSpec(args: readonly Argument[]): ScenarioSpec {
  const [terms, rates, a, sigma, equityVol, correlation, scenarios, years, seed, antithetic, dividendYield, generator] = args;
  const t = numericVector(terms, "terms");
  const r = numericVector(rates, "rates");
  const curve = fitCurve({ terms: t, rates: r });
  const lastTerm = t[t.length - 1] as number;
  const defaultYears = Math.min(DEFAULT_MAX_YEARS, Math.floor(lastTerm));
  const y = optionalInteger(years, "years", 1) ?? defaultYears;
  if (y < 1) invalid("years", `the curve's last term ${lastTerm} is under a year; give longer terms`);
  return {
    curve,
    curveHorizon: lastTerm,
    curveKey: `${curve.method}|${Array.from(t).join(",")}|${Array.from(r).join(",")}`,
    a: requiredNumber(a, "a"),
    sigma: requiredNumber(sigma, "sigma"),
    equityVol: equityVolArg(equityVol),
    correlation: requiredNumber(correlation, "correlation"),
    dividendYield: optionalNumber(dividendYield, "dividend_yield") ?? 0,
    scenarios: optionalInteger(scenarios, "scenarios", 2) ?? DEFAULT_SCENARIOS,
    years: y,
    stepsPerYear: 12,
    seed: optionalInteger(seed, "seed", 0) ?? 0,
    antithetic: optionalBoolean(antithetic, "antithetic", true),
    generator: generatorArg(generator),
  };
}

const cells = (r: MartingaleRow): CellValue[] => [r.expected, r.mean, r.se, r.lower, r.upper, r.pass];

const USD = "{5;10;15;20;25;30},{0.0124;0.0209;0.0251;0.0264;0.027;0.0274}";

export const esgCheckFunctions: readonly FunctionSpec[] = [
  {
    name: "ESG.CHECK",
    parameters: [
      { name: "terms" },
      { name: "rates" },
      { name: "a" },
      { name: "sigma" },
      { name: "equity_vol" },
      { name: "correlation" },
      { name: "scenarios", optional: true },
      { name: "years", optional: true },
      { name: "seed", optional: true },
      { name: "antithetic", optional: true },
      { name: "dividend_yield", optional: true },
      { name: "generator", optional: true },
    ],
    examples: [`=MCEV.ESG.CHECK(${USD},0.02,0.0115,0.263,0.4,1000,10)`, `=MCEV.ESG.CHECK(${USD},0.02,0.0115,{1,0.3;5,0.27;10,0.25},0.4,2000,5,7,TRUE,0.02,"SOBOL")`],
    invoke: (args) => {
      const set = cachedScenarios(esgSpec(args));
      const report = martingaleTests(set);
      const out: CellMatrix = [[...ESG_CHECK_HEADER]];
      report.zcb.forEach((z, i) => out.push([z.year, ...cells(z), ...cells(report.equity[i] as MartingaleRow)]));
      return out;
    },
  },
];
