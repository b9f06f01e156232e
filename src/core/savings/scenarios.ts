import { invalid } from "../errors";

/**
 * Investment scenarios for the account-value engine: one row of monthly returns per scenario, as a
 * matrix in one Float64Array (scenarios × steps, row-major: returns[s · steps + t] is the return
 * credited in month t of scenario s), and optionally the deflator of each scenario (same layout:
 * the factor for cash flows at the start of month t). Without deflators the run discounts every
 * scenario with its deterministic curve (the projection context).
 */
export interface InvestmentScenarios {
  readonly count: number;
  readonly steps: number;
  readonly returns: Float64Array;
  readonly deflators?: Float64Array;
}

/** Checks the shapes and values: returns above −100%, deflators > 0, all finite. */
export function makeScenarios(count: number, steps: number, returns: Float64Array, deflators?: Float64Array): InvestmentScenarios {
  if (!(Number.isInteger(count) && count >= 1)) invalid("scenarios", `${count} is not a whole number of scenarios >= 1`);
  if (!(Number.isInteger(steps) && steps >= 1)) invalid("steps", `${steps} is not a whole number of months >= 1`);
  if (returns.length !== count * steps) invalid("returns", `has ${returns.length} values; ${count} scenarios × ${steps} months need ${count * steps}`);
  for (let k = 0; k < returns.length; k++) {
    const r = returns[k] as number;
    if (!(r > -1 && Number.isFinite(r))) invalid("returns", `scenario ${Math.floor(k / steps) + 1}, month ${k % steps}: ${r} is not a return above −100%`, k);
  }
  if (deflators) {
    if (deflators.length !== count * steps) invalid("deflators", `has ${deflators.length} values; ${count} scenarios × ${steps} months need ${count * steps}`);
    for (let k = 0; k < deflators.length; k++) {
      const d = deflators[k] as number;
      if (!(d > 0 && Number.isFinite(d))) invalid("deflators", `scenario ${Math.floor(k / steps) + 1}, month ${k % steps}: ${d} is not a deflator > 0`, k);
    }
  }
  return { count, steps, returns, deflators };
}

/**
 * Lognormal monthly returns from standard normal draws (lifelib's savings inv_return_table, a
 * geometric Brownian motion sampled monthly):
 *   r = exp((μ − σ²/2)·Δt + σ·√Δt·ε) − 1,   Δt = 1/12,
 * μ the continuously compounded drift (the risk-free rate for risk-neutral scenarios), σ the volatility.
 * `normals` is scenarios × steps in the same layout as the returns. σ = 0 gives e^(μΔt) − 1 every month.
 */
export function lognormalReturns(normals: Float64Array, count: number, steps: number, mu: number, sigma: number): InvestmentScenarios {
  if (!Number.isFinite(mu)) invalid("mu", `${mu} is not a finite drift`);
  if (!(Number.isFinite(sigma) && sigma >= 0)) invalid("sigma", `${sigma} is not a volatility >= 0`);
  if (normals.length !== count * steps) invalid("normals", `has ${normals.length} values; ${count} scenarios × ${steps} months need ${count * steps}`);
  const dt = 1 / 12;
  // as lifelib writes it: (mu − 0.5·sigma²)·dt + sigma·dt^0.5·ε, the product left to right
  const drift = (mu - 0.5 * sigma ** 2) * dt;
  const scale = sigma * Math.sqrt(dt);
  const returns = new Float64Array(normals.length);
  for (let k = 0; k < normals.length; k++) {
    const e = normals[k] as number;
    if (!Number.isFinite(e)) invalid("normals", `scenario ${Math.floor(k / steps) + 1}, month ${k % steps}: ${e} is not a finite number`, k);
    returns[k] = Math.exp(drift + scale * e) - 1;
  }
  return makeScenarios(count, steps, returns);
}

/** One scenario with the same return r every month (deterministic runs and closed-form checks). */
export function constantReturns(r: number, steps: number): InvestmentScenarios {
  return makeScenarios(1, steps, new Float64Array(steps).fill(r));
}
