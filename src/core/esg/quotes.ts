import { invalid, numericFailure } from "../errors";
import { inverseNormalCdf } from "../random/normal";
import { normalCdf, normalPdf } from "./normal";

/**
 * Market quotes of European swaptions turned into prices and back, per unit notional:
 *   Black (lognormal):   payer = A [F Φ(d₁) − K Φ(d₂)],  receiver = A [K Φ(−d₂) − F Φ(−d₁)],
 *                        d₁,₂ = (ln(F/K) ± σ²T/2) / (σ√T);
 *   Bachelier (normal):  payer = A [(F − K) Φ(d) + σ√T φ(d)],  receiver = A [(K − F) Φ(−d) + σ√T φ(d)],
 *                        d = (F − K) / (σ√T),
 * with A the annuity and F the forward swap rate (./swap.ts), T the expiry (Brigo & Mercurio 2006,
 * "Interest Rate Models — Theory and Practice", 2nd ed., §1.5.2 and §6.7; Bachelier's formula e.g.
 * in Hull, "Options, Futures and Other Derivatives"). At the money (K = F) both are the same for payers
 * and receivers and invert in closed form:
 *   Black: price = A F (2Φ(σ√T/2) − 1)  ⇔  σ = 2 Φ⁻¹((1 + price/(A F))/2) / √T;
 *   normal: price = A σ √(T/(2π))        ⇔  σ = price √(2π/T) / A.
 */
export type VolType = "LOGNORMAL" | "NORMAL";
export const VOL_TYPES: readonly VolType[] = ["LOGNORMAL", "NORMAL"];

/** Parses "LOGNORMAL"/"BLACK" or "NORMAL"/"BACHELIER" (case-insensitive); blank → LOGNORMAL. */
export function resolveVolType(text: string | undefined, argument = "voltype"): VolType {
  if (text === undefined || text.trim() === "") return "LOGNORMAL";
  const key = text.trim().toUpperCase();
  if (key === "LOGNORMAL" || key === "BLACK") return "LOGNORMAL";
  if (key === "NORMAL" || key === "BACHELIER") return "NORMAL";
  return invalid(argument, `unknown volatility type "${text}"; expected LOGNORMAL (Black) or NORMAL (Bachelier)`);
}

export interface SwaptionQuote {
  annuity: number;
  forward: number;
  strike: number;
  expiry: number;
  vol: number;
  payer: boolean;
}

/** Black's swaption price; needs F > 0 and K > 0. */
export function blackSwaption(q: SwaptionQuote): number {
  const { annuity, forward: f, strike: k, expiry, vol, payer } = q;
  if (!(f > 0)) invalid("vols", `the forward swap rate is ${f}; a lognormal (Black) volatility needs a positive forward — quote NORMAL volatilities`);
  if (!(k > 0)) invalid("strike", `${k} is not positive; a lognormal (Black) volatility needs a positive strike`);
  const s = vol * Math.sqrt(expiry);
  if (s === 0) return annuity * Math.max(payer ? f - k : k - f, 0);
  const d1 = Math.log(f / k) / s + 0.5 * s;
  const d2 = d1 - s;
  return payer ? annuity * (f * normalCdf(d1) - k * normalCdf(d2)) : annuity * (k * normalCdf(-d2) - f * normalCdf(-d1));
}

/** Bachelier's (normal) swaption price. */
export function bachelierSwaption(q: SwaptionQuote): number {
  const { annuity, forward: f, strike: k, expiry, vol, payer } = q;
  const s = vol * Math.sqrt(expiry);
  const w = payer ? f - k : k - f;
  if (s === 0) return annuity * Math.max(w, 0);
  const d = w / s;
  return annuity * (w * normalCdf(d) + s * normalPdf(d));
}

/** The price of a swaption quoted in `type` volatility. */
export function quotedSwaption(type: VolType, q: SwaptionQuote): number {
  return type === "LOGNORMAL" ? blackSwaption(q) : bachelierSwaption(q);
}

/** The at-the-money volatility of `type` that gives `price` (closed form, see above). */
export function atmImpliedVol(type: VolType, price: number, annuity: number, forward: number, expiry: number): number {
  if (!(price > 0)) numericFailure(`a swaption price of ${price} has no implied volatility`);
  if (type === "NORMAL") return (price * Math.sqrt((2 * Math.PI) / expiry)) / annuity;
  const u = price / (annuity * forward);
  if (!(u < 1)) numericFailure(`a payer price of ${price} is not below A·F = ${annuity * forward}: no Black volatility`);
  return (2 * inverseNormalCdf(0.5 + 0.5 * u)) / Math.sqrt(expiry);
}
