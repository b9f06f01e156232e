import Decimal from "decimal.js";
import { invalid, numericFailure } from "../errors";
import { NeumaierSum } from "../numeric/summation";
import type { YieldCurve } from "../curves/yieldCurve";
import { profitTime, type ProfitTiming } from "./presentValue";

/**
 * The components of the Market Consistent Embedded Value (seed 003, CFO Forum MCEV principles):
 *
 *   MCEV = SNW + VIF,   SNW = FS + RC,   VIF = PVFP + TVFOG + FCRC + CoRNHR.
 *
 * Costs (TVFOG, FCRC, CoRNHR) are NEGATIVE numbers, as in the disclosure's Table 1, so that every
 * component is added. Capital amounts (RC, NHRBC) are at the start of projection years 1..n: value
 * k (0-based) is the capital held over year k + 1, from time k to k + 1.
 */

/**
 * Decimal arithmetic for the reported sums: the inputs are taken at their shortest decimal
 * representation (the digits a cell displays), added exactly, and rounded once to the nearest double,
 * so that 1,631.7 − 9.8 − 44.9 − 441.9 is 1,135.1 and not 1,135.1000000000001. 60 significant digits
 * hold any sum of doubles exactly.
 */
const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** Σ values, added exactly in decimal and rounded once to a double. */
export function exactSum(...values: number[]): number {
  let acc = new Exact(0);
  for (const v of values) acc = acc.plus(new Exact(v));
  return acc.toNumber();
}

/** a − b, exactly in decimal and rounded once to a double. */
export function exactDifference(a: number, b: number): number {
  return new Exact(a).minus(new Exact(b)).toNumber();
}

function checkFinite(value: number, name: string, index?: number): void {
  if (!Number.isFinite(value)) invalid(name, `${value} is not a finite number`, index);
}

/** A rate given as a decimal in [0, 1] (a tax rate, a cost-of-capital rate). */
export function checkUnitRate(value: number, name: string, what: string): void {
  checkFinite(value, name);
  if (value < 0) invalid(name, `${value} is negative; expected ${what} in [0, 1]`);
  if (value > 1) invalid(name, `${value} is above 100%; ${what} is a decimal in [0, 1] (e.g. 0.04 for 4%)`);
}

/** Capital amounts at the start of projection years 1..n: finite and >= 0. */
export function checkCapital(values: ArrayLike<number>, name: string, what: string): void {
  if (values.length === 0) invalid(name, "is empty; expected one amount per projection year");
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    checkFinite(v, name, i);
    if (v < 0) invalid(name, `${v} is negative; ${what} is an amount >= 0`, i);
  }
}

/** A cost component of the VIF: refused when positive (costs are entered as negative numbers). */
export function checkCost(value: number, name: string, label: string): void {
  checkFinite(value, name);
  if (value > 0) {
    invalid(name, `${value} is positive; ${label} is a cost and is entered as a negative number (e.g. ${-value}), so that VIF = PVFP + TVFOG + FCRC + CoRNHR`);
  }
}

/**
 * Frictional costs of required capital (seed 003 §6.7): the tax on the investment return earned on the
 * assets backing the required capital, and the investment expenses net of tax.
 *
 *   cost(t) = RC(t−1) · ( f(t) · tax + invexp · (1 − tax) ),   t = 1..n, paid at time t,
 *   FCRC    = − Σ_t P(0, t) · cost(t)                            (a negative number),
 *
 * with f(t) = P(0, t−1) / P(0, t) − 1 the one-year annually compounded forward reference rate of year t.
 *
 * Equivalently (the "release" view): with RC(n) = 0,
 *   − FCRC = RC(0) − Σ_t P(0, t) · [ RC(t−1) − RC(t) + RC(t−1) · (f(t) − invexp) · (1 − tax) ],
 * because Σ_t P(0, t) · (RC(t−1)·(1 + f(t)) − RC(t)) = Σ_t P(0, t−1)·RC(t−1) − P(0, t)·RC(t) = RC(0)
 * telescopes (P(0, t−1) = P(0, t) · (1 + f(t)), P(0, 0) = 1).
 */
export function frictionalCosts(curve: YieldCurve, rc: ArrayLike<number>, tax: number, invexp = 0): number {
  checkCapital(rc, "rc", "required capital");
  checkUnitRate(tax, "tax", "the tax rate");
  checkFinite(invexp, "invexp");
  if (invexp < 0) invalid("invexp", `${invexp} is negative; investment expenses are a rate >= 0 of the assets backing the capital (e.g. 0.001 for 10 bp)`);
  const acc = new NeumaierSum();
  for (let t = 1; t <= rc.length; t++) {
    const capital = rc[t - 1] as number;
    if (capital === 0) continue;
    const forward = curve.forwardRate(t - 1, t);
    acc.add(curve.discount(t) * capital * (forward * tax + invexp * (1 - tax)));
  }
  return acc.value === 0 ? 0 : -acc.value;
}

/**
 * Cost of residual non-hedgeable risks by the cost-of-capital approach (seed 003 §6.8, 4% a year):
 *
 *   CoRNHR = − Σ_{t=1..n} P(0, t) · coc · NHRBC(t−1) · (1 − tax)      (tax 0 when not given).
 *
 * The charge on the capital held over year t is paid at its end, time t.
 */
export function costOfNonHedgeableRisks(curve: YieldCurve, nhrbc: ArrayLike<number>, coc: number, tax = 0): number {
  checkCapital(nhrbc, "nhrbc", "non-hedgeable risk capital");
  checkUnitRate(coc, "coc", "the cost-of-capital rate");
  checkUnitRate(tax, "tax", "the tax rate");
  const acc = new NeumaierSum();
  for (let t = 1; t <= nhrbc.length; t++) {
    const capital = nhrbc[t - 1] as number;
    if (capital !== 0) acc.add(curve.discount(t) * capital);
  }
  const cost = coc * (1 - tax) * acc.value;
  return cost === 0 ? 0 : -cost;
}

/** VIF = PVFP + TVFOG + FCRC + CoRNHR, the costs <= 0, added exactly in decimal. */
export function valueOfInForce(pvfp: number, tvfog: number, fcrc: number, cornhr: number): number {
  checkFinite(pvfp, "pvfp");
  checkCost(tvfog, "tvfog", "the time value of financial options and guarantees (TVFOG)");
  checkCost(fcrc, "fcrc", "the frictional cost of required capital (FCRC)");
  checkCost(cornhr, "cornhr", "the cost of residual non-hedgeable risks (CoRNHR)");
  return exactSum(pvfp, tvfog, fcrc, cornhr);
}

export interface McevComponentsInput {
  /** Shareholders' net worth = free surplus + required capital. */
  snw: number;
  /** Required capital (>= 0). */
  rc: number;
  pvfp: number;
  /** Costs, <= 0. */
  tvfog: number;
  fcrc: number;
  cornhr: number;
}

export interface McevComponent {
  key: "SNW" | "RC" | "FS" | "VIF" | "PVFP" | "TVFOG" | "FCRC" | "CoRNHR" | "MCEV";
  label: string;
  value: number;
}

/**
 * The rows of Table 1 of seed 003, in its order: SNW, RC, FS = SNW − RC, VIF = PVFP + TVFOG + FCRC +
 * CoRNHR, its four components, MCEV = SNW + VIF (= FS + RC + VIF). Every sum is exact in decimal on
 * the displayed digits of the inputs, so the rows add up as shown. A free surplus below 0 (required
 * capital above the net worth) is reported as it is: it is a capital shortfall, not an input error.
 */
export function mcevComponents(input: McevComponentsInput): McevComponent[] {
  checkFinite(input.snw, "snw");
  checkFinite(input.rc, "rc");
  if (input.rc < 0) invalid("rc", `${input.rc} is negative; required capital is an amount >= 0`);
  const vif = valueOfInForce(input.pvfp, input.tvfog, input.fcrc, input.cornhr);
  const snw = new Exact(input.snw);
  const fs = snw.minus(new Exact(input.rc));
  const mcev = snw.plus(new Exact(input.pvfp)).plus(new Exact(input.tvfog)).plus(new Exact(input.fcrc)).plus(new Exact(input.cornhr));
  return [
    { key: "SNW", label: "Shareholders' net worth (SNW)", value: input.snw },
    { key: "RC", label: "Required capital (RC)", value: input.rc },
    { key: "FS", label: "Free surplus (FS)", value: fs.toNumber() },
    { key: "VIF", label: "Value of in-force business (VIF)", value: vif },
    { key: "PVFP", label: "Present value of future profits (PVFP)", value: input.pvfp },
    { key: "TVFOG", label: "Time value of financial options and guarantees (TVFOG)", value: input.tvfog },
    { key: "FCRC", label: "Frictional costs of required capital (FCRC)", value: input.fcrc },
    { key: "CoRNHR", label: "Cost of residual non-hedgeable risks (CoRNHR)", value: input.cornhr },
    { key: "MCEV", label: "Market consistent embedded value (MCEV)", value: mcev.toNumber() },
  ];
}

/**
 * Present value of new business premiums (seed 003 Table 5): Σ_{t=1..n} premium_t · P(0, τ_t), with
 * τ_t = t − 1 (BEGIN, the default: premiums are paid in advance), t − ½ (MID) or t (END).
 */
export function presentValueOfNewBusinessPremiums(curve: YieldCurve, premiums: ArrayLike<number>, timing: ProfitTiming = "BEGIN"): number {
  if (premiums.length === 0) invalid("premiums", "is empty; expected the premiums of projection years 1..n");
  const acc = new NeumaierSum();
  for (let i = 0; i < premiums.length; i++) {
    const p = premiums[i] as number;
    checkFinite(p, "premiums", i);
    if (p !== 0) acc.add(p * curve.discount(profitTime(i + 1, timing)));
  }
  return acc.value;
}

/** New business margin = VNB / PVNBP; #NUM! when PVNBP is 0, #VALUE! when it is negative. */
export function newBusinessMargin(vnb: number, pvnbp: number): number {
  checkFinite(vnb, "vnb");
  checkFinite(pvnbp, "pvnbp");
  if (pvnbp === 0) numericFailure("the PVNBP is 0: the new business margin VNB / PVNBP is not defined", { argument: "pvnbp" });
  if (pvnbp < 0) invalid("pvnbp", `${pvnbp} is negative; the present value of new business premiums is > 0`);
  return vnb / pvnbp;
}
