import { invalid } from "../errors";
import { LinearZeroCurve } from "./linearZero";
import { LogLinearCurve } from "./logLinear";
import { resolveMethod, type CurveMethod } from "./method";
import { MonotoneConvexCurve } from "./monotoneConvex";
import { checkSmithWilsonParameters, SmithWilsonCurve, smithWilsonAlpha } from "./smithWilson";
import type { YieldCurve } from "./yieldCurve";

/** What a curve is fitted from: the public contract of the curve functions. */
export interface CurveInput {
  /** Ascending positive maturities in years. */
  terms: ArrayLike<number>;
  /** Annually compounded zero rates as decimals (0.0243 = 2.43%), one per term. */
  rates: ArrayLike<number>;
  /** Method name, case-insensitive; blank picks SMITHWILSON when ufr is given, else MONOTONECONVEX. */
  method?: string | CurveMethod;
  /** Ultimate forward rate, annually compounded (SMITHWILSON only). */
  ufr?: number;
  /** Smith–Wilson convergence speed; when omitted, EIOPA's α from the convergence criterion. */
  alpha?: number;
  /** Last liquid point for the convergence point max(llp + 40, 60); defaults to the last term. */
  llp?: number;
}

/** Checks terms and rates and returns them as typed arrays with ln P(0, t_i) = −t_i ln(1 + r_i). */
export function checkCurveNodes(termsIn: ArrayLike<number>, ratesIn: ArrayLike<number>): {
  terms: Float64Array;
  rates: Float64Array;
  lnDiscounts: Float64Array;
} {
  const n = termsIn.length;
  if (n === 0) invalid("terms", "is empty; at least one term is needed");
  if (ratesIn.length !== n) invalid("rates", `has ${ratesIn.length} values but terms has ${n}; give one rate per term`);
  const terms = Float64Array.from(termsIn);
  const rates = Float64Array.from(ratesIn);
  const lnDiscounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = terms[i] as number;
    const r = rates[i] as number;
    if (!Number.isFinite(t)) invalid("terms", `${t} is not a finite number`, i);
    if (!(t > 0)) invalid("terms", `${t} is not a positive maturity in years`, i);
    if (i > 0 && !(t > (terms[i - 1] as number))) {
      invalid("terms", `${t} is not greater than the previous term ${terms[i - 1]}; terms must be strictly ascending`, i);
    }
    if (!Number.isFinite(r)) invalid("rates", `${r} is not a finite number`, i);
    if (!(r > -1)) invalid("rates", `${r} is at or below −100%; rates are decimals, e.g. 0.0243 for 2.43%`, i);
    lnDiscounts[i] = -t * Math.log1p(r);
  }
  return { terms, rates, lnDiscounts };
}

/** Fits a yield curve once; ask it for discount factors, zero and forward rates, and shifts. */
export function fitCurve(input: CurveInput): YieldCurve {
  const { terms, rates, lnDiscounts } = checkCurveNodes(input.terms, input.rates);
  const method = resolveMethod(input.method, input.ufr !== undefined);
  if (method !== "SMITHWILSON") {
    // Only Smith–Wilson uses them: refusing beats silently ignoring a number the user typed.
    for (const name of ["ufr", "alpha", "llp"] as const) {
      if (input[name] !== undefined) invalid(name, `only SMITHWILSON uses ${name}; leave it blank for ${method}`);
    }
  }
  switch (method) {
    case "LINEAR":
      return new LinearZeroCurve(terms, rates);
    case "LOGLINEAR":
      return new LogLinearCurve(terms, lnDiscounts);
    case "MONOTONECONVEX":
      return new MonotoneConvexCurve(terms, lnDiscounts);
    case "SMITHWILSON": {
      checkSmithWilsonParameters(input.ufr, input.alpha, input.llp);
      const ufr = input.ufr as number;
      const alpha = input.alpha ?? smithWilsonAlpha(terms, lnDiscounts, ufr, input.llp ?? (terms[terms.length - 1] as number));
      return new SmithWilsonCurve(terms, lnDiscounts, ufr, alpha);
    }
  }
}

/** MCEV.SWALPHA: EIOPA's convergence parameter for the given zero curve and UFR. */
export function fitSmithWilsonAlpha(input: { terms: ArrayLike<number>; rates: ArrayLike<number>; ufr?: number; llp?: number }): number {
  const { terms, lnDiscounts } = checkCurveNodes(input.terms, input.rates);
  checkSmithWilsonParameters(input.ufr, undefined, input.llp);
  return smithWilsonAlpha(terms, lnDiscounts, input.ufr as number, input.llp ?? (terms[terms.length - 1] as number));
}
