import { invalid } from "../errors";
import { NeumaierSum } from "../numeric/summation";
import { checkCapital, checkUnitRate, exactSum } from "./components";

/**
 * Traditional embedded value (seed 001, SCOR Vie 2004):
 *
 *   EV = ANAV + PVIF + COLI,
 *
 * PVIF the value of the in-force treaties discounted at the risk discount rate RDR = 10-year
 * government yield + margin (350 bp in seed 001: 3.70% → 7.20%, 4.24% → 7.74%, 4.30% → 7.80%), and
 * COLI the cost of locking-in the solvency margin (a negative number).
 */

/** A rate as a decimal in (−1, 1]: a larger number is most likely a percentage typed as a number. */
function checkRate(value: number, name: string, what: string): void {
  if (!Number.isFinite(value)) invalid(name, `${value} is not a finite number`);
  if (value <= -1) invalid(name, `${value} is at or below −100%; ${what} is a decimal (0.037 for 3.70%)`);
  if (value > 1) invalid(name, `${value} is above 100%; ${what} is a decimal (0.037 for 3.70%, 350 bp = 0.035)`);
}

/** RDR = govt10y + margin, added exactly in decimal (0.037 + 0.035 = 0.072, not 0.07200000000000001). */
export function riskDiscountRate(govt10y: number, margin: number): number {
  checkRate(govt10y, "govt10y", "the 10-year government yield");
  checkRate(margin, "margin", "the risk margin");
  const rdr = exactSum(govt10y, margin);
  if (rdr <= -1) invalid("margin", `gives a risk discount rate of ${rdr}, at or below −100%`);
  return rdr;
}

/**
 * Cost of locking-in the solvency margin (seed 001): the capital C(t−1) held over year t earns
 * return_rate after tax, j = i · (1 − tax), and is released as the requirement runs off; shareholders
 * discount at the RDR, v = 1 / (1 + rdr). With C(n) = 0:
 *
 *   COLI = − [ C(0) − Σ_{t=1..n} ( C(t−1) · (1 + j) − C(t) ) · v^t ].
 *
 * Equivalently COLI = − Σ_t C(t−1) · (rdr − j) · v^t (telescoping C(t−1)·v^(t−1) − C(t)·v^t), so the
 * cost is the shortfall of the after-tax return on the locked-in capital below the RDR; for constant
 * capital C over n years COLI = − C · (rdr − j) · a_n with a_n = (1 − v^n) / rdr, or
 * − C · (rdr − j) · v · ä_n. A return above the RDR gives a positive COLI (a gain), returned as it is.
 */
export function costOfLockingIn(capital: ArrayLike<number>, rdr: number, returnRate: number, tax: number): number {
  checkCapital(capital, "capital", "the locked-in capital (solvency margin)");
  checkRate(rdr, "rdr", "the risk discount rate");
  checkRate(returnRate, "return_rate", "the return on the locked-in assets");
  checkUnitRate(tax, "tax", "the tax rate");
  const j = returnRate * (1 - tax);
  const lnV = -Math.log1p(rdr);
  const acc = new NeumaierSum();
  acc.add(capital[0] as number);
  for (let t = 1; t <= capital.length; t++) {
    const before = capital[t - 1] as number;
    const after = t < capital.length ? (capital[t] as number) : 0;
    acc.add(-(before * (1 + j) - after) * Math.exp(t * lnV));
  }
  return acc.value === 0 ? 0 : -acc.value;
}

export interface TraditionalEv {
  anav: number;
  pvif: number;
  coli: number;
  /** PVIF + COLI: the value of in-force after the cost of locking-in. */
  vif: number;
  ev: number;
}

/** EV = ANAV + PVIF + COLI (COLI <= 0), the sums exact in decimal as displayed. */
export function traditionalEmbeddedValue(anav: number, pvif: number, coli: number): TraditionalEv {
  if (!Number.isFinite(anav)) invalid("anav", `${anav} is not a finite number`);
  if (!Number.isFinite(pvif)) invalid("pvfp_rdr", `${pvif} is not a finite number`);
  if (!Number.isFinite(coli)) invalid("coli", `${coli} is not a finite number`);
  if (coli > 0) invalid("coli", `${coli} is positive; the cost of locking-in is entered as a negative number (e.g. ${-coli}), so that EV = ANAV + PVIF + COLI`);
  return { anav, pvif, coli, vif: exactSum(pvif, coli), ev: exactSum(anav, pvif, coli) };
}
