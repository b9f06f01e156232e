import { invalid } from "../errors";
import { chainLadder, type ChainLadderResult } from "./chainLadder";
import type { Triangle } from "./triangle";

/**
 * The expected-loss family of reserving methods (seed 002: the loss ratio method, Bornhuetter–Ferguson;
 * and its credibility relatives). All work per origin with
 *   q_i = 1 − 1/CDF_i, the expected share of the ultimate still unreported (chain-ladder pattern).
 */
export interface ExpectedLossResult {
  latest: Float64Array;
  /** A priori expected ultimate (premium × ELR), or the Cape Cod ELR × premium. */
  expected: Float64Array;
  /** Expected unreported share q_i = 1 − 1/CDF_i. */
  unreported: Float64Array;
  ibnr: Float64Array;
  ultimate: Float64Array;
  /** The chain ladder behind the pattern. */
  chainLadder: ChainLadderResult;
}

/** Premiums (or another exposure), one per origin, >= 0. */
export function checkPremium(premium: ArrayLike<number>, origins: number): Float64Array {
  if (premium.length !== origins) invalid("premium", `has ${premium.length} values but the triangle has ${origins} origin periods; give one premium per origin`);
  const p = Float64Array.from(premium);
  p.forEach((x, i) => {
    if (!(x >= 0) || !Number.isFinite(x)) invalid("premium", `${x} is not a premium >= 0`, i);
  });
  return p;
}

/** Expected loss ratios: one for all origins, or one per origin; each >= 0. */
export function checkLossRatios(elr: ArrayLike<number>, origins: number): Float64Array {
  if (elr.length !== 1 && elr.length !== origins) invalid("elr", `has ${elr.length} values; give one loss ratio, or one per origin (${origins})`);
  const out = new Float64Array(origins);
  for (let i = 0; i < origins; i++) {
    const x = elr[elr.length === 1 ? 0 : i] as number;
    if (!(x >= 0) || !Number.isFinite(x)) invalid("elr", `${x} is not a loss ratio >= 0 (0.65 for 65%)`, elr.length === 1 ? 0 : i);
    out[i] = x;
  }
  return out;
}

function unreportedShare(cl: ChainLadderResult): Float64Array {
  return cl.cdf.map((k) => 1 - 1 / k);
}

/**
 * Benktander (1976) iterations, Mack (2000) "Credible claims reserves: the Benktander method":
 *   U⁽⁰⁾ = a priori expected ultimate, U⁽ᵏ⁺¹⁾ = Latest + q · U⁽ᵏ⁾.
 * One iteration is Bornhuetter–Ferguson (1972), two the Benktander method; as k → ∞, U⁽ᵏ⁾ tends to
 * the chain-ladder ultimate Latest · CDF whenever q < 1.
 */
export function benktander(tri: Triangle, premium: ArrayLike<number>, elr: ArrayLike<number>, iterations = 2, tail?: number): ExpectedLossResult {
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 10_000)) invalid("iterations", `${iterations} is not a whole number of iterations from 1 to 10000`);
  const p = checkPremium(premium, tri.origins);
  const lr = checkLossRatios(elr, tri.origins);
  const cl = chainLadder(tri, { tail });
  const q = unreportedShare(cl);
  const n = tri.origins;
  const res: ExpectedLossResult = { latest: cl.latest, expected: new Float64Array(n), unreported: q, ibnr: new Float64Array(n), ultimate: new Float64Array(n), chainLadder: cl };
  for (let i = 0; i < n; i++) {
    const prior = (p[i] as number) * (lr[i] as number);
    let u = prior;
    for (let k = 0; k < iterations; k++) u = (cl.latest[i] as number) + (q[i] as number) * u;
    res.expected[i] = prior;
    res.ultimate[i] = u;
    res.ibnr[i] = u - (cl.latest[i] as number);
  }
  return res;
}

/** Bornhuetter–Ferguson: IBNR_i = Premium_i · ELR_i · (1 − 1/CDF_i); Ultimate = Latest + IBNR. */
export function bornhuetterFerguson(tri: Triangle, premium: ArrayLike<number>, elr: ArrayLike<number>, tail?: number): ExpectedLossResult {
  return benktander(tri, premium, elr, 1, tail);
}

/**
 * The (expected) loss ratio method: Ultimate_i = Premium_i · ELR_i, reserve = Ultimate − Latest.
 * It ignores the claims experience; a negative reserve (latest above the expected ultimate) is
 * returned as it is, because that is what the method says.
 */
export function lossRatioMethod(premium: ArrayLike<number>, elr: ArrayLike<number>, latest: ArrayLike<number>): { latest: Float64Array; ultimate: Float64Array; ibnr: Float64Array } {
  const n = premium.length;
  if (n === 0) invalid("premium", "is empty");
  if (latest.length !== n) invalid("latest", `has ${latest.length} values but premium has ${n}; give one latest amount per premium`);
  const p = checkPremium(premium, n);
  const lr = checkLossRatios(elr, n);
  const l = Float64Array.from(latest);
  const ultimate = p.map((x, i) => x * (lr[i] as number));
  return { latest: l, ultimate, ibnr: ultimate.map((u, i) => u - (l[i] as number)) };
}

/**
 * Cape Cod (Stanard–Bühlmann), generalised with a decay and a trend (Gluck 1997, "Balancing
 * development and trend in loss reserve analysis", PCAS LXXXIV):
 *   used-up premium  P'_j = Premium_j / CDF_j,
 *   ELR_i = Σ_j d^|i−j| · Latest_j · (1 + trend)^(i−j)  /  Σ_j d^|i−j| · P'_j,
 *   IBNR_i = ELR_i · Premium_i · (1 − 1/CDF_i),  Ultimate_i = Latest_i + IBNR_i.
 * decay 1 (default) gives the classic Cape Cod with one ELR for all origins; decay 0 gives each
 * origin its own chain-ladder loss ratio, i.e. the chain ladder. trend brings the losses of origin j
 * to the cost level of origin i (per origin period).
 */
export function capeCod(tri: Triangle, premium: ArrayLike<number>, options: { tail?: number; decay?: number; trend?: number } = {}): ExpectedLossResult & { usedUpPremium: Float64Array; elr: Float64Array } {
  const decay = options.decay ?? 1;
  const trend = options.trend ?? 0;
  if (!(decay >= 0 && decay <= 1)) invalid("decay", `${decay} is not a decay between 0 and 1`);
  if (!(trend > -1) || !Number.isFinite(trend)) invalid("trend", `${trend} is not a trend above −100% per period`);
  const p = checkPremium(premium, tri.origins);
  const cl = chainLadder(tri, { tail: options.tail });
  const q = unreportedShare(cl);
  const n = tri.origins;
  const used = p.map((x, j) => x / (cl.cdf[j] as number));
  const elr = new Float64Array(n);
  const res = { latest: cl.latest, expected: new Float64Array(n), unreported: q, ibnr: new Float64Array(n), ultimate: new Float64Array(n), chainLadder: cl, usedUpPremium: used, elr };
  for (let i = 0; i < n; i++) {
    let num = 0;
    let den = 0;
    for (let j = 0; j < n; j++) {
      const w = decay === 1 ? 1 : Math.pow(decay, Math.abs(i - j));
      num += w * (cl.latest[j] as number) * Math.pow(1 + trend, i - j);
      den += w * (used[j] as number);
    }
    if (!(den > 0)) invalid("premium", `the used-up premium weighted for origin ${i + 1} is ${den}; Cape Cod needs positive premiums`, i);
    elr[i] = num / den;
    res.expected[i] = (elr[i] as number) * (p[i] as number);
    res.ibnr[i] = (res.expected[i] as number) * (q[i] as number);
    res.ultimate[i] = (cl.latest[i] as number) + (res.ibnr[i] as number);
  }
  return res;
}
