import { MAX_AGE } from "../assumptions/fields";
import { invalid } from "../errors";
import { pointBuffers, projectPointDecrements, type MonthlyRates, type PointBuffers } from "../projection/decrements";
import type { ProjectionContext } from "../projection/engine";
import { monthlyMortality } from "../projection/mortality";
import type { SavingsBasis } from "../savings/basis";
import { fillGuarantees } from "../savings/guarantees";
import { LEVEL, SINGLE, type SavingsPoints } from "../savings/modelPoints";
import { checkSavings, lastAge } from "../savings/projection";
import type { InvestmentScenarios } from "../savings/scenarios";

/**
 * The variable-annuity kernel of the TVFOG: the account-value engine's conventions (src/core/savings,
 * lifelib's CashValue_ME; see savings/projection.ts for the formulas) with the loops turned round — for
 * each model point and month, ONE tight loop over the scenarios, on scenarios stored TIME-MAJOR (month t
 * of every scenario side by side). Everything that does not depend on the scenario (decrements,
 * premiums, guarantees, COI and surrender-charge rates, expenses) is a constant of the scenario loop.
 *
 * It values the net cash flow through lifelib's margin identity (check_margin) instead of line by line.
 * With the engine's per-policy quantities in month t — AV_fee = AV(t) + (1 − load)·PP, fee = f/12·AV_fee,
 * COI, AV_inv = AV_fee − fee − COI, I = r·AV_inv, AV_mid = AV_inv + I/2, AV(t+1) = AV_inv + I — and the
 * counts BM (in force), NB (new), BD = BM + NB (exposed), D (deaths), W (lapses), BM(t+1) = BD − D − W:
 *
 *   net = PP·BD + I·(BM(t+1) + (D + W)/2) − max(DB, AV_mid)·D − (1 − sc)·AV_mid·W − AV(t+1)·BM(t+1) + AV(t)·BM
 *         − expenses − commissions
 *       = load·PP·BD + (fee + COI)·BD + sc·AV_mid·W − max(DB − AV_mid, 0)·D − AV(t)·NB − expenses − commissions
 *
 * (the investment income and the AV change cancel: BM(t+1) + D + W = BD), and in the maturity month
 * (BM = MAT) the release AV·MAT less the benefit max(G, AV)·MAT is −max(G − AV, 0)·MAT. So per scenario
 *
 *   PV(net) = Σ_t D(s, t)·det(t) + Σ_{i,t} D(s, t)·[(fee + COI)·BD + sc·AV_mid·W]_i − GMDB cost − GMAB cost,
 *
 * det(t) = Σ_i (load·PP·BD − AV(t)·NB − expenses − commissions)_i being the same in every scenario (new
 * business starts at av_pp_init), summed over points first and valued once per scenario. This is the
 * same quantity as the engine's net line, free of its cancellation (premiums ≈ claims + AV change), and
 * about half the arithmetic per (point, scenario, month); test/core/tvfog/kernel.test.ts checks it
 * against runSavings on random products.
 */

/** Scenarios in the kernel's layout: returns and deflators steps × count, time-major (t · count + s). */
export interface TimeMajorScenarios {
  readonly count: number;
  readonly steps: number;
  readonly returns: Float64Array;
  readonly deflators: Float64Array;
}

/**
 * The engine's scenarios (scenario-major) transposed for the kernel, over the first `steps` months.
 * Without deflators every scenario is discounted with `discount` (the context's curve), as the engine does.
 */
export function timeMajor(scenarios: InvestmentScenarios, steps: number, discount?: Float64Array): TimeMajorScenarios {
  const S = scenarios.count;
  const stride = scenarios.steps;
  if (stride < steps) invalid("scenarios", `have ${stride} months per scenario; the projection needs ${steps}`);
  const D = scenarios.deflators;
  if (!D && (!discount || discount.length < steps)) invalid("discount_rates", `give ${discount?.length ?? 0} months of discount factors; the projection needs ${steps}`);
  const returns = new Float64Array(steps * S);
  const deflators = new Float64Array(steps * S);
  for (let s = 0; s < S; s++) {
    const o = s * stride;
    for (let t = 0; t < steps; t++) {
      returns[t * S + s] = scenarios.returns[o + t] as number;
      deflators[t * S + s] = D ? (D[o + t] as number) : ((discount as Float64Array)[t] as number);
    }
  }
  return { count: S, steps, returns, deflators };
}

/** Per-scenario present values of a run over points [from, to): vectors over the scenarios, additive over slices of points. */
export interface VaScenarioPvs {
  readonly count: number;
  /** PV of the scenario-independent flows det(t): loading − expenses − commissions − AV of new policies. */
  readonly fixed: Float64Array;
  /** PV of the charges on the account value: fees, COI and surrender charges. */
  readonly charges: Float64Array;
  /** PV of Σ max(death guarantee − AV mid-month, 0)·deaths, and of Σ max(maturity guarantee − AV, 0)·maturities. */
  readonly gmdb: Float64Array;
  readonly gmab: Float64Array;
}

export function emptyScenarioPvs(count: number): VaScenarioPvs {
  return { count, fixed: new Float64Array(count), charges: new Float64Array(count), gmdb: new Float64Array(count), gmab: new Float64Array(count) };
}

/** Adds b into a (the parts of a run split over points). */
export function addScenarioPvs(a: VaScenarioPvs, b: VaScenarioPvs): VaScenarioPvs {
  if (a.count !== b.count) invalid("scenarios", `parts with ${a.count} and ${b.count} scenarios cannot be added`);
  for (const k of ["fixed", "charges", "gmdb", "gmab"] as const) {
    const x = a[k];
    const y = b[k];
    for (let s = 0; s < a.count; s++) x[s] = (x[s] as number) + (y[s] as number);
  }
  return a;
}

/** Monthly decrement rates as the engine builds them (no table = zero rates over every reachable age). */
function monthlyRates(basis: SavingsBasis): MonthlyRates {
  const mort = basis.mortality;
  const lapse = basis.lapse ? basis.lapse.monthly : new Float64Array(0);
  if (mort) return { qm: monthlyMortality(mort), minAge: mort.minAge, maxAge: mort.maxAge, cols: mort.columns, lapse };
  return { qm: new Float64Array(2 * MAX_AGE + 2), minAge: 0, maxAge: 2 * MAX_AGE + 1, cols: 1, lapse };
}

/** Per-run buffers, reused from point to point. */
class Work {
  readonly buf: PointBuffers;
  readonly pp: Float64Array;
  readonly db: Float64Array;
  /** The scenario-independent cash flows det(t), summed over the run's points. */
  readonly det: Float64Array;
  /** The account value per policy in each scenario. */
  readonly av: Float64Array;
  constructor(steps: number, S: number) {
    this.buf = pointBuffers(steps);
    this.pp = new Float64Array(steps);
    this.db = new Float64Array(steps);
    this.det = new Float64Array(steps);
    this.av = new Float64Array(S);
  }
}

/**
 * Projects model points [from, to) under every scenario and adds their PVs to `out` (fresh zero vectors
 * when omitted). Points are checked as the engine checks them (checkSavings).
 */
export function vaScenarioPvs(points: SavingsPoints, basis: SavingsBasis, scenarios: TimeMajorScenarios, ctx: ProjectionContext, from = 0, to = points.count, out?: VaScenarioPvs, options: VaKernelOptions = {}): VaScenarioPvs {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= points.count && from <= to)) invalid("model_points", `the slice ${from}..${to} is outside 0..${points.count}`);
  const steps = ctx.steps;
  if (ctx.stepsPerYear !== 12) invalid("steps_per_year", `${ctx.stepsPerYear}: the account-value engine runs monthly steps only (12)`);
  if (ctx.inflation.length < steps) invalid("inflation", `gives ${ctx.inflation.length} months; the projection needs ${steps}`);
  if (scenarios.steps < steps) invalid("scenarios", `have ${scenarios.steps} months per scenario; the projection needs ${steps}`);
  checkSavings(points, basis);
  const S = scenarios.count;
  const res = out ?? emptyScenarioPvs(S);
  if (res.count !== S) invalid("scenarios", `${S} scenarios, but the output holds ${res.count}`);
  const rates = monthlyRates(basis);
  const wholeLifeAge = basis.mortality ? lastAge(basis.mortality) : 0;
  const w = new Work(steps, S);
  // the fund-index path needs an AV linear in one index per scenario: no COI (the COI depends on the AV)
  const agg = (options.method ?? "auto") === "auto" && basis.coiMultiple === 0 ? new Aggregates(fundIndex(scenarios, steps), steps) : undefined;
  for (let i = from; i < to; i++) projectPoint(points, i, basis, rates, wholeLifeAge, ctx, scenarios, w, res, agg);
  if (agg) agg.finish(scenarios, res);
  // the scenario-independent flows, valued once per scenario
  const D = scenarios.deflators;
  const det = w.det;
  const fixed = res.fixed;
  for (let t = 0; t < steps; t++) {
    const x = det[t] as number;
    if (x === 0) continue;
    const o = t * S;
    for (let s = 0; s < S; s++) fixed[s] = (fixed[s] as number) + x * (D[o + s] as number);
  }
  return res;
}

/** One point under every scenario: the engine's per-point preparation, then the scenario loop per month. */
function projectPoint(points: SavingsPoints, i: number, basis: SavingsBasis, rates: MonthlyRates, wholeLifeAge: number, ctx: ProjectionContext, scen: TimeMajorScenarios, w: Work, res: VaScenarioPvs, aggregates: Aggregates | undefined): void {
  const steps = ctx.steps;
  const term = points.wholeLife[i] === 1 ? wholeLifeAge - (points.ageAtEntry[i] as number) : (points.policyTerm[i] as number);
  const buf = w.buf;
  const { start, stop } = projectPointDecrements(points, i, rates, steps, buf, term);
  if (start >= stop) return;
  const { bd: BD, deaths: DEATHS, lapses: LAPSES, mat: MAT, nb: NB, policyYear: YEAR } = buf;
  const pp = w.pp;
  const m0 = points.durationMonths[i] as number;
  const maturity = 12 * term;
  const maturityStep = maturity - m0;
  const premium = points.premium[i] as number;
  const single = points.premiumType[i] === SINGLE;
  const level = points.premiumType[i] === LEVEL;
  const load = points.loadRate[i] as number;
  const keep = 1 - load;
  const feeM = (points.feeRate[i] as number) / 12;
  const av0 = points.avInit[i] as number;
  const chargeCol = points.surrenderCharge[i] as number;
  const rowBase = (points.ageAtEntry[i] as number) - rates.minAge;
  const qm = rates.qm;
  const cols = rates.cols;
  const lastCol = cols - 1;
  const charges = basis.surrenderCharges;
  const chargeWidth = charges ? charges.ids.length : 0;
  const chargeLast = charges ? charges.years - 1 : 0;
  const coiMultiple = basis.coiMultiple;
  const maintenance = basis.maintenancePerPolicyPerYear / 12;
  const det = w.det;
  // premiums first: the guarantees are built from them
  let laterPremiums = false;
  for (let t = start; t < stop; t++) {
    const m = m0 + t;
    const p = t === maturityStep ? 0 : (single && m === 0) || (level && m < maturity) ? premium : 0;
    pp[t] = p;
    if (p !== 0 && t > start) laterPremiums = true;
  }
  const matBase = fillGuarantees(points.deathGuarantee[i] as number, points.maturityGuarantee[i] as number, points.sumAssured[i] as number, points.premiumsPaidInit[i] as number, points.rollUpRate[i] as number, pp, start, stop, maturityStep, w.db);
  const matures = maturityStep < stop;
  const last = matures ? maturityStep : stop;
  // the fund-index path: from t = 0, no premium after the first month, a positive account value
  const a0 = av0 + keep * (pp[start] as number);
  const agg = aggregates && start === 0 && !laterPremiums && a0 > 0 ? aggregates : undefined;
  const c = 1 - feeM;
  let kFee = a0; // AV_fee(t) = kFee · J(s, t): a0 · (1 − f/12)^t
  const av = w.av;
  if (!agg) av.fill(av0);
  const db = w.db;
  const R = scen.returns;
  const D = scen.deflators;
  const S = scen.count;
  const chg = res.charges;
  const gmdb = res.gmdb;
  for (let t = start; t < last; t++) {
    const d = YEAR[t] as number;
    const p = pp[t] as number;
    const bd = BD[t] as number;
    const deaths = DEATHS[t] as number;
    const lapses = LAPSES[t] as number;
    const nb = NB[t] as number;
    const prem = p * bd;
    det[t] = (det[t] as number) + load * prem - av0 * nb - (basis.acquisitionPerPolicy * nb + bd * maintenance * (ctx.inflation[t] as number)) - basis.commissionRate * prem;
    const ppNet = keep * p;
    const coiRate = coiMultiple !== 0 ? coiMultiple * (qm[(rowBase + d) * cols + (d < lastCol ? d : lastCol)] as number) : 0;
    const scW = chargeCol >= 0 && charges ? (charges.rates[(d < chargeLast ? d : chargeLast) * chargeWidth + chargeCol] as number) * lapses : 0;
    const feeBd = feeM * bd;
    const dbt = db[t] as number;
    const o = t * S;
    if (agg) {
      // AV_fee = kFee·J(s, t), AV_mid = kFee·(1 − f/12)·M(s, t): the point's flows are linear in the fund index
      const kMid = kFee * c;
      agg.fee[t] = (agg.fee[t] as number) + feeBd * kFee;
      if (scW !== 0) agg.mid[t] = (agg.mid[t] as number) + scW * kMid;
      // max(DB − AV_mid, 0)·D = D·kMid·max(DB/kMid − M, 0): a put on M(s, t) struck at DB/kMid
      if (deaths > 0 && dbt > 0) agg.queueDeathPut(t, dbt / kMid, deaths * kMid);
      kFee = kMid;
      continue;
    }
    if (coiRate === 0 && scW === 0) {
      // no COI, no surrender charge: the charges are the fee alone
      if (deaths === 0 || dbt === 0) {
        for (let s = 0; s < S; s++) {
          const df = D[o + s] as number;
          const avFee = (av[s] as number) + ppNet;
          const avInv = avFee - feeM * avFee;
          chg[s] = (chg[s] as number) + feeBd * avFee * df;
          av[s] = avInv + (R[o + s] as number) * avInv;
        }
      } else {
        for (let s = 0; s < S; s++) {
          const df = D[o + s] as number;
          const avFee = (av[s] as number) + ppNet;
          const avInv = avFee - feeM * avFee;
          const inc = (R[o + s] as number) * avInv;
          const over = dbt - (avInv + 0.5 * inc);
          chg[s] = (chg[s] as number) + feeBd * avFee * df;
          if (over > 0) gmdb[s] = (gmdb[s] as number) + over * deaths * df;
          av[s] = avInv + inc;
        }
      }
    } else {
      for (let s = 0; s < S; s++) {
        const df = D[o + s] as number;
        const avFee = (av[s] as number) + ppNet;
        const nar = dbt - avFee;
        const coiPp = nar > 0 ? coiRate * nar : 0;
        const avInv = avFee - feeM * avFee - coiPp;
        const inc = (R[o + s] as number) * avInv;
        const avMid = avInv + 0.5 * inc;
        const over = dbt - avMid;
        chg[s] = (chg[s] as number) + ((feeM * avFee + coiPp) * bd + scW * avMid) * df;
        if (over > 0) gmdb[s] = (gmdb[s] as number) + over * deaths * df;
        av[s] = avInv + inc;
      }
    }
  }
  if (matures) {
    // maturity month: the benefit max(G, AV)·MAT less the released AV·MAT is the shortfall
    const o = last * S;
    const g = matBase;
    const matCount = MAT[last] as number;
    const gmab = res.gmab;
    if (agg) {
      // AV(T) = kFee·J(s, T): a put on J struck at G/kFee
      if (matCount > 0 && g > 0) agg.put(agg.maturityPuts, last, g / kFee, matCount * kFee, agg.fund.sortedJ);
    } else if (matCount > 0) {
      for (let s = 0; s < S; s++) {
        const a = av[s] as number;
        if (g > a) gmab[s] = (gmab[s] as number) + (g - a) * matCount * (D[o + s] as number);
      }
    }
  }
  if (agg) agg.endPoint();
}

/** The PV of the net cash flow (profit before tax) of each scenario: fixed + charges − GMDB cost − GMAB cost. */
export function netPvs(res: VaScenarioPvs): Float64Array {
  const out = new Float64Array(res.count);
  for (let s = 0; s < res.count; s++) out[s] = (res.fixed[s] as number) + (res.charges[s] as number) - (res.gmdb[s] as number) - (res.gmab[s] as number);
  return out;
}

export interface VaKernelOptions {
  /**
   * "auto" (default): points that allow it take the fund-index path (below), the others the scenario
   * loop; "loop": every point takes the scenario loop (for tests and benchmarks).
   */
  method?: "auto" | "loop";
}

/**
 * The fund-index path. Without COI and without premiums after the first month, a point's account value
 * in every scenario is one deterministic factor times one index per scenario, shared by all points:
 *
 *   AV_fee(t) = A₀ (1 − f/12)^t J(s, t),   AV_mid(t) = A₀ (1 − f/12)^{t+1} M(s, t),   AV(T) = A₀ (1 − f/12)^T J(s, T),
 *   J(s, t) = Π_{u<t} (1 + r(s, u)),       M(s, t) = J(s, t) (1 + r(s, t)/2),
 *
 * A₀ the AV after the first month's premium. So the fee and surrender-charge PVs are Σ_t D(s, t)·
 * [a(t) J(s, t) + b(t) M(s, t)] with a(t), b(t) summed over points, and each guarantee is a put on the
 * index: Σ_i w_i(t)·max(K_i(t) − M(s, t), 0), K = DB/(A₀ (1 − f/12)^{t+1}), w = deaths·A₀ (1 − f/12)^{t+1}
 * (maturity: on J(s, T)). For each month the scenarios are sorted by the index once; a point adds w and
 * w·K at the rank of its strike (a binary search), and suffix sums over the ranks give every scenario's
 * Σ_i w_i (K_i − x)⁺ = Σ_{K_i > x} w_i K_i − x Σ_{K_i > x} w_i. The cost is O(points × months × log scenarios
 * + scenarios × months × log scenarios) instead of O(points × scenarios × months), with the same values
 * (the products reassociated: agreement with the scenario loop to ~1e−13 relative, tested).
 */
interface FundIndex {
  readonly S: number;
  readonly steps: number;
  /** J(s, t), t = 0..steps, and M(s, t), t < steps: time-major. */
  readonly J: Float64Array;
  readonly M: Float64Array;
  /** Month t's values sorted ascending and each scenario's rank in them, built on first use (a month without a guarantee costs nothing). */
  readonly sortedJ: Ranked;
  readonly sortedM: Ranked;
}

/** One index's months sorted lazily: sorted(t) and ranks(t), each S values. */
class Ranked {
  private readonly values: (Float64Array | undefined)[];
  private readonly ranks: (Uint32Array | undefined)[];
  private readonly order: Uint32Array;
  constructor(
    private readonly X: Float64Array,
    private readonly S: number,
    months: number,
  ) {
    this.values = new Array<Float64Array | undefined>(months);
    this.ranks = new Array<Uint32Array | undefined>(months);
    this.order = new Uint32Array(S);
  }

  sorted(t: number): Float64Array {
    return this.values[t] ?? this.build(t).values;
  }

  rank(t: number): Uint32Array {
    return this.ranks[t] ?? this.build(t).ranks;
  }

  private build(t: number): { values: Float64Array; ranks: Uint32Array } {
    const { X, S, order } = this;
    const o = t * S;
    for (let s = 0; s < S; s++) order[s] = s;
    order.sort((x, y) => (X[o + x] as number) - (X[o + y] as number));
    const values = new Float64Array(S);
    const ranks = new Uint32Array(S);
    for (let r = 0; r < S; r++) {
      const s = order[r] as number;
      values[r] = X[o + s] as number;
      ranks[s] = r;
    }
    this.values[t] = values;
    this.ranks[t] = ranks;
    return { values, ranks };
  }
}

const fundIndexes = new WeakMap<TimeMajorScenarios, FundIndex>();

/** The fund index of a scenario set over `steps` months (computed once per set and horizon). */
function fundIndex(scen: TimeMajorScenarios, steps: number): FundIndex {
  const known = fundIndexes.get(scen);
  if (known && known.steps >= steps) return known;
  const S = scen.count;
  const R = scen.returns;
  const J = new Float64Array((steps + 1) * S);
  const M = new Float64Array(steps * S);
  J.fill(1, 0, S);
  for (let t = 0; t < steps; t++) {
    const o = t * S;
    for (let s = 0; s < S; s++) {
      const j = J[o + s] as number;
      const r = R[o + s] as number;
      M[o + s] = j * (1 + 0.5 * r);
      J[o + S + s] = j + j * r;
    }
  }
  const f: FundIndex = { S, steps, J, M, sortedJ: new Ranked(J, S, steps + 1), sortedM: new Ranked(M, S, steps) };
  fundIndexes.set(scen, f);
  return f;
}

/** The fund-index path's sums over points, by month, and its puts by month and strike rank. */
class Aggregates {
  /** Σ_i fee·BD·A₀(1 − f/12)^t (× J), Σ_i sc·W·A₀(1 − f/12)^{t+1} (× M). */
  readonly fee: Float64Array;
  readonly mid: Float64Array;
  /** Per month, S + 1 buckets of (w·K, w) by the number of scenarios below the strike; allocated on first use. */
  readonly deathPuts: (Float64Array | undefined)[];
  readonly maturityPuts: (Float64Array | undefined)[];
  /**
   * Death puts queued by month (strike, weight pairs) and placed month by month every CHUNK points: a
   * month's sorted index then stays in cache for all its binary searches (point by point, the searches
   * would walk every month's index for every point).
   */
  private readonly queued: (Float64Array | undefined)[];
  private readonly queuedCount: Int32Array;
  private pointsQueued = 0;
  static readonly CHUNK = 2048;
  constructor(
    readonly fund: FundIndex,
    readonly steps: number,
  ) {
    this.fee = new Float64Array(steps);
    this.mid = new Float64Array(steps);
    this.deathPuts = new Array<Float64Array | undefined>(steps + 1);
    this.maturityPuts = new Array<Float64Array | undefined>(steps + 1);
    this.queued = new Array<Float64Array | undefined>(steps);
    this.queuedCount = new Int32Array(steps);
  }

  /** A death put of the current point at month t (at most one per point and month). */
  queueDeathPut(t: number, strike: number, weight: number): void {
    let q = this.queued[t];
    if (!q) this.queued[t] = q = new Float64Array(2 * Aggregates.CHUNK);
    const n = this.queuedCount[t] as number;
    q[2 * n] = strike;
    q[2 * n + 1] = weight;
    this.queuedCount[t] = n + 1;
  }

  /** After each point of this path: places the queued puts every CHUNK points. */
  endPoint(): void {
    if (++this.pointsQueued >= Aggregates.CHUNK) this.placeQueued();
  }

  private placeQueued(): void {
    for (let t = 0; t < this.steps; t++) {
      const n = this.queuedCount[t] as number;
      const q = this.queued[t];
      if (!q || n === 0) continue;
      for (let k = 0; k < n; k++) this.put(this.deathPuts, t, q[2 * k] as number, q[2 * k + 1] as number, this.fund.sortedM);
      this.queuedCount[t] = 0;
    }
    this.pointsQueued = 0;
  }

  /** Adds w·(K − x)⁺ at month t, x the index whose sorted values are `sorted`. */
  put(buckets: (Float64Array | undefined)[], t: number, strike: number, weight: number, index: Ranked): void {
    const S = this.fund.S;
    let b = buckets[t];
    if (!b) buckets[t] = b = new Float64Array(2 * (S + 1));
    // pos = number of scenarios with x < K (binary search in month t's sorted values)
    const sorted = index.sorted(t);
    // branch-free binary search (the comparisons are unpredictable): base = the last index with x < K, if any
    let base = 0;
    let n = S;
    while (n > 1) {
      const half = n >>> 1;
      base = (sorted[base + half] as number) < strike ? base + half : base;
      n -= half;
    }
    const lo = base + ((sorted[base] as number) < strike ? 1 : 0);
    b[2 * lo] = (b[2 * lo] as number) + weight * strike;
    b[2 * lo + 1] = (b[2 * lo + 1] as number) + weight;
  }

  /** Values the sums in every scenario and adds them to the PVs. */
  finish(scen: TimeMajorScenarios, res: VaScenarioPvs): void {
    this.placeQueued();
    const { S, J, M, sortedJ, sortedM } = this.fund;
    const D = scen.deflators;
    const chg = res.charges;
    for (let t = 0; t < this.steps; t++) {
      const a = this.fee[t] as number;
      const b = this.mid[t] as number;
      if (a === 0 && b === 0) continue;
      const o = t * S;
      for (let s = 0; s < S; s++) chg[s] = (chg[s] as number) + (a * (J[o + s] as number) + b * (M[o + s] as number)) * (D[o + s] as number);
    }
    const value = new Float64Array(S);
    const settle = (buckets: (Float64Array | undefined)[], index: Ranked, out: Float64Array) => {
      for (let t = 0; t < buckets.length; t++) {
        const bk = buckets[t];
        if (!bk) continue;
        const o = t * S;
        const sorted = index.sorted(t);
        const ranks = index.rank(t);
        // value at rank r: Σ_{pos > r} w·K − x_r Σ_{pos > r} w
        let wk = 0;
        let w = 0;
        for (let r = S - 1; r >= 0; r--) {
          wk += bk[2 * (r + 1)] as number;
          w += bk[2 * (r + 1) + 1] as number;
          const v = wk - (sorted[r] as number) * w;
          value[r] = v > 0 ? v : 0;
        }
        for (let s = 0; s < S; s++) out[s] = (out[s] as number) + (value[ranks[s] as number] as number) * (D[o + s] as number);
      }
    };
    settle(this.deathPuts, sortedM, res.gmdb);
    settle(this.maturityPuts, sortedJ, res.gmab);
  }
}
