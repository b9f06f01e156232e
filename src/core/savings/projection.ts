import { MAX_AGE } from "../assumptions/fields";
import { invalid } from "../errors";
import { pointBuffers, projectPointDecrements, type MonthlyRates, type PointBuffers } from "../projection/decrements";
import type { ProjectionContext } from "../projection/engine";
import { monthlyMortality, type MortalityTable } from "../projection/mortality";
import { checkSavingsBasis, type SavingsBasis } from "./basis";
import { fillGuarantees } from "./guarantees";
import { LEVEL, SINGLE, type SavingsPoints } from "./modelPoints";
import { PERIOD, PV, SAVINGS_PERIOD_LINES, SAVINGS_PV_LINES, type SavingsResult } from "./result";
import type { InvestmentScenarios } from "./scenarios";
import type { SurrenderChargeTable } from "./surrenderCharge";

/**
 * The account-value engine: model points × scenarios × months, in typed arrays (no object per policy
 * or per month). Everything that does not depend on the investment return — decrements (from the
 * projection engine's tables), premiums, guarantees, COI and surrender-charge rates, expenses and
 * commissions — is computed once per model point; then one tight loop per scenario rolls the account
 * value forward over the scenario's row of the returns matrix. Conventions of lifelib's savings
 * models (CashValue_ME), per policy in month t, m = months since issue, d = policy year:
 *
 *   PP(t) = premium if SINGLE and m = 0, or LEVEL and m < 12·term; else 0
 *   AV_fee = AV(t) + (1 − load)·PP(t)                              after premium
 *   fee = fee_rate/12 · AV_fee;  COI = coi_multiple · qm(t) · max(DB(t) − AV_fee, 0)
 *   AV_inv = AV_fee − fee − COI;  I = r(s, t) · AV_inv;  AV_mid = AV_inv + I/2;  AV(t+1) = AV_inv + I
 *
 * and with the counts BM (in force before maturity), BD (exposed), deaths D, lapses W, maturities MAT:
 *
 *   premiums = PP·BD;  investment income = I·(BM(t+1) + (D + W)/2)
 *   claims: death max(DB(t), AV_mid)·D;  surrender (1 − sc(d))·AV_mid·W;  maturity max(G, AV(t))·MAT
 *   expenses = acq·NB + BD·maint/12·INF(t);  commissions = rate·premiums
 *   AV change = AV(t+1)·BM(t+1) − AV(t)·BM(t)
 *   net = premiums + investment income − claims − expenses − commissions − AV change
 *
 * DB(t) and G are the death and maturity guarantees (guarantees.ts); the guarantee costs are
 * max(DB − AV_mid, 0)·D and max(G − AV, 0)·MAT. Every line is valued at the start of month t with
 * the scenario's deflator (or the context's discount factor when the scenarios carry none).
 * The account value is not floored: like lifelib, charges larger than the AV make it negative.
 * A policy issued in the future (duration_mth < 0) starts with av_pp_init at issue.
 */

export interface SavingsRunOptions {
  /** Lines by month (sums over points, means over scenarios); off for PV-only runs. */
  perPeriod: boolean;
  /** Net PV of every model point (mean over scenarios). */
  perPoint: boolean;
  /** Points [from, to): a slice, so that a run can be split across workers and the parts added. */
  from: number;
  to: number;
}

/** lifelib's mort_table_last_age: the first age whose rates are all 1, else the table's last age. */
export function lastAge(table: MortalityTable): number {
  const cols = table.columns;
  for (let a = table.minAge; a <= table.maxAge; a++) {
    let all = true;
    for (let c = 0; c < cols && all; c++) all = table.q[(a - table.minAge) * cols + c] === 1;
    if (all) return a;
  }
  return table.maxAge;
}

/** Policy term in years of point i: the model point's, or to the table's last age for whole life. */
function termOf(points: SavingsPoints, i: number, wholeLifeAge: number): number {
  return points.wholeLife[i] === 1 ? wholeLifeAge - (points.ageAtEntry[i] as number) : (points.policyTerm[i] as number);
}

/** Months needed to run every point off: max over points of 12·term − duration_mth + 1 (lifelib's proj_len). */
export function savingsHorizon(points: SavingsPoints, basis?: Pick<SavingsBasis, "mortality">): number {
  const wl = basis?.mortality ? lastAge(basis.mortality) : 0;
  let steps = 0;
  for (let i = 0; i < points.count; i++) steps = Math.max(steps, 12 * termOf(points, i, wl) - (points.durationMonths[i] as number) + 1);
  return steps;
}

/** Refuses what the basis cannot project: ages outside the mortality table, unknown surrender-charge columns, whole life without a table. */
export function checkSavings(points: SavingsPoints, basis: SavingsBasis): void {
  checkSavingsBasis(basis);
  const mort = basis.mortality;
  const wl = mort ? lastAge(mort) : 0;
  const charges = basis.surrenderCharges;
  for (let i = 0; i < points.count; i++) {
    const x0 = points.ageAtEntry[i] as number;
    if (points.wholeLife[i] === 1) {
      if (!mort) invalid("mortality", `model point row ${i + 1} is whole life (is_wl): its term runs to the mortality table's last age, and no mortality table was given`);
      if (wl - x0 < 1) invalid("model_points", `row ${i + 1}: whole life from age ${x0}, at or beyond the mortality table's last age ${wl}`, i);
    }
    const term = termOf(points, i, wl);
    const m0 = points.durationMonths[i] as number;
    if (mort && m0 < 12 * term) {
      const age0 = x0 + Math.floor(Math.max(m0, 0) / 12);
      const age1 = x0 + term - 1;
      if (age0 < mort.minAge || age1 > mort.maxAge) invalid("mortality", `model point row ${i + 1} reaches attained ages ${age0}..${age1}, outside the table's ${mort.minAge}..${mort.maxAge}`);
    }
    const sc = points.surrenderCharge[i] as number;
    if (sc >= 0 && (!charges || sc >= charges.ids.length)) invalid("surr_charge_table", `model point row ${i + 1} has surrender-charge column ${sc + 1}, and the table has ${charges ? charges.ids.length : "no"} columns`);
  }
}

/** Monthly decrement rates for projection/decrements.ts; no table = zero rates. */
function monthlyRates(basis: SavingsBasis): MonthlyRates {
  const mort = basis.mortality;
  const lapse = basis.lapse ? basis.lapse.monthly : new Float64Array(0);
  if (mort) return { qm: monthlyMortality(mort), minAge: mort.minAge, maxAge: mort.maxAge, cols: mort.columns, lapse };
  // no deaths: a one-column table of zeros covering every attained age a point can reach
  return { qm: new Float64Array(2 * MAX_AGE + 2), minAge: 0, maxAge: 2 * MAX_AGE + 1, cols: 1, lapse };
}

const EMPTY = new Float64Array(0);
// per-period line indices as constants for the loops (PERIOD is a lookup table built from the names)
const P_POLICIES_IF = PERIOD.policies_if;
const P_MATURITIES = PERIOD.maturities;
const P_NEW_BUSINESS = PERIOD.new_business;
const P_POLICIES_BEF_DECR = PERIOD.policies_bef_decr;
const P_DEATHS = PERIOD.deaths;
const P_LAPSES = PERIOD.lapses;
const P_AV_BEF_MAT = PERIOD.av_bef_mat;
const P_INVESTMENT_INCOME = PERIOD.investment_income;
const P_CLAIMS_DEATH = PERIOD.claims_death;
const P_CLAIMS_SURRENDER = PERIOD.claims_surrender;
const P_AV_CHANGE = PERIOD.av_change;
const P_NET_CASHFLOW = PERIOD.net_cashflow;
const P_FEES = PERIOD.fees;
const P_COI = PERIOD.coi;
const P_SURRENDER_CHARGES = PERIOD.surrender_charges;
const P_GMDB_COST = PERIOD.gmdb_cost;
const P_CLAIMS_MATURITY = PERIOD.claims_maturity;
const P_GMAB_COST = PERIOD.gmab_cost;

/** Run-wide constants of the per-point preparation. */
interface RunConstants {
  readonly steps: number;
  readonly rates: MonthlyRates;
  readonly wholeLifeAge: number;
  readonly charges: SurrenderChargeTable | undefined;
  readonly coiMultiple: number;
  readonly acquisition: number;
  /** Maintenance expense per policy per month. */
  readonly maintenance: number;
  readonly commission: number;
  readonly inflation: Float64Array;
}

/**
 * One model point's vectors on the grid (per policy, or counts), filled once per point and read by
 * every scenario; the object and its arrays are reused from point to point (no allocation per point).
 */
class PointVectors {
  readonly buf: PointBuffers;
  /** Gross premium, and the part into the account value, per policy. */
  readonly pp: Float64Array;

  /** Death guarantee per policy (DB(t)). */
  readonly db: Float64Array;
  /** COI rate per unit of net amount at risk; surrender-charge rate (each the shared zeros when the point has none). */
  coiRate: Float64Array;
  sc: Float64Array;
  readonly coiBuf: Float64Array;
  readonly scBuf: Float64Array;
  readonly zeros: Float64Array;
  /** premiums − expenses − commissions of the point. */
  readonly detNet: Float64Array;
  start = 0;
  /** Ordinary months are [start, last); `last` is the maturity month when `matures`. */
  last = 0;
  matures = false;
  av0 = 0;
  /** Monthly fee rate on the account value; share of each premium into the account value (1 − load). */
  feeM = 0;
  keep = 1;
  /** Maturity guarantee per policy, maturing policies and policies in force in the maturity month. */
  matBase = 0;
  matCount = 0;
  matBm = 0;

  constructor(steps: number) {
    this.buf = pointBuffers(steps);
    this.pp = new Float64Array(steps);
    this.db = new Float64Array(steps);
    this.coiBuf = new Float64Array(steps);
    this.scBuf = new Float64Array(steps);
    this.zeros = new Float64Array(steps);
    this.coiRate = this.zeros;
    this.sc = this.zeros;
    this.detNet = new Float64Array(steps);
  }
}

/**
 * Fills the vectors of point i; adds its deterministic cash flows (premiums, expenses, commissions) and
 * counts to the run's monthly sums. Returns false when the point has no month in the grid.
 */
function preparePoint(points: SavingsPoints, i: number, k: RunConstants, v: PointVectors, detPrem: Float64Array, detExp: Float64Array, detCom: Float64Array, per: Float64Array | undefined): boolean {
  const steps = k.steps;
  // offsets of the monthly lines in `per`
  const oPoliciesIf = P_POLICIES_IF * steps;
  const oMaturities = P_MATURITIES * steps;
  const oNewBusiness = P_NEW_BUSINESS * steps;
  const oPoliciesBefDecr = P_POLICIES_BEF_DECR * steps;
  const oDeaths = P_DEATHS * steps;
  const oLapses = P_LAPSES * steps;
  const term = termOf(points, i, k.wholeLifeAge);
  const buf = v.buf;
  const { start, stop } = projectPointDecrements(points, i, k.rates, steps, buf, term);
  if (start >= stop) return false;
  const { bm: BM, bd: BD, deaths: DEATHS, lapses: LAPSES, mat: MAT, nb: NB, policyYear: YEAR } = buf;
  const { pp, detNet } = v;
  const qm = k.rates.qm;
  const cols = k.rates.cols;
  const lastCol = cols - 1;
  const m0 = points.durationMonths[i] as number;
  const maturity = 12 * term;
  const maturityStep = maturity - m0; // inside [start, stop) iff the point matures inside the grid
  const premium = points.premium[i] as number;
  const single = points.premiumType[i] === SINGLE;
  const level = points.premiumType[i] === LEVEL;
  const keep = 1 - (points.loadRate[i] as number);
  const chargeCol = points.surrenderCharge[i] as number;
  const rowBase = (points.ageAtEntry[i] as number) - k.rates.minAge;
  const { coiMultiple, acquisition, maintenance, commission, inflation } = k;
  // surrender-charge rates of the point's pattern by policy year (the last year continues)
  const charges = k.charges;
  const chargeRates = charges ? charges.rates : EMPTY;
  const chargeWidth = charges ? charges.ids.length : 0;
  const chargeLast = charges ? charges.years - 1 : 0;
  const withCoi = coiMultiple !== 0;
  const withCharge = chargeCol >= 0;
  const coiRate = v.coiBuf;
  const sc = v.scBuf;
  v.coiRate = withCoi ? coiRate : v.zeros;
  v.sc = withCharge ? sc : v.zeros;
  for (let t = start; t < stop; t++) {
    const bd = BD[t] as number;
    if (t === maturityStep) {
      pp[t] = 0;
      detNet[t] = 0;
    } else {
      const m = m0 + t;
      const d = YEAR[t] as number;
      const p = (single && m === 0) || (level && m < maturity) ? premium : 0;
      pp[t] = p;
      if (withCoi) coiRate[t] = coiMultiple * (qm[(rowBase + d) * cols + (d < lastCol ? d : lastCol)] as number);
      if (withCharge) sc[t] = chargeRates[(d < chargeLast ? d : chargeLast) * chargeWidth + chargeCol] as number;
      const prem = p * bd;
      const exp = acquisition * (NB[t] as number) + bd * maintenance * (inflation[t] as number);
      const com = commission * prem;
      detPrem[t] = (detPrem[t] as number) + prem;
      detExp[t] = (detExp[t] as number) + exp;
      detCom[t] = (detCom[t] as number) + com;
      detNet[t] = prem - exp - com;
    }
    if (per) {
      per[oPoliciesIf + t] = (per[oPoliciesIf + t] as number) + (BM[t] as number);
      per[oMaturities + t] = (per[oMaturities + t] as number) + (MAT[t] as number);
      per[oNewBusiness + t] = (per[oNewBusiness + t] as number) + (NB[t] as number);
      per[oPoliciesBefDecr + t] = (per[oPoliciesBefDecr + t] as number) + bd;
      per[oDeaths + t] = (per[oDeaths + t] as number) + (DEATHS[t] as number);
      per[oLapses + t] = (per[oLapses + t] as number) + (LAPSES[t] as number);
    }
  }
  v.matBase = fillGuarantees(points.deathGuarantee[i] as number, points.maturityGuarantee[i] as number, points.sumAssured[i] as number, points.premiumsPaidInit[i] as number, points.rollUpRate[i] as number, pp, start, stop, maturityStep, v.db);
  v.start = start;
  v.matures = maturityStep < stop;
  v.last = v.matures ? maturityStep : stop;
  v.matCount = v.matures ? (MAT[maturityStep] as number) : 0;
  v.matBm = v.matures ? (BM[maturityStep] as number) : 0;
  v.av0 = points.avInit[i] as number;
  v.feeM = (points.feeRate[i] as number) / 12;
  v.keep = keep;
  return true;
}

/**
 * Rolls one point's account value through one scenario: returns r[r0 + t], deflators defl[d0 + t].
 * Writes the point's PV of each scenario-dependent line into `pv` (SAVINGS_PV_LINES order; premiums,
 * expenses and commissions are left alone).
 */
function rollScenario(v: PointVectors, R: Float64Array, r0: number, defl: Float64Array, d0: number, pv: Float64Array, per: Float64Array | undefined, steps: number): void {
  // offsets of the monthly lines in `per` (written only when per-period output is asked for)
  const oAvBefMat = P_AV_BEF_MAT * steps;
  const oInvestmentIncome = P_INVESTMENT_INCOME * steps;
  const oClaimsDeath = P_CLAIMS_DEATH * steps;
  const oClaimsSurrender = P_CLAIMS_SURRENDER * steps;
  const oAvChange = P_AV_CHANGE * steps;
  const oNetCashflow = P_NET_CASHFLOW * steps;
  const oFees = P_FEES * steps;
  const oCoi = P_COI * steps;
  const oSurrenderCharges = P_SURRENDER_CHARGES * steps;
  const oGmdbCost = P_GMDB_COST * steps;
  const oClaimsMaturity = P_CLAIMS_MATURITY * steps;
  const oGmabCost = P_GMAB_COST * steps;
  const { pp, db, coiRate, sc, detNet } = v;
  const keep = v.keep;
  const { bm: BM, bd: BD, deaths: DEATHS, lapses: LAPSES } = v.buf;
  const feeM = v.feeM;
  const last = v.last;
  let av = v.av0;
  let inv = 0;
  let clD = 0;
  let clS = 0;
  let dav = 0;
  let fees = 0;
  let coi = 0;
  let sch = 0;
  let gmdb = 0;
  // the net cash flow is summed per month before discounting (as lifelib's net_cf): the lines are
  // large and cancel (premiums ≈ claims + AV change), so netting first keeps the rounding small
  let net = 0;
  for (let t = v.start; t < last; t++) {
    const df = defl[d0 + t] as number;
    const avFee = av + keep * (pp[t] as number);
    const dbt = db[t] as number;
    const nar = dbt - avFee;
    const coiPp = nar > 0 ? (coiRate[t] as number) * nar : 0;
    const feePp = feeM * avFee;
    const avInv = avFee - feePp - coiPp;
    const inc = (R[r0 + t] as number) * avInv;
    const avMid = avInv + 0.5 * inc;
    const avNext = avInv + inc;
    const deaths = DEATHS[t] as number;
    const lapses = LAPSES[t] as number;
    const bd = BD[t] as number;
    const bmN = bd - deaths - lapses; // BM(t+1)
    const over = dbt > avMid ? dbt - avMid : 0;
    const charge = (sc[t] as number) * avMid * lapses;
    const iInc = inc * (bmN + 0.5 * (deaths + lapses));
    const cD = (dbt > avMid ? dbt : avMid) * deaths;
    const cS = avMid * lapses - charge;
    const dAv = avNext * bmN - av * (BM[t] as number);
    const netT = (detNet[t] as number) + iInc - cD - cS - dAv;
    net += netT * df;
    inv += iInc * df;
    clD += cD * df;
    clS += cS * df;
    dav += dAv * df;
    fees += feePp * bd * df;
    coi += coiPp * bd * df;
    sch += charge * df;
    gmdb += over * deaths * df;
    if (per) {
      per[oAvBefMat + t] = (per[oAvBefMat + t] as number) + av * (BM[t] as number);
      per[oInvestmentIncome + t] = (per[oInvestmentIncome + t] as number) + iInc;
      per[oClaimsDeath + t] = (per[oClaimsDeath + t] as number) + cD;
      per[oClaimsSurrender + t] = (per[oClaimsSurrender + t] as number) + cS;
      per[oAvChange + t] = (per[oAvChange + t] as number) + dAv;
      per[oNetCashflow + t] = (per[oNetCashflow + t] as number) + netT;
      per[oFees + t] = (per[oFees + t] as number) + feePp * bd;
      per[oCoi + t] = (per[oCoi + t] as number) + coiPp * bd;
      per[oSurrenderCharges + t] = (per[oSurrenderCharges + t] as number) + charge;
      per[oGmdbCost + t] = (per[oGmdbCost + t] as number) + over * deaths;
    }
    av = avNext;
  }
  let clM = 0;
  let gmab = 0;
  if (v.matures) {
    // maturity month: the benefit max(G, AV) to the maturing policies, their AV released; nothing else moves
    const t = last;
    const df = defl[d0 + t] as number;
    const g = v.matBase;
    const shortfall = g > av ? (g - av) * v.matCount : 0;
    const claim = (g > av ? g : av) * v.matCount;
    const release = av * v.matBm;
    clM = claim * df;
    gmab = shortfall * df;
    dav -= release * df;
    net += (release - claim) * df;
    if (per) {
      per[oAvBefMat + t] = (per[oAvBefMat + t] as number) + release;
      per[oClaimsMaturity + t] = (per[oClaimsMaturity + t] as number) + claim;
      per[oAvChange + t] = (per[oAvChange + t] as number) - release;
      per[oNetCashflow + t] = (per[oNetCashflow + t] as number) + release - claim;
      per[oGmabCost + t] = (per[oGmabCost + t] as number) + shortfall;
    }
  }
  pv[PV_INV] = inv;
  pv[PV_DEATH] = clD;
  pv[PV_SURRENDER] = clS;
  pv[PV_MATURITY] = clM;
  pv[PV_AV_CHANGE] = dav;
  pv[PV_NET] = net;
  pv[PV_FEES] = fees;
  pv[PV_COI] = coi;
  pv[PV_SURRENDER_CHARGES] = sch;
  pv[PV_GMDB] = gmdb;
  pv[PV_GMAB] = gmab;
}

// PV line indices as constants for the hot loop (SAVINGS_PV_LINES order; checked in the tests)
const PV_INV = PV.investment_income;
const PV_DEATH = PV.claims_death;
const PV_SURRENDER = PV.claims_surrender;
const PV_MATURITY = PV.claims_maturity;
const PV_AV_CHANGE = PV.av_change;
const PV_NET = PV.net_cashflow;
const PV_FEES = PV.fees;
const PV_COI = PV.coi;
const PV_SURRENDER_CHARGES = PV.surrender_charges;
const PV_GMDB = PV.gmdb_cost;
const PV_GMAB = PV.gmab_cost;

/** The lines rollScenario writes. */
const STOCHASTIC_PV = Int32Array.of(PV_INV, PV_DEATH, PV_SURRENDER, PV_MATURITY, PV_AV_CHANGE, PV_NET, PV_FEES, PV_COI, PV_SURRENDER_CHARGES, PV_GMDB, PV_GMAB);

/** One point under every scenario: adds its PVs to each scenario's row; returns Σ over scenarios of its net PV. */
function rollScenarios(v: PointVectors, R: Float64Array, stride: number, defl: Float64Array, dStride: number, S: number, pv: Float64Array, pvByScenario: Float64Array, per: Float64Array | undefined, steps: number): number {
  const NL = SAVINGS_PV_LINES.length;
  const nLines = STOCHASTIC_PV.length;
  let net = 0;
  for (let s = 0; s < S; s++) {
    rollScenario(v, R, s * stride, defl, s * dStride, pv, per, steps);
    const row = s * NL;
    for (let k = 0; k < nLines; k++) {
      const line = STOCHASTIC_PV[k] as number;
      pvByScenario[row + line] = (pvByScenario[row + line] as number) + (pv[line] as number);
    }
    net += pv[PV_NET] as number;
  }
  return net;
}

/**
 * Projects model points [from, to) under every scenario. Results are additive over slices of points
 * (up to summation order), and each scenario's PVs are those of a run with that scenario alone.
 */
export function runSavings(points: SavingsPoints, basis: SavingsBasis, scenarios: InvestmentScenarios, ctx: ProjectionContext, options: Partial<SavingsRunOptions> = {}): SavingsResult {
  const opts: SavingsRunOptions = { perPeriod: options.perPeriod ?? false, perPoint: options.perPoint ?? false, from: options.from ?? 0, to: options.to ?? points.count };
  if (!(Number.isInteger(opts.from) && Number.isInteger(opts.to) && opts.from >= 0 && opts.to <= points.count && opts.from <= opts.to)) invalid("model_points", `the slice ${opts.from}..${opts.to} is outside 0..${points.count}`);
  const steps = ctx.steps;
  if (ctx.stepsPerYear !== 12) invalid("steps_per_year", `${ctx.stepsPerYear}: the account-value engine runs monthly steps only (12)`);
  if (ctx.discount.length < steps || ctx.inflation.length < steps) invalid("discount_rates", `gives ${Math.min(ctx.discount.length, ctx.inflation.length)} months; the projection needs ${steps}`);
  if (scenarios.steps < steps) invalid("returns", `have ${scenarios.steps} months per scenario; the projection needs ${steps}`);
  checkSavings(points, basis);

  const S = scenarios.count;
  const stride = scenarios.steps;
  const R = scenarios.returns;
  // deflators: per scenario (stride) or the context's curve shared by all scenarios (stride 0)
  const defl = scenarios.deflators ?? ctx.discount;
  const dStride = scenarios.deflators ? stride : 0;

  const NL = SAVINGS_PV_LINES.length;
  const pvByScenario = new Float64Array(S * NL);
  const pvByPoint = opts.perPoint ? new Float64Array(points.count) : undefined;
  const per = opts.perPeriod ? new Float64Array(SAVINGS_PERIOD_LINES.length * steps) : undefined;
  // deterministic lines summed over points by month, valued per scenario at the end (Σ_t x(t)·D(s, t))
  const detPrem = new Float64Array(steps);
  const detExp = new Float64Array(steps);
  const detCom = new Float64Array(steps);
  const k: RunConstants = {
    steps,
    rates: monthlyRates(basis),
    wholeLifeAge: basis.mortality ? lastAge(basis.mortality) : 0,
    charges: basis.surrenderCharges,
    coiMultiple: basis.coiMultiple,
    acquisition: basis.acquisitionPerPolicy,
    maintenance: basis.maintenancePerPolicyPerYear / 12,
    commission: basis.commissionRate,
    inflation: ctx.inflation,
  };
  const vectors = new PointVectors(steps);
  const pv = new Float64Array(NL);

  for (let i = opts.from; i < opts.to; i++) {
    if (!preparePoint(points, i, k, vectors, detPrem, detExp, detCom, per)) continue;
    const pointNet = rollScenarios(vectors, R, stride, defl, dStride, S, pv, pvByScenario, per, steps);
    if (pvByPoint) pvByPoint[i] = pointNet / S;
  }

  valueDeterministic(detPrem, detExp, detCom, defl, dStride, S, steps, pvByScenario);
  if (per) finishPerPeriod(per, detPrem, detExp, detCom, defl, dStride, S, steps);
  const mean = new Float64Array(NL);
  for (let s = 0; s < S; s++) for (let line = 0; line < NL; line++) mean[line] = (mean[line] as number) + (pvByScenario[s * NL + line] as number);
  for (let line = 0; line < NL; line++) mean[line] = (mean[line] as number) / S;
  return { steps, scenarios: S, pv: mean, pvByScenario, pvByPoint, perPeriod: per };
}

/** Premiums, expenses and commissions (summed over points by month) under each scenario's deflators. */
function valueDeterministic(detPrem: Float64Array, detExp: Float64Array, detCom: Float64Array, defl: Float64Array, dStride: number, S: number, steps: number, pvByScenario: Float64Array): void {
  const NL = SAVINGS_PV_LINES.length;
  for (let s = 0; s < S; s++) {
    const d0 = s * dStride;
    let prem = 0;
    let exp = 0;
    let com = 0;
    for (let t = 0; t < steps; t++) {
      const df = defl[d0 + t] as number;
      prem += (detPrem[t] as number) * df;
      exp += (detExp[t] as number) * df;
      com += (detCom[t] as number) * df;
    }
    const row = s * NL;
    pvByScenario[row + PV.premiums] = prem;
    pvByScenario[row + PV.expenses] = exp;
    pvByScenario[row + PV.commissions] = com;
  }
}

/** Per-period lines: scenario-dependent lines from sums to means over scenarios; the deterministic lines; the mean deflator. */
function finishPerPeriod(per: Float64Array, detPrem: Float64Array, detExp: Float64Array, detCom: Float64Array, defl: Float64Array, dStride: number, S: number, steps: number): void {
  const stochastic = ["av_bef_mat", "investment_income", "claims_death", "claims_surrender", "claims_maturity", "av_change", "net_cashflow", "fees", "coi", "surrender_charges", "gmdb_cost", "gmab_cost"] as const;
  for (const line of stochastic) for (let t = 0; t < steps; t++) per[PERIOD[line] * steps + t] = (per[PERIOD[line] * steps + t] as number) / S;
  for (let t = 0; t < steps; t++) {
    per[PERIOD.premiums * steps + t] = detPrem[t] as number;
    per[PERIOD.expenses * steps + t] = detExp[t] as number;
    per[PERIOD.commissions * steps + t] = detCom[t] as number;
    let df = 0;
    for (let s = 0; s < (dStride ? S : 1); s++) df += defl[s * dStride + t] as number;
    per[PERIOD.discount_factor * steps + t] = dStride ? df / S : df;
  }
}
