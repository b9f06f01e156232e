import { invalid } from "../core/errors";
import { fitCurve, fitSmithWilsonAlpha, type YieldCurve } from "../core/curves";
import { presentValue, pvfp, resolveTiming } from "../core/valuation/presentValue";
import { isMatrix, numericRange, numericVector, optionalNumber, optionalText, reshape, type Argument, type NumericRange } from "./args";
import type { FunctionResult } from "./cells";
import type { FunctionSpec } from "./registry";

/**
 * Fitted curves by their inputs. In a workbook many cells share one curve; fitting is deterministic and
 * curves are immutable, so a fit is reused while its inputs are unchanged (a Smith–Wilson fit with
 * EIOPA's alpha costs a root search). Small and least-recently-used first out.
 */
const curveCache = new Map<string, YieldCurve>();
const CURVE_CACHE_SIZE = 64;

/** The curve arguments every curve function shares: terms, rates, method, ufr, alpha, llp. */
export function curveFrom(terms: Argument, rates: Argument, method: Argument, ufr: Argument, alpha: Argument, llp: Argument): YieldCurve {
  const input = {
    terms: numericVector(terms, "terms"),
    rates: numericVector(rates, "rates"),
    method: optionalText(method, "method"),
    ufr: optionalNumber(ufr, "ufr", true),
    alpha: optionalNumber(alpha, "alpha", true),
    llp: optionalNumber(llp, "llp", true),
  };
  const key = `${input.method ?? ""}|${input.ufr}|${input.alpha}|${input.llp}|${input.terms.join(",")}|${input.rates.join(",")}`;
  let curve = curveCache.get(key);
  if (curve) {
    curveCache.delete(key);
  } else {
    curve = fitCurve(input);
    if (curveCache.size >= CURVE_CACHE_SIZE) curveCache.delete(curveCache.keys().next().value as string);
  }
  curveCache.set(key, curve);
  return curve;
}

/** Times in years, each >= 0. */
function timesRange(x: Argument, name: string): NumericRange {
  const range = numericRange(x, name);
  range.values.forEach((t, i) => {
    if (t < 0) invalid(name, `${t} is negative; expected a time >= 0 in years`, i);
  });
  return range;
}

/** A result of the shape of the input `t`: a single value for a single cell, else a spilled range. */
function sameShape(input: Argument, range: NumericRange, values: Float64Array): FunctionResult {
  if (!isMatrix(input)) return values[0] as number;
  return reshape(values, range.rows, range.cols);
}

function mapTimes(input: Argument, name: string, f: (t: number) => number): FunctionResult {
  const range = timesRange(input, name);
  const out = new Float64Array(range.values.length);
  for (let i = 0; i < out.length; i++) out[i] = f(range.values[i] as number);
  return sameShape(input, range, out);
}

/** The curve parameters after a function's own ones (method, ufr, alpha, llp): shared by the functions on a curve. */
export const curveParams = [
  { name: "method", optional: true },
  { name: "ufr", optional: true },
  { name: "alpha", optional: true },
  { name: "llp", optional: true },
] as const;

const EUR = "{5;10;15;20;25;30},{0.0173;0.0243;0.0274;0.0275;0.0265;0.0255}";

export const curveFunctions: readonly FunctionSpec[] = [
  {
    name: "DF",
    parameters: [{ name: "terms" }, { name: "rates" }, { name: "t" }, ...curveParams],
    examples: [`=MCEV.DF(${EUR},{1;7;45})`, `=MCEV.DF(${EUR},{1;7;45},"SMITHWILSON",0.042)`],
    invoke: ([terms, rates, t, method, ufr, alpha, llp]) => {
      const curve = curveFrom(terms, rates, method, ufr, alpha, llp);
      return mapTimes(t, "t", (x) => curve.discount(x));
    },
  },
  {
    name: "ZERO",
    parameters: [{ name: "terms" }, { name: "rates" }, { name: "t" }, ...curveParams],
    examples: [`=MCEV.ZERO(${EUR},{1;7;45},"SMITHWILSON",0.042)`, `=MCEV.ZERO(${EUR},{1,7,45},"LINEAR")`],
    invoke: ([terms, rates, t, method, ufr, alpha, llp]) => {
      const curve = curveFrom(terms, rates, method, ufr, alpha, llp);
      return mapTimes(t, "t", (x) => curve.zeroRate(x));
    },
  },
  {
    name: "FWD",
    parameters: [{ name: "terms" }, { name: "rates" }, { name: "t1" }, { name: "t2" }, ...curveParams],
    examples: [`=MCEV.FWD(${EUR},{0;10;30},{1;11;31})`, `=MCEV.FWD(${EUR},60,61,"SMITHWILSON",0.042)`],
    invoke: ([terms, rates, t1, t2, method, ufr, alpha, llp]) => {
      const curve = curveFrom(terms, rates, method, ufr, alpha, llp);
      const a = timesRange(t1, "t1");
      const b = timesRange(t2, "t2");
      const n = Math.max(a.values.length, b.values.length);
      if (a.values.length !== n && a.values.length !== 1) invalid("t1", `has ${a.values.length} values but t2 has ${b.values.length}; give one t1 per t2 or a single t1`);
      if (b.values.length !== n && b.values.length !== 1) invalid("t2", `has ${b.values.length} values but t1 has ${a.values.length}; give one t2 per t1 or a single t2`);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const start = a.values[a.values.length === 1 ? 0 : i] as number;
        const end = b.values[b.values.length === 1 ? 0 : i] as number;
        if (end < start) {
          // blame the argument that varies (a single value on the other side is the fixed point)
          if (b.values.length === 1 && a.values.length > 1) invalid("t1", `${start} is after t2 = ${end}; the forward period must start before it ends`, i);
          invalid("t2", `${end} is before t1 = ${start}; the forward period must end after it starts`, b.values.length === 1 ? 0 : i);
        }
        out[i] = curve.forwardRate(start, end);
      }
      const shapeOf = a.values.length === n && isMatrix(t1) ? { arg: t1, range: a } : { arg: t2, range: b };
      return sameShape(shapeOf.arg, shapeOf.range, out);
    },
  },
  {
    name: "SWALPHA",
    parameters: [{ name: "terms" }, { name: "rates" }, { name: "ufr" }, { name: "llp", optional: true }],
    examples: [`=MCEV.SWALPHA(${EUR},0.042)`],
    invoke: ([terms, rates, ufr, llp]) =>
      fitSmithWilsonAlpha({
        terms: numericVector(terms, "terms"),
        rates: numericVector(rates, "rates"),
        ufr: optionalNumber(ufr, "ufr", true),
        llp: optionalNumber(llp, "llp", true),
      }),
  },
  {
    name: "PV",
    parameters: [{ name: "cashflows" }, { name: "times" }, { name: "terms" }, { name: "rates" }, { name: "method", optional: true }, { name: "shift", optional: true }, { name: "ufr", optional: true }, { name: "alpha", optional: true }, { name: "llp", optional: true }],
    examples: [`=MCEV.PV({100;100;1100},{1;2;3},${EUR})`, `=MCEV.PV({100;100;1100},{1;2;3},${EUR},"LOGLINEAR",0.01)`],
    invoke: ([cashflows, times, terms, rates, method, shift, ufr, alpha, llp]) => {
      const cf = numericVector(cashflows, "cashflows");
      const t = timesRange(times, "times").values;
      if (t.length !== cf.length) invalid("times", `has ${t.length} values but cashflows has ${cf.length}; give one time per cash flow`);
      const curve = curveFrom(terms, rates, method, ufr, alpha, llp).parallelShift(optionalNumber(shift, "shift") ?? 0);
      return presentValue(curve, cf, t);
    },
  },
  {
    name: "PVFP",
    parameters: [{ name: "profits" }, { name: "terms" }, { name: "rates" }, { name: "timing", optional: true }, { name: "shift", optional: true }, { name: "method", optional: true }, { name: "ufr", optional: true }, { name: "alpha", optional: true }, { name: "llp", optional: true }],
    examples: [`=MCEV.PVFP({120;110;95;80;60},${EUR})`, `=MCEV.PVFP({120;110;95;80;60},${EUR},"MID",-0.01)`],
    invoke: ([profits, terms, rates, timing, shift, method, ufr, alpha, llp]) => {
      const p = numericVector(profits, "profits");
      const when = resolveTiming(optionalText(timing, "timing"));
      const curve = curveFrom(terms, rates, method, ufr, alpha, llp).parallelShift(optionalNumber(shift, "shift") ?? 0);
      return pvfp(curve, p, when);
    },
  },
];
