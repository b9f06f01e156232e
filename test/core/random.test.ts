import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  SplitMix64,
  Xoshiro256StarStar,
  fillNormal,
  gamma,
  inverseNormalCdf,
  normal,
  quantileSorted,
  sampleMean,
  sampleSd,
  type UniformSource,
} from "../../src/core/random";
import { mcevErrorOf } from "../helpers";

// ---------------------------------------------------------------------------------------------
// An independent BigInt transcription of the reference C code (xoshiro256starstar.c and
// splitmix64.c by Blackman & Vigna), used to check the 32-bit-halves implementation bit for bit.
// ---------------------------------------------------------------------------------------------
const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK;

function refXoshiro(state: bigint[]): () => bigint {
  const s = [...state];
  return () => {
    const s0 = s[0] as bigint, s1 = s[1] as bigint;
    const result = (rotl((s1 * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s1 << 17n) & MASK;
    s[2] = (s[2] as bigint) ^ s0;
    s[3] = (s[3] as bigint) ^ s1;
    s[1] = s1 ^ (s[2] as bigint);
    s[0] = s0 ^ (s[3] as bigint);
    s[2] = (s[2] as bigint) ^ t;
    s[3] = rotl(s[3] as bigint, 45n);
    return result;
  };
}

function refSplitMix(seed: bigint): () => bigint {
  let x = BigInt.asUintN(64, seed);
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
}

function refSeeded(seed: number): () => bigint {
  const sm = refSplitMix(BigInt(seed));
  return refXoshiro([sm(), sm(), sm(), sm()]);
}

const hex = (x: bigint): string => x.toString(16).padStart(16, "0");

describe("xoshiro256** — published reference outputs", () => {
  it("state {1, 2, 3, 4}: the first ten outputs of the reference implementation", () => {
    // Blackman & Vigna's xoshiro256starstar.c from s = {1, 2, 3, 4}; the vector of the `reference`
    // test of rand_xoshiro (rust-random/rngs, rand_xoshiro/src/xoshiro256starstar.rs), the same in
    // several other ports' test suites.
    const expected = [
      11520n, 0n, 1509978240n, 1215971899390074240n, 1216172134540287360n, 607988272756665600n,
      16172922978634559625n, 8476171486693032832n, 10595114339597558777n, 2904607092377533576n,
    ];
    const g = Xoshiro256StarStar.fromState([1n, 2n, 3n, 4n]);
    expect(expected.map(() => g.nextUint64())).toEqual(expected);
  });

  it("state {0, 0, 0, 1}: outputs, jump() and longJump() as produced by the reference C code", () => {
    // Test data of DSCF-1224/xoshiro-fortran (test/README.md, "xoshiro256** (star star)"), generated
    // by calling the reference xoshiro256starstar.c with s = {0, 0, 0, 1}.
    const g = Xoshiro256StarStar.fromState([0n, 0n, 0n, 1n]);
    expect(Array.from({ length: 10 }, () => hex(g.nextUint64()))).toEqual([
      "0000000000000000", "0000000000000000", "0000000000001680", "02d0000000001680", "02d0005a2d001680",
      "0000005a2d0b4120", "68b45a5a2d0b57a0", "68b48716ad000120", "1cb48716b2a00288", "11b10070bdeb59bc",
    ]);

    const j = Xoshiro256StarStar.fromState([0n, 0n, 0n, 1n]);
    j.jump();
    expect(j.state().map(hex)).toEqual(["934d05e8b2076310", "eabdd0bf76a1be51", "75dd6a992accb1e8", "c660c602a7330187"]);
    expect(Array.from({ length: 10 }, () => hex(j.nextUint64()))).toEqual([
      "aed8d3ed373a211a", "055baff45a8cdb8e", "4f99e3c7b7aa48f2", "36634b1d710c7653", "f9660f773c654151",
      "6d5b9d0ca69a4a72", "13c137b2c8a18efa", "8f201fdd0471f897", "a17a56c3464c3f89", "101e70c7c75f6456",
    ]);

    const l = Xoshiro256StarStar.fromState([0n, 0n, 0n, 1n]);
    l.longJump();
    expect(l.state().map(hex)).toEqual(["4aa11f0b3241cdbf", "b6a17239b35b197f", "504952572e3f844b", "2628df68616fd3a0"]);
    expect(Array.from({ length: 10 }, () => hex(l.nextUint64()))).toEqual([
      "308a124381bdac08", "70126fe4c794391e", "07a9c118caa5bc86", "aea320c3afdfd7ea", "2ccce0c2e769287f",
      "ecf4314d67b23e09", "a7db7c5361e3365f", "ee3cef53433dcd59", "ec2fb631539bb5ed", "19ebce0921470ca1",
    ]);
  });

  it("SplitMix64 from seed 0: the reference outputs", () => {
    // Vigna's splitmix64.c with x = 0 (the vector quoted by many ports).
    const s = new SplitMix64(0);
    expect([s.nextUint64(), s.nextUint64(), s.nextUint64(), s.nextUint64()].map(hex)).toEqual([
      "e220a8397b1dcdaf", "6e789e6aa1b965f4", "06c45d188009454f", "f88bb8a8724c81ec",
    ]);
  });

  it("seed 42 through SplitMix64 gives rand_xoshiro's seed_from_u64(42) stream", () => {
    // Xoshiro256StarStar::seed_from_u64(42) (state filled by SplitMix64), as recorded by
    // independent public test suites; checked here against the BigInt transcription as well.
    const g = new Xoshiro256StarStar(42);
    expect([g.nextUint64(), g.nextUint64(), g.nextUint64()]).toEqual([1546998764402558742n, 6990951692964543102n, 12544586762248559009n]);
  });
});

describe("xoshiro256** — the 32-bit implementation equals the BigInt transcription", () => {
  const word = fc.bigInt({ min: 0n, max: MASK });

  it("for random states, 50 outputs in a row", () => {
    fc.assert(
      fc.property(fc.tuple(word, word, word, word), (state) => {
        fc.pre(state.some((w) => w !== 0n));
        const g = Xoshiro256StarStar.fromState(state);
        const ref = refXoshiro(state);
        for (let k = 0; k < 50; k++) expect(g.nextUint64()).toBe(ref());
      }),
      { numRuns: 200 },
    );
  });

  it("for integer seeds, including negative ones (two's complement) and the extremes", () => {
    for (const seed of [0, 1, -1, 2, 12345, -987654321, 2 ** 32, 2 ** 32 - 1, -(2 ** 32), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      const g = new Xoshiro256StarStar(seed);
      const ref = refSeeded(seed);
      for (let k = 0; k < 20; k++) expect(g.nextUint64()).toBe(ref());
    }
  });

  it("derived outputs are the documented bits of one 64-bit output", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (seed) => {
        const ref = refSeeded(seed);
        const a = new Xoshiro256StarStar(seed);
        for (let k = 0; k < 10; k++) {
          const x = ref();
          const kind = k % 3;
          if (kind === 0) expect(a.nextUint32()).toBe(Number(x >> 32n));
          if (kind === 1) expect(a.nextDouble()).toBe(Number(x >> 11n) * 2 ** -53);
          if (kind === 2) expect(a.nextOpenDouble()).toBe((Number(x >> 12n) + 0.5) * 2 ** -52);
        }
      }),
    );
  });

  it("the same seed gives the same stream; different seeds different streams", () => {
    const a = new Xoshiro256StarStar(2026);
    const b = new Xoshiro256StarStar(2026);
    const c = new Xoshiro256StarStar(2027);
    const xa = Array.from({ length: 100 }, () => a.nextDouble());
    expect(Array.from({ length: 100 }, () => b.nextDouble())).toEqual(xa);
    expect(Array.from({ length: 100 }, () => c.nextDouble())).not.toEqual(xa);
  });

  it("refuses seeds that are not safe integers and bad states", () => {
    for (const seed of [1.5, NaN, Infinity, 2 ** 53]) expect(mcevErrorOf(() => new Xoshiro256StarStar(seed)).argument).toBe("seed");
    expect(mcevErrorOf(() => Xoshiro256StarStar.fromState([0n, 0n, 0n, 0n])).argument).toBe("state");
    expect(mcevErrorOf(() => Xoshiro256StarStar.fromState([1n, 2n, 3n])).argument).toBe("state");
    expect(mcevErrorOf(() => Xoshiro256StarStar.fromState([1n, 2n, 3n, 1n << 64n])).index).toBe(3);
  });
});

describe("substreams", () => {
  it("state() / fromState() and clone() reproduce the stream", () => {
    const g = new Xoshiro256StarStar(7);
    g.nextUint64();
    const h = Xoshiro256StarStar.fromState(g.state());
    const k = g.clone();
    const xs = Array.from({ length: 20 }, () => g.nextUint64());
    expect(Array.from({ length: 20 }, () => h.nextUint64())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => k.nextUint64())).toEqual(xs);
  });

  it("split() returns the current stream and jumps this one by 2^128", () => {
    const g = new Xoshiro256StarStar(99);
    const copy = g.clone();
    const child = g.split();
    expect(child.state()).toEqual(copy.state());
    copy.jump();
    expect(g.state()).toEqual(copy.state());
  });

  it("streams(seed, count): stream k is the seeded generator jumped k times, whatever count", () => {
    const s3 = Xoshiro256StarStar.streams(5, 3);
    const s5 = Xoshiro256StarStar.streams(5, 5);
    const g = new Xoshiro256StarStar(5);
    for (let k = 0; k < 3; k++) {
      expect(s3[k]?.state()).toEqual(g.state());
      expect(s5[k]?.state()).toEqual(g.state());
      g.jump();
    }
    const firsts = s5.map((s) => s.nextUint64());
    expect(new Set(firsts).size).toBe(5);
    expect(mcevErrorOf(() => Xoshiro256StarStar.streams(5, 0)).argument).toBe("count");
  });
});

describe("uniform doubles: moments and a chi-square bucket test at a fixed seed", () => {
  const n = 1_000_000;
  const g = new Xoshiro256StarStar(20261123);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = g.nextDouble();

  it("lies in [0, 1) with mean 1/2 and variance 1/12 within 4 standard errors", () => {
    let min = 1, max = 0;
    for (const x of u) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const m = sampleMean(u);
    expect(Math.abs(m - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    const v = sampleSd(u, m) ** 2;
    // Var((U − 1/2)²) = 1/80 − 1/144 = 1/180.
    expect(Math.abs(v - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n));
  });

  it("100 equal buckets: chi-square (99 degrees of freedom) within mean ± 4 sd", () => {
    const buckets = new Float64Array(100);
    for (const x of u) buckets[Math.floor(x * 100)]! += 1;
    const e = n / 100;
    let chi2 = 0;
    for (const o of buckets) chi2 += (o - e) ** 2 / e;
    expect(Math.abs(chi2 - 99)).toBeLessThan(4 * Math.sqrt(2 * 99));
  });

  it("nextOpenDouble never returns 0 or 1 and 1 − u stays on the same grid", () => {
    const h = new Xoshiro256StarStar(1);
    let ok = true;
    for (let i = 0; i < 100_000; i++) {
      const x = h.nextOpenDouble();
      if (!(x > 0 && x < 1 && Number.isInteger(x * 2 ** 52 - 0.5) && Number.isInteger((1 - x) * 2 ** 52 - 0.5))) ok = false;
    }
    expect(ok).toBe(true);
  });
});

describe("nextInt(n): unbiased bounded integers", () => {
  it("n = 10: chi-square of 200,000 draws", () => {
    const g = new Xoshiro256StarStar(3);
    const counts = new Float64Array(10);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[g.nextInt(10)]! += 1;
    let chi2 = 0;
    for (const o of counts) chi2 += (o - draws / 10) ** 2 / (draws / 10);
    expect(Math.abs(chi2 - 9)).toBeLessThan(4 * Math.sqrt(18));
  });

  it("n = 3·2^30 (one draw in four rejected): the three thirds are equally likely", () => {
    // Plain x mod n of a 32-bit x would give [0, 2^30) twice the probability of the other thirds.
    const g = new Xoshiro256StarStar(4);
    const n = 3 * 2 ** 30;
    const counts = [0, 0, 0];
    const draws = 90_000;
    for (let i = 0; i < draws; i++) counts[Math.floor(g.nextInt(n) / 2 ** 30)]! += 1;
    for (const c of counts) expect(Math.abs(c - draws / 3)).toBeLessThan(4 * Math.sqrt((draws * 2) / 9));
  });

  it("edge cases: n = 1, n = 2^32 (the 32-bit output itself), n = 2^53, and refusals", () => {
    const g = new Xoshiro256StarStar(11);
    const h = g.clone();
    expect(g.nextInt(1)).toBe(0);
    h.nextUint32();
    expect(g.nextInt(2 ** 32)).toBe(h.nextUint32());
    for (let i = 0; i < 100; i++) {
      const x = g.nextInt(2 ** 53);
      expect(Number.isSafeInteger(x) && x >= 0).toBe(true);
      const y = g.nextInt(6_000_000_000);
      expect(Number.isInteger(y) && y >= 0 && y < 6_000_000_000).toBe(true);
    }
    for (const n of [0, -1, 1.5, NaN, 2 ** 53 + 2]) expect(mcevErrorOf(() => g.nextInt(n)).argument).toBe("n");
  });
});

describe("inverseNormalCdf: Wichura AS 241 (PPND16)", () => {
  // Reference quantiles: 40–80-digit values from mpmath (sqrt(2)·erfinv(2p − 1); in the far tail the
  // root of erfc(−x/√2)/2 = p), rounded to double.
  const cases: Array<[number, number]> = [
    [0.975, 1.959963984540054],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
    [0.5, 0],
    [0.3, -0.5244005127080408],
    [0.9, 1.2815515655446004],
    [0.92, 1.4050715603096327], // just outside the central region
    [0.075, -1.439531470938456], // the boundary |p − 0.5| = 0.425
    [0.999, 3.0902323061678136],
    [1e-5, -4.264890793922825],
    [1e-12, -7.034483825301132], // r > 5 branch
    [1e-20, -9.262340089798407],
    [1e-100, -21.273453560965326],
    [1e-300, -37.0470962993612],
    [2 ** -52, -8.125890664701906],
  ];

  it("matches known quantiles to about 1e-15 relative", () => {
    expect(Math.abs(inverseNormalCdf(0.975) - 1.959963984540054)).toBeLessThan(1e-15);
    for (const [p, z] of cases) {
      const tol = 2e-15 * Math.max(1, Math.abs(z));
      expect(Math.abs(inverseNormalCdf(p) - z), `p = ${p}`).toBeLessThanOrEqual(tol);
    }
  });

  it("is odd-symmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) exactly when 1 − p is exact", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 - 1 }), (k) => {
        const p = k / 2 ** 30;
        expect(inverseNormalCdf(1 - p)).toBe(-inverseNormalCdf(p));
      }),
    );
  });

  it("is increasing", () => {
    let prev = -Infinity;
    let increasing = true;
    for (let k = 1; k < 100000; k++) {
      const z = inverseNormalCdf(k / 100000);
      if (!(z > prev)) increasing = false;
      prev = z;
    }
    expect(increasing).toBe(true);
  });

  it("Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞, and refuses p outside [0, 1] or NaN", () => {
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    for (const p of [-0.1, 1.1, NaN]) expect(mcevErrorOf(() => inverseNormalCdf(p)).argument).toBe("p");
  });
});

describe("normals", () => {
  it("one open uniform per normal: normal(g) = Φ⁻¹(g'.nextOpenDouble()) on a copy", () => {
    const g = new Xoshiro256StarStar(8);
    const h = g.clone();
    for (let i = 0; i < 1000; i++) expect(normal(g)).toBe(inverseNormalCdf(h.nextOpenDouble()));
    expect(g.nextUint64()).toBe(h.nextUint64());
  });

  it("antithetic: the uniform 1 − u gives exactly −z", () => {
    const g = new Xoshiro256StarStar(9);
    const anti: UniformSource = { nextDouble: () => 1 - g.nextDouble(), nextOpenDouble: () => 1 - g.nextOpenDouble() };
    const h = new Xoshiro256StarStar(9);
    for (let i = 0; i < 1000; i++) expect(normal(anti)).toBe(-normal(h));
  });

  it("fillNormal fills in index order and applies mean and sd; the method agrees", () => {
    const g = new Xoshiro256StarStar(10);
    const h = g.clone();
    const out = fillNormal(g, new Float64Array(500), 3, 2);
    for (let i = 0; i < 500; i++) expect(out[i]).toBe(3 + 2 * h.nextNormal());
    const a = new Xoshiro256StarStar(10).fillNormal(new Float64Array(50));
    const b = new Xoshiro256StarStar(10);
    for (let i = 0; i < 50; i++) expect(a[i]).toBe(b.nextNormal());
    expect(mcevErrorOf(() => fillNormal(g, new Float64Array(1), 0, -1)).argument).toBe("sd");
    expect(mcevErrorOf(() => fillNormal(g, new Float64Array(1), NaN)).argument).toBe("mean");
  });

  it("mean 0, variance 1, and the 97.5% point of 400,000 normals within 4 standard errors", () => {
    const n = 400_000;
    const z = new Xoshiro256StarStar(12).fillNormal(new Float64Array(n));
    const m = sampleMean(z);
    const s = sampleSd(z, m);
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s * s - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    let above = 0;
    for (const x of z) if (x > 1.959963984540054) above++;
    expect(Math.abs(above / n - 0.025)).toBeLessThan(4 * Math.sqrt((0.025 * 0.975) / n));
  });
});

describe("gamma: Marsaglia–Tsang", () => {
  // Sample mean and variance within 4 standard errors: SE(mean) = sqrt(kθ²/n);
  // SE(variance) ≈ sqrt((μ4 − σ⁴)/n) with μ4 = 3k(k + 2)θ⁴ for Gamma(k, θ), so μ4 − σ⁴ = (2k² + 6k)θ⁴.
  const n = 200_000;
  for (const [shape, scale] of [
    [0.3, 2],
    [1, 1],
    [2.5, 0.5],
    [10, 3],
    [150, 0.01],
  ] as const) {
    it(`Gamma(${shape}, ${scale}): mean ${shape * scale} and variance ${shape * scale * scale}`, () => {
      const g = new Xoshiro256StarStar(1000 + shape * 10);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = g.nextGamma(shape, scale);
      let min = Infinity;
      for (const v of x) min = Math.min(min, v);
      expect(min).toBeGreaterThanOrEqual(0);
      const m = sampleMean(x);
      const v = sampleSd(x, m) ** 2;
      const mean = shape * scale;
      const variance = shape * scale * scale;
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
      const seVar = Math.sqrt(((2 * shape * shape + 6 * shape) * scale ** 4) / n);
      expect(Math.abs(v - variance)).toBeLessThan(4 * seVar);
    });
  }

  it("is reproducible and refuses a bad shape or scale", () => {
    const a = new Xoshiro256StarStar(5);
    const b = new Xoshiro256StarStar(5);
    for (let i = 0; i < 100; i++) expect(gamma(a, 0.7, 2)).toBe(gamma(b, 0.7, 2));
    for (const shape of [0, -1, NaN, Infinity]) expect(mcevErrorOf(() => gamma(a, shape)).argument).toBe("shape");
    for (const scale of [0, -1, NaN, Infinity]) expect(mcevErrorOf(() => gamma(a, 1, scale)).argument).toBe("scale");
  });
});

describe("sample statistics", () => {
  it("quantileSorted is R's type 7 (PERCENTILE.INC)", () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    // R: quantile(1:10, c(0, .1, .5, .75, .995, 1)) = 1, 1.9, 5.5, 7.75, 9.955, 10
    expect(quantileSorted(x, 0)).toBe(1);
    expect(quantileSorted(x, 0.1)).toBeCloseTo(1.9, 14);
    expect(quantileSorted(x, 0.5)).toBe(5.5);
    expect(quantileSorted(x, 0.75)).toBe(7.75);
    expect(quantileSorted(x, 0.995)).toBeCloseTo(9.955, 14);
    expect(quantileSorted(x, 1)).toBe(10);
    expect(quantileSorted([42], 0.3)).toBe(42);
    expect(mcevErrorOf(() => quantileSorted([], 0.5)).argument).toBe("samples");
    expect(mcevErrorOf(() => quantileSorted(x, 1.5)).argument).toBe("p");
  });

  it("sampleSd uses n − 1 and is 0 for one value", () => {
    expect(sampleSd([1, 2, 3, 4], 2.5)).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(sampleSd([7], 7)).toBe(0);
  });
});
