import { invalid, numericFailure } from "../errors";
import { ageToAgeFactors, checkTail, ratio } from "./chainLadder";
import { cell, latest, rowsWithFactor, type Triangle } from "./triangle";

/**
 * Mack's chain-ladder standard errors.
 *
 * References
 * - T. Mack (1993), "Distribution-free calculation of the standard error of chain ladder reserve
 *   estimates", ASTIN Bulletin 23(2), 213–225: f_k, σ²_k, the rule for the last σ, mse per origin and
 *   for the total reserve.
 * - T. Mack (1999), "The standard error of chain ladder reserve estimates: recursive calculation and
 *   inclusion of a tail factor", ASTIN Bulletin 29(2), 361–366: the recursive form used here, which lets
 *   a tail column enter like any other development step.
 * - R package ChainLadder (M. Gesmann et al., github.com/mages/ChainLadder), R/MackChainLadderFunctions.R
 *   and R/ChainLadder.R: the log-linear σ rule (est.sigma = "log-linear"), tailfactor() and tail.SE(),
 *   reproduced line by line below (the R lines are quoted where they are used).
 *
 * Indexing: development k = 0..devs−2 is the step from column k to k + 1 (R's k + 1). Everything is for
 * the volume-weighted factors (R's alpha = 1, weights = 1).
 *
 * The recursion (Mack 1999, R's MackRecursive.S.E with mse.method = "Mack"), per origin i from its latest
 * diagonal, with Ĉ the projected amounts:
 *   process²(k+1)   = Ĉ_ik · σ²_k + process²(k) · f²_k          (R: C² · F.se², F.se = σ/√C)
 *   parameter²(k+1) = Ĉ²_ik · se(f_k)² + parameter²(k) · f²_k,   se(f_k) = σ_k / √S_k, S_k = Σ_i C_ik
 * and for the total reserve (R's TotalMack.S.E; equal to Mack 1993's formula with the covariance terms):
 *   process² = Σ_i process²_i,   P²(k+1) = M²_k · se(f_k)² + P²(k) · f²_k,
 *   M_k = Σ of Ĉ_ik over the origins whose amount at k + 1 is not observed.
 * R's lines (MackRecursive.S.E and TotalMack.S.E, mse.method = "Mack", so their third terms are 0):
 *   FullTriangle.procrisk[i,k+1] <- sqrt(FullTriangle[i,k]^2*(F.se[i,k]^2) + FullTriangle.procrisk[i,k]^2*f[k]^2)
 *   FullTriangle.paramrisk[i,k+1] <- sqrt(FullTriangle[i,k]^2*(f.se[k]^2) + FullTriangle.paramrisk[i,k]^2*f[k]^2)
 *   total.procrisk <- sqrt(colSums(FullTriangle.procrisk^2, na.rm = TRUE))
 *   total.paramrisk[k + 1] <- sqrt(sum(M[k], na.rm = TRUE)^2 * f.se[k]^2 + total.paramrisk[k]^2 * f[k]^2)
 * A tail factor > 1 is one more step with f = tail, se(f) = tail s.e., σ = tail σ, applied to EVERY origin
 * (R's loops index rows as if the latest diagonal ended in the last row, so with more origins than
 * developments R leaves the oldest, fully developed rows out of the tail step; square triangles agree).
 * Writing the process term as Ĉ·σ² (not Ĉ²·(σ/√Ĉ)²) keeps a zero latest amount at zero instead of NaN.
 * The standard error of an origin's reserve equals that of its ultimate (the latest amount is known).
 */

export const SIGMA_RULES = ["MACK", "LOGLINEAR"] as const;
export type SigmaRule = (typeof SIGMA_RULES)[number];

/** Parses a σ rule name: MACK, or LOGLINEAR (also LOG-LINEAR, LOG_LINEAR, LOG LINEAR). Default MACK. */
export function resolveSigmaRule(text: string | undefined): SigmaRule {
  if (text === undefined || text.trim() === "") return "MACK";
  const key = text.trim().toUpperCase().replace(/[\s_-]+/g, "");
  if (key === "MACK") return "MACK";
  if (key === "LOGLINEAR") return "LOGLINEAR";
  invalid("sigma_rule", `unknown sigma rule "${text}"; expected MACK or LOGLINEAR`);
}

export interface MackOptions {
  /** A tail factor ≥ 1, or `true` to estimate it as R's ChainLadder tailfactor() does. Default: no tail. */
  tail?: number | true;
  /** Standard error of the tail factor. Default (tail > 1): R's log-linear extrapolation of se(f_k). */
  tailSe?: number;
  /** σ of the tail step. Default (tail > 1): R's log-linear extrapolation of σ_k. */
  tailSigma?: number;
  /**
   * How σ_k is found where fewer than two ratios inform it. Default "MACK" (note: R's default is
   * log-linear). MACK needs the two σ before the first missing one to be estimable (#VALUE! otherwise);
   * LOGLINEAR needs three positive estimable σ (R cannot test a fit through two points and stops), and
   * uses Mack's rule instead, as R does, when the slope's p-value is > 0.05 (see sigmaRuleUsed).
   */
  sigmaRule?: SigmaRule;
}

export interface MackTail {
  factor: number;
  /** Standard error of the tail factor (given or estimated). */
  se: number;
  /** σ of the tail step (given or estimated). */
  sigma: number;
  /** True when the factor itself was estimated (`tail: true`). */
  estimated: boolean;
}

export interface MackTotals {
  latest: number;
  ultimate: number;
  ibnr: number;
  /** Standard error of the total reserve, covariance between origins included (Mack 1993). */
  mackSe: number;
  processSe: number;
  parameterSe: number;
  /** mackSe / ibnr; 0 when the IBNR is 0. */
  cv: number;
}

export interface MackResult {
  /** Volume-weighted age-to-age factors f_k, k = 0..devs−2. */
  factors: Float64Array;
  /** σ_k, k = 0..devs−2: estimated from the data for k < estimatedSigmas, extrapolated by the rule after. */
  sigma: Float64Array;
  /** Standard errors of the factors, se(f_k) = σ_k / √(Σ_i C_ik) over the origins that inform f_k. */
  factorSe: Float64Array;
  /** Number of σ_k estimated from the data (those with at least two ratios): σ_0 .. σ_{estimatedSigmas−1}. */
  estimatedSigmas: number;
  /** The rule asked for. */
  sigmaRule: SigmaRule;
  /**
   * The rule that filled the missing σ. Differs from sigmaRule only when LOGLINEAR was asked for and the
   * slope of the log-linear fit has a p-value > 0.05: R's MackChainLadder then uses Mack's rule instead.
   */
  sigmaRuleUsed: SigmaRule;
  /** LOGLINEAR: two-sided p-value of the slope of lm(log σ ~ k); undefined otherwise or when no σ was missing. */
  sigmaFitPValue?: number;
  /** The tail factor applied (1 when none). */
  tailFactor: number;
  /** Present when a tail factor > 1 is applied. */
  tail?: MackTail;
  /** Per origin. */
  latest: Float64Array;
  ultimate: Float64Array;
  ibnr: Float64Array;
  /** Standard error of the reserve (= of the ultimate) of each origin: √(process² + parameter²). */
  mackSe: Float64Array;
  processSe: Float64Array;
  parameterSe: Float64Array;
  /** mackSe / ibnr per origin; 0 where the IBNR is 0 (R prints NaN there). */
  cv: Float64Array;
  total: MackTotals;
}

/** Mack's chain ladder with standard errors; see the module comment for the formulas. */
export function mackChainLadder(tri: Triangle, options: MackOptions = {}): MackResult {
  const sigmaRule = options.sigmaRule ?? "MACK";
  if (!(SIGMA_RULES as readonly string[]).includes(sigmaRule)) invalid("sigma_rule", `unknown sigma rule "${String(sigmaRule)}"; expected MACK or LOGLINEAR`);
  const tailOption = options.tail;
  if (tailOption !== undefined && tailOption !== true) checkTail(tailOption);
  checkNonNegative("tailSe", options.tailSe);
  checkNonNegative("tailSigma", options.tailSigma);

  const { origins, devs } = tri;
  const steps = devs - 1;

  // Every amount that is the denominator of a ratio must be positive; report the first bad cell.
  for (let i = 0; i < origins; i++) {
    const o = tri.observed[i] as number;
    for (let k = 0; k < o - 1; k++) ratio(tri, i, k);
  }

  const factors = ageToAgeFactors(tri);
  const sigma = new Float64Array(steps);
  const factorSe = new Float64Array(steps);
  const volume = new Float64Array(steps); // S_k
  let estimatedSigmas = 0;
  for (let k = 0; k < steps; k++) {
    const rows = rowsWithFactor(tri, k);
    const f = factors[k] as number;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < rows; i++) {
      const c = cell(tri, i, k);
      const d = cell(tri, i, k + 1) / c - f;
      s += c;
      ss += c * d * d;
    }
    volume[k] = s;
    if (rows >= 2) {
      // Rows informing f_k are a prefix and their number never increases with k, so the estimable σ are a prefix.
      sigma[k] = Math.sqrt(ss / (rows - 1));
      estimatedSigmas = k + 1;
    }
  }

  // Fill the σ that rest on fewer than two ratios.
  let sigmaRuleUsed: SigmaRule = sigmaRule;
  let sigmaFitPValue: number | undefined;
  if (estimatedSigmas < steps) {
    if (sigmaRule === "LOGLINEAR") {
      const fit = logLinearSigma(sigma, estimatedSigmas);
      if (!Number.isNaN(fit.pValue)) sigmaFitPValue = fit.pValue;
      // R: if(p.value.of.model > 0.05){ warning(...); est.sigma <- "Mack" } — Mack's rule then overwrites.
      if (fit.pValue > 0.05 || Number.isNaN(fit.pValue)) sigmaRuleUsed = "MACK";
      else for (let k = estimatedSigmas; k < steps; k++) sigma[k] = Math.exp(fit.intercept + fit.slope * (k + 1));
    }
    if (sigmaRuleUsed === "MACK") mackSigmaRule(sigma, estimatedSigmas);
  }
  for (let k = 0; k < steps; k++) factorSe[k] = (sigma[k] as number) / Math.sqrt(volume[k] as number);

  // Tail.
  let tailFactor = 1;
  let tailEstimated = false;
  if (tailOption === true) {
    tailFactor = tailFactorLogLinear(factors);
    tailEstimated = true;
  } else if (tailOption !== undefined) {
    tailFactor = tailOption;
  }
  let tail: MackTail | undefined;
  if (tailFactor > 1) {
    const { se, sigma: tailSigma } = tailParameters(factors, factorSe, sigma, tailFactor, options.tailSe, options.tailSigma);
    tail = { factor: tailFactor, se, sigma: tailSigma, estimated: tailEstimated };
  }

  // Projection and recursion, origin by origin.
  const out = {
    latest: new Float64Array(origins),
    ultimate: new Float64Array(origins),
    ibnr: new Float64Array(origins),
    mackSe: new Float64Array(origins),
    processSe: new Float64Array(origins),
    parameterSe: new Float64Array(origins),
    cv: new Float64Array(origins),
  };
  // M_k: projected amounts at k of the origins not observed at k + 1 (index steps = the tail step).
  const m = new Float64Array(devs);
  let totalProcessVar = 0;
  for (let i = 0; i < origins; i++) {
    const o = tri.observed[i] as number;
    const c0 = latest(tri, i);
    if ((o < devs || tail) && c0 < 0) {
      invalid("triangle", `${c0} is a negative latest amount; the projection of origin ${i + 1} needs one >= 0`, i * devs + o - 1);
    }
    let c = c0;
    let proc = 0;
    let param = 0;
    for (let k = o - 1; k < steps; k++) {
      const f = factors[k] as number;
      const s = sigma[k] as number;
      const se = factorSe[k] as number;
      m[k] = (m[k] as number) + c;
      proc = c * s * s + proc * f * f;
      param = c * c * se * se + param * f * f;
      c *= f;
    }
    if (tail) {
      m[steps] = (m[steps] as number) + c;
      proc = c * tail.sigma * tail.sigma + proc * tail.factor * tail.factor;
      param = c * c * tail.se * tail.se + param * tail.factor * tail.factor;
      c *= tail.factor;
    }
    totalProcessVar += proc;
    const ibnr = c - c0;
    const mse = proc + param;
    out.latest[i] = c0;
    out.ultimate[i] = c;
    out.ibnr[i] = ibnr;
    out.processSe[i] = Math.sqrt(proc);
    out.parameterSe[i] = Math.sqrt(param);
    out.mackSe[i] = Math.sqrt(mse);
    out.cv[i] = cv(Math.sqrt(mse), ibnr);
  }
  let totalParamVar = 0;
  for (let k = 0; k < steps; k++) {
    const f = factors[k] as number;
    const se = factorSe[k] as number;
    const mk = m[k] as number;
    totalParamVar = mk * mk * se * se + totalParamVar * f * f;
  }
  if (tail) {
    const mk = m[steps] as number;
    totalParamVar = mk * mk * tail.se * tail.se + totalParamVar * tail.factor * tail.factor;
  }
  let totalLatest = 0;
  let totalUltimate = 0;
  let totalIbnr = 0;
  for (let i = 0; i < origins; i++) {
    totalLatest += out.latest[i] as number;
    totalUltimate += out.ultimate[i] as number;
    totalIbnr += out.ibnr[i] as number;
  }
  const totalSe = Math.sqrt(totalProcessVar + totalParamVar);

  const result: MackResult = {
    factors,
    sigma,
    factorSe,
    estimatedSigmas,
    sigmaRule,
    sigmaRuleUsed,
    tailFactor,
    ...out,
    total: {
      latest: totalLatest,
      ultimate: totalUltimate,
      ibnr: totalIbnr,
      mackSe: totalSe,
      processSe: Math.sqrt(totalProcessVar),
      parameterSe: Math.sqrt(totalParamVar),
      cv: cv(totalSe, totalIbnr),
    },
  };
  if (sigmaFitPValue !== undefined) result.sigmaFitPValue = sigmaFitPValue;
  if (tail) result.tail = tail;
  return result;
}

/** se / ibnr, and 0 when the IBNR is 0 (no reserve: nothing to relate the error to). */
function cv(se: number, ibnr: number): number {
  return ibnr === 0 ? 0 : se / ibnr;
}

function checkNonNegative(argument: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isFinite(v) && v >= 0)) invalid(argument, `${v} is not a finite number >= 0`);
}

/**
 * Mack (1993, p. 217) for each missing σ in turn:
 *   σ²_k = min(σ⁴_{k−1} / σ²_{k−2}, min(σ²_{k−2}, σ²_{k−1})).
 * R (Mack.S.E): `sigma[i] <- sqrt(abs(min((sigma[i - 1]^4/sigma[i - 2]^2), min(sigma[i - 2]^2, sigma[i - 1]^2))))`.
 * With σ_{k−2} = 0 the minimum is 0 (R gives 0 too, or NaN when σ_{k−1} is also 0; here 0).
 */
function mackSigmaRule(sigma: Float64Array, estimated: number): void {
  if (estimated < 2) {
    invalid(
      "triangle",
      `too small for Mack's sigma rule: only ${estimated} development period${estimated === 1 ? " has" : "s have"} two or more ratios, and the rule needs the two σ before the first missing one; use a larger triangle`,
    );
  }
  for (let k = estimated; k < sigma.length; k++) {
    const a = (sigma[k - 2] as number) ** 2;
    const b = (sigma[k - 1] as number) ** 2;
    const floor = Math.min(a, b);
    sigma[k] = Math.sqrt(a === 0 ? 0 : Math.min((b * b) / a, floor));
  }
}

interface LineFit {
  intercept: number;
  slope: number;
  /** Two-sided p-value of the slope (NaN when undefined: a perfect flat fit). */
  pValue: number;
}

/**
 * R's estimate.sigma():
 *   my.dev <- dev[!is.na(sigma) & sigma > 0]
 *   my.model <- lm(log(sigma[my.dev]) ~ my.dev)
 *   sigma[is.na(sigma)] <- exp(predict(my.model, newdata=data.frame(my.dev=dev[is.na(sigma)])))
 * with dev = 1..n, and Mack.S.E's test of summary(my.model)$coefficient[2,4] (the slope's p-value).
 * R stops when the p-value cannot be computed (fewer than three positive σ: no residual degree of
 * freedom); so does this, with a #VALUE! error.
 */
function logLinearSigma(sigma: Float64Array, estimated: number): LineFit {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < estimated; k++) {
    const s = sigma[k] as number;
    if (s > 0) {
      xs.push(k + 1);
      ys.push(Math.log(s));
    }
  }
  if (xs.length < 3) {
    invalid(
      "triangle",
      `too small for the LOGLINEAR sigma rule: ${xs.length} positive σ can be estimated from the data and the log-linear fit needs at least 3 (R's MackChainLadder cannot test the fit with fewer); use sigma_rule MACK or a larger triangle`,
    );
  }
  return lineFit(xs, ys, true);
}

/** Ordinary least squares y = a + b·x (R's lm(y ~ x)), optionally with the slope's two-sided p-value. */
function lineFit(xs: readonly number[], ys: readonly number[], withPValue: boolean): LineFit {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let pValue = Number.NaN;
  if (withPValue && n > 2) {
    let rss = 0;
    for (let i = 0; i < n; i++) {
      const r = (ys[i] as number) - intercept - slope * (xs[i] as number);
      rss += r * r;
    }
    const df = n - 2;
    const seSlope = Math.sqrt(rss / df / sxx);
    const t = slope / seSlope;
    if (Number.isNaN(t)) pValue = Number.NaN;
    else if (!Number.isFinite(t)) pValue = 0;
    else pValue = regularizedBeta(df / (df + t * t), df / 2, 0.5);
  }
  return { intercept, slope, pValue };
}

/**
 * R's tailfactor() (R/ChainLadder.R), applied to the age-to-age factors f_1..f_n (1-based):
 *   f <- clratios; n <- length(f)
 *   if (f[n - 2] * f[n - 1] > 1.0001) {
 *       fn <- which(clratios > 1); f <- clratios[fn]; n <- max(fn)
 *       tail.model <- lm(log(f - 1) ~ fn); co <- coef(tail.model)
 *       tail <- exp(co[1] + c((n + 1):(n + 100)) * co[2]) + 1
 *       tail <- prod(tail)
 *       if (tail > 2){ print("The estimate tail factor was bigger than 2 and has been reset to 1."); tail <- 1 }
 *   } else { tail <- 1 }
 * i.e. log(f_k − 1) = a + b·k fitted over the factors > 1, and the tail is Π (1 + e^{a + b·k}) over the
 * 100 developments after the last factor > 1 (always 100: there is no stopping rule), reset to 1 when it
 * exceeds 2. `n <- max(fn)` is the fix of mages/ChainLadder pull request #11 (merged July 2016); older
 * releases had `n <- length(f)`, which differs only when some factor before the last one is <= 1.
 * Reproduced as is, including the test on the third-last and second-last factors (f[n−2]·f[n−1]).
 */
export function tailFactorLogLinear(factors: ArrayLike<number>): number {
  const n = factors.length;
  if (n < 3) invalid("tail", `cannot be estimated from ${n} development factor${n === 1 ? "" : "s"}; R's tailfactor() needs at least 3 — give a tail factor instead`);
  const f2 = factors[n - 3] as number;
  const f1 = factors[n - 2] as number;
  if (!(f2 * f1 > 1.0001)) return 1;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < n; k++) {
    const f = factors[k] as number;
    if (f > 1) {
      xs.push(k + 1);
      ys.push(Math.log(f - 1));
    }
  }
  if (xs.length < 2) invalid("tail", `cannot be estimated: only ${xs.length} development factor is > 1 and the log-linear fit needs two — give a tail factor instead`);
  const { intercept, slope } = lineFit(xs, ys, false);
  const last = xs[xs.length - 1] as number; // max(fn)
  let tail = 1;
  for (let k = last + 1; k <= last + 100; k++) tail *= Math.exp(intercept + k * slope) + 1;
  return tail > 2 ? 1 : tail;
}

/**
 * The tail's s.e. and σ, as R's tail.SE() (n = number of columns after the tail column was added, so
 * 1..(n−2) are the age-to-age steps):
 *   .f <- StdErr$f[start:(n - 2)]; .dev <- c(start:(n - 2))
 *   mf <- lm(log(.f-1) ~ .dev)
 *   tail.pos <- (log(StdErr$f[n - 1] - 1) - coef(mf)[1]) / coef(mf)[2]
 *   if(is.null(tail.se)){ .fse <- StdErr$f.se[start:(n-2)]; mse <- lm(log(.fse) ~ .dev)
 *                         tail.se <- exp(predict(mse, newdata=data.frame(.dev=tail.pos))) }
 *   if(is.null(tail.sigma)){ .sigma <- StdErr$sigma[start:(n-2)]; msig <- lm(log(.sigma) ~ .dev)
 *                            tail.sigma <- exp(predict(msig, newdata = data.frame(.dev = tail.pos))) }
 *   se.F.tail <- tail.sigma / sqrt(FullTriangle[, n - 1])
 * i.e. the tail is placed at the development "position" where the fitted log(f − 1) line reaches
 * log(tail − 1), and se(f) and σ are read off their own log-linear lines there. The σ and se(f) include
 * the extrapolated ones. R's lm drops the NaN of log(f − 1) for f < 1; it stops on log(0) (f = 1, or a
 * σ of 0); here every point that has no finite logarithm is left out of its fit.
 */
function tailParameters(
  factors: Float64Array,
  factorSe: Float64Array,
  sigma: Float64Array,
  tail: number,
  givenSe: number | undefined,
  givenSigma: number | undefined,
): { se: number; sigma: number } {
  if (givenSe !== undefined && givenSigma !== undefined) return { se: givenSe, sigma: givenSigma };
  const advice = "give tail_se and tail_sigma instead";
  const pos = (() => {
    const fit = logFit(factors, (f) => f - 1);
    if (!fit) invalid("tail", `the tail's standard error cannot be estimated: fewer than two development factors are > 1; ${advice}`);
    const p = (Math.log(tail - 1) - fit.intercept) / fit.slope;
    if (!Number.isFinite(p)) numericFailure(`the tail's standard error cannot be estimated: the fitted log(f − 1) line is flat; ${advice}`, { argument: "tail" });
    return p;
  })();
  const at = (values: Float64Array, what: string): number => {
    const fit = logFit(values, (v) => v);
    if (!fit) invalid("tail", `the tail's ${what} cannot be estimated: fewer than two positive values to extrapolate; ${advice}`);
    return Math.exp(fit.intercept + fit.slope * pos);
  };
  return { se: givenSe ?? at(factorSe, "standard error"), sigma: givenSigma ?? at(sigma, "σ") };
}

/** lm(log(g(v_k)) ~ k) over k = 1..n where g(v_k) > 0; undefined with fewer than two points. */
function logFit(values: Float64Array, g: (v: number) => number): LineFit | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = g(values[k] as number);
    if (v > 0 && Number.isFinite(v)) {
      xs.push(k + 1);
      ys.push(Math.log(v));
    }
  }
  if (xs.length < 2) return undefined;
  return lineFit(xs, ys, false);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e−15). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The regularized incomplete beta function I_x(a, b) (continued fraction, modified Lentz). The two-sided
 * p-value of a t statistic with df degrees of freedom is I_{df/(df+t²)}(df/2, 1/2).
 */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}
