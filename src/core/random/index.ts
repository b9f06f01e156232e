/**
 * Seeded pseudo-random numbers for every simulation of the product.
 *
 * - `Xoshiro256StarStar`: the generator (Blackman & Vigna 2018), seeded from one integer through
 *   SplitMix64; uniform integers and doubles, unbiased bounded integers, jump / split into
 *   independent substreams for parallel workers, and convenience normal / gamma samplers.
 * - `inverseNormalCdf` (Wichura AS 241), `normal`, `fillNormal`: normals by inversion, one uniform
 *   per normal.
 * - `gamma`: Marsaglia & Tsang (2000), with the boost for shape < 1.
 * - `quantileSorted`, `sampleMean`, `sampleSd`: the summary statistics used by Monte Carlo results.
 *
 * Bit-identical on every JavaScript engine: the uniform stream (nextUint32, nextUint64, nextDouble,
 * nextOpenDouble, nextInt, jump). Reproducible run to run on one engine but possibly different in
 * the last bit across engines: normals in the tails (|Φ⁻¹(u)| beyond p ∉ [0.075, 0.925], Math.log)
 * and gamma variates (Math.log, Math.pow).
 */
export { Xoshiro256StarStar } from "./xoshiro256";
export { SplitMix64 } from "./splitmix64";
export { inverseNormalCdf, normal, fillNormal } from "./normal";
export { gamma } from "./gamma";
export { quantileSorted, sampleMean, sampleSd } from "./statistics";
export type { UniformSource } from "./source";
