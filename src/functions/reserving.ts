import { invalid, McevError } from "../core/errors";
import { ageToAgeFactors, chainLadder, resolveAverage } from "../core/reserving/chainLadder";
import { benktander, capeCod, checkPremium, lossRatioMethod, type ExpectedLossResult } from "../core/reserving/expectedLoss";
import { premiumToBook, survivalRatio } from "../core/reserving/indicators";
import { mackChainLadder, resolveSigmaRule } from "../core/reserving/mack";
import { bootstrapChainLadder } from "../core/reserving/bootstrap";
import { bucketLabels, bucketPayments, DEFAULT_BUCKETS, runoffByPeriod } from "../core/reserving/runoff";
import { latest, type Triangle } from "../core/reserving/triangle";
import { isMatrix, numericRange, numericVector, optionalBoolean, optionalInteger, optionalNumber, optionalText, reshape, type Argument } from "./args";
import type { CellMatrix, CellValue } from "./cells";
import type { FunctionSpec } from "./registry";
import { originTable, sum } from "./tables";
import { triangleArg } from "./triangleArg";

/** Example names bound to bundled sample files (see EXAMPLE_RANGES in registry.ts). */
const TRI = "RAA";
const RAA_PREMIUM = "RAA_PREMIUM";

const tailArg = (x: Argument) => optionalNumber(x, "tail", true);

/** MACK's tail: a factor >= 1, or TRUE to estimate one by log-linear extrapolation of the factors. */
function mackTailArg(x: Argument): number | true | undefined {
  if (x === true || (isMatrix(x) && x.length === 1 && x[0]?.length === 1 && x[0][0] === true)) return true;
  if (typeof x === "string" && x.trim().toUpperCase() === "TRUE") return true;
  return tailArg(x);
}
const headersArg = (x: Argument) => optionalBoolean(x, "headers");

/** Weighted unreported share for a Total row: Σ E_i q_i / Σ E_i. */
function totalUnreported(r: ExpectedLossResult): CellValue {
  const e = sum(r.expected);
  if (!(e > 0)) return "";
  let s = 0;
  for (let i = 0; i < r.expected.length; i++) s += (r.expected[i] as number) * (r.unreported[i] as number);
  return s / e;
}

function expectedLossTable(r: ExpectedLossResult, headers: boolean): CellMatrix {
  return originTable(
    ["Latest", "Expected ultimate", "% unreported", "IBNR", "Ultimate"],
    [r.latest, r.expected, r.unreported, r.ibnr, r.ultimate],
    [sum(r.latest), sum(r.expected), totalUnreported(r), sum(r.ibnr), sum(r.ultimate)],
    headers,
  );
}

function premiumArg(x: Argument): Float64Array {
  return numericVector(x, "premium");
}

/** The reserving methods MCEV.RESERVES and MCEV.RANGE can use, by name. */
const METHODS = ["CL", "BF", "BENKTANDER", "CAPECOD", "ELR"] as const;
type Method = (typeof METHODS)[number];

function resolveReservingMethod(text: string | undefined): Method {
  if (text === undefined || text.trim() === "") return "CL";
  const key = text.trim().toUpperCase().replace(/[\s_-]/g, "");
  const alias: Record<string, Method> = { CL: "CL", CHAINLADDER: "CL", BF: "BF", BORNHUETTERFERGUSON: "BF", BENKTANDER: "BENKTANDER", CAPECOD: "CAPECOD", ELR: "ELR", LOSSRATIO: "ELR" };
  const m = alias[key];
  if (!m) invalid("method", `unknown method "${text}"; expected one of ${METHODS.join(", ")}`);
  return m;
}

/**
 * Core errors about the triangle say "triangle"; in a function with several triangles (RESERVES) they
 * are renamed to the argument they concern, so the message names the right range.
 */
function asArgument<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof McevError && e.argument === "triangle") throw new McevError(e.code, e.detail, { argument: name, index: e.index });
    throw e;
  }
}

/** An optional loss ratio for RESERVES and RANGE: blank, or a single 0 (Excel desktop's blank cell), is not given. */
function optionalElr(x: Argument): Float64Array | undefined {
  if (x === null) return undefined;
  const v = numericVector(x, "elr");
  return v.length === 1 && v[0] === 0 ? undefined : v;
}

/** Ultimate by origin under a method; premium and elr are needed by all but CL. */
function ultimates(method: Method, tri: Triangle, premium: Float64Array | undefined, elr: Float64Array | undefined, tail: number | undefined): Float64Array {
  if (method === "CL") return chainLadder(tri, { tail }).ultimate;
  if (!premium) invalid("premium", `is missing; the ${method} method needs one premium per origin`);
  checkPremium(premium, tri.origins);
  if (method === "CAPECOD") return capeCod(tri, premium, { tail }).ultimate;
  if (!elr) invalid("elr", `is missing; the ${method} method needs an expected loss ratio`);
  if (method === "ELR") {
    const latestAmounts = Float64Array.from({ length: tri.origins }, (_, i) => latest(tri, i));
    return lossRatioMethod(premium, elr, latestAmounts).ultimate;
  }
  return benktander(tri, premium, elr, method === "BF" ? 1 : 2, tail).ultimate;
}


export const reservingFunctions: readonly FunctionSpec[] = [
  {
    name: "LDF",
    parameters: [{ name: "triangle" }, { name: "average", optional: true }, { name: "periods", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.LDF(${TRI})`, `=MCEV.LDF(${TRI},"SIMPLE",5,TRUE)`],
    invoke: ([triangle, average, periods, headers]) => {
      const tri = triangleArg(triangle);
      const f = ageToAgeFactors(tri, { average: resolveAverage(optionalText(average, "average")), periods: optionalInteger(periods, "periods") });
      const row: CellValue[] = Array.from(f);
      return headersArg(headers) ? [Array.from(f, (_, j) => `${j + 1}-${j + 2}`), row] : [row];
    },
  },
  {
    name: "CHAINLADDER",
    parameters: [{ name: "triangle" }, { name: "tail", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.CHAINLADDER(${TRI},,TRUE)`, `=MCEV.CHAINLADDER(${TRI},1.05)`],
    invoke: ([triangle, tail, headers]) => {
      const r = chainLadder(triangleArg(triangle), { tail: tailArg(tail) });
      return originTable(["Latest", "CDF to ultimate", "Ultimate", "IBNR"], [r.latest, r.cdf, r.ultimate, r.ibnr], [sum(r.latest), "", sum(r.ultimate), sum(r.ibnr)], headersArg(headers));
    },
  },
  {
    name: "MACK",
    parameters: [{ name: "triangle" }, { name: "tail", optional: true }, { name: "sigma_rule", optional: true }, { name: "tail_se", optional: true }, { name: "tail_sigma", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.MACK(${TRI},,,,,TRUE)`, `=MCEV.MACK(${TRI},TRUE,"LOGLINEAR",,,TRUE)`],
    invoke: ([triangle, tail, sigmaRule, tailSe, tailSigma, headers]) => {
      const r = mackChainLadder(triangleArg(triangle), {
        tail: mackTailArg(tail),
        sigmaRule: resolveSigmaRule(optionalText(sigmaRule, "sigma_rule")),
        tailSe: optionalNumber(tailSe, "tail_se", true),
        tailSigma: optionalNumber(tailSigma, "tail_sigma", true),
      });
      const t = r.total;
      return originTable(["Latest", "Ultimate", "IBNR", "Mack S.E.", "CV"], [r.latest, r.ultimate, r.ibnr, r.mackSe, r.cv], [t.latest, t.ultimate, t.ibnr, t.mackSe, t.cv], headersArg(headers));
    },
  },
  {
    name: "BOOTSTRAP",
    parameters: [{ name: "triangle" }, { name: "sims" }, { name: "seed", optional: true }, { name: "percentiles", optional: true }, { name: "tail", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.BOOTSTRAP(${TRI},10000,1,,,TRUE)`],
    invoke: ([triangle, sims, seed, percentiles, tail, headers]) => {
      const n = optionalInteger(sims, "sims");
      if (n === undefined) invalid("sims", "is missing; give the number of simulations, e.g. 10000");
      const r = bootstrapChainLadder(triangleArg(triangle), {
        sims: n,
        seed: optionalInteger(seed, "seed", 0) ?? 0,
        percentiles: percentiles === null ? undefined : Array.from(numericVector(percentiles, "percentiles")),
        tail: tailArg(tail),
      });
      const probs = Array.from(r.probabilities);
      const labels = ["Chain ladder", "Mean", "S.E.", "MC S.E. of mean", ...probs.map((q) => `${Number((q * 100).toPrecision(12))}%`)];
      const row = (d: (typeof r.origins)[number]): number[] => [d.chainLadder, d.mean, d.sd, d.sd / Math.sqrt(r.sims), ...Array.from(d.percentiles)];
      const rows = r.origins.map(row);
      const columns = labels.map((_, c) => Float64Array.from(rows, (x) => x[c] as number));
      return originTable(labels, columns, row(r.total), headersArg(headers));
    },
  },
  {
    name: "BF",
    parameters: [{ name: "triangle" }, { name: "premium" }, { name: "elr" }, { name: "tail", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.BF(${TRI},${RAA_PREMIUM},0.55,,TRUE)`],
    invoke: ([triangle, premium, elr, tail, headers]) =>
      expectedLossTable(benktander(triangleArg(triangle), premiumArg(premium), numericVector(elr, "elr"), 1, tailArg(tail)), headersArg(headers)),
  },
  {
    name: "BENKTANDER",
    parameters: [{ name: "triangle" }, { name: "premium" }, { name: "elr" }, { name: "iterations", optional: true }, { name: "tail", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.BENKTANDER(${TRI},${RAA_PREMIUM},0.55)`],
    invoke: ([triangle, premium, elr, iterations, tail, headers]) =>
      expectedLossTable(benktander(triangleArg(triangle), premiumArg(premium), numericVector(elr, "elr"), optionalInteger(iterations, "iterations") ?? 2, tailArg(tail)), headersArg(headers)),
  },
  {
    name: "ELR",
    parameters: [{ name: "premium" }, { name: "elr" }, { name: "latest" }, { name: "headers", optional: true }],
    examples: [`=MCEV.ELR({40000;45000;50000},0.55,{18834;12314;2063},TRUE)`],
    invoke: ([premium, elr, latestArg, headers]) => {
      const r = lossRatioMethod(premiumArg(premium), numericVector(elr, "elr"), numericVector(latestArg, "latest"));
      return originTable(["Latest", "Ultimate", "IBNR"], [r.latest, r.ultimate, r.ibnr], [sum(r.latest), sum(r.ultimate), sum(r.ibnr)], headersArg(headers));
    },
  },
  {
    name: "CAPECOD",
    parameters: [{ name: "triangle" }, { name: "premium" }, { name: "tail", optional: true }, { name: "decay", optional: true }, { name: "trend", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.CAPECOD(${TRI},${RAA_PREMIUM},,,,TRUE)`, `=MCEV.CAPECOD(${TRI},${RAA_PREMIUM},,0.75,0.02)`],
    invoke: ([triangle, premium, tail, decay, trend, headers]) => {
      const r = capeCod(triangleArg(triangle), premiumArg(premium), { tail: tailArg(tail), decay: optionalNumber(decay, "decay", true), trend: optionalNumber(trend, "trend") });
      const used = sum(r.usedUpPremium);
      return originTable(
        ["Latest", "Used-up premium", "ELR", "IBNR", "Ultimate"],
        [r.latest, r.usedUpPremium, r.elr, r.ibnr, r.ultimate],
        [sum(r.latest), used, used > 0 ? sum(r.latest) / used : "", sum(r.ibnr), sum(r.ultimate)],
        headersArg(headers),
      );
    },
  },
  {
    name: "RESERVES",
    parameters: [{ name: "paid" }, { name: "incurred" }, { name: "method", optional: true }, { name: "premium", optional: true }, { name: "elr", optional: true }, { name: "tail", optional: true }, { name: "headers", optional: true }],
    // Excel array constants cannot hold blank cells; "" is read as blank.
    examples: [`=MCEV.RESERVES({100,150,170;120,160,"";90,"",""},{160,190,200;170,210,"";150,"",""},,,,,TRUE)`],
    invoke: ([paid, incurred, method, premium, elr, tail, headers]) => {
      const p = triangleArg(paid, "paid");
      const inc = triangleArg(incurred, "incurred");
      if (p.origins !== inc.origins || p.devs !== inc.devs) invalid("incurred", `is ${inc.origins} × ${inc.devs} but paid is ${p.origins} × ${p.devs}; give both triangles for the same origins and development periods`);
      for (let i = 0; i < p.origins; i++) {
        if (p.observed[i] !== inc.observed[i]) invalid("incurred", `origin ${i + 1} has ${inc.observed[i]} development periods but paid has ${p.observed[i]}; both triangles must end on the same diagonal`, i * inc.devs + (inc.observed[i] as number) - 1);
      }
      const m = resolveReservingMethod(optionalText(method, "method"));
      const prem = premium === null ? undefined : premiumArg(premium);
      const lr = optionalElr(elr);
      const ult = asArgument("incurred", () => ultimates(m, inc, prem, lr, tailArg(tail)));
      const n = p.origins;
      const paidLatest = Float64Array.from({ length: n }, (_, i) => latest(p, i));
      const incLatest = Float64Array.from({ length: n }, (_, i) => latest(inc, i));
      const cases = incLatest.map((x, i) => x - (paidLatest[i] as number));
      const ibnr = ult.map((u, i) => u - (incLatest[i] as number));
      const total = ult.map((u, i) => u - (paidLatest[i] as number));
      return originTable(["Paid", "Case reserves", "IBNR", "Total reserve", "Ultimate"], [paidLatest, cases, ibnr, total, ult], [sum(paidLatest), sum(cases), sum(ibnr), sum(total), sum(ult)], headersArg(headers));
    },
  },
  {
    name: "RANGE",
    parameters: [{ name: "triangle" }, { name: "premium", optional: true }, { name: "elr", optional: true }, { name: "selected", optional: true }, { name: "tail", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.RANGE(${TRI},${RAA_PREMIUM},0.55,"BF",,TRUE)`],
    invoke: ([triangle, premium, elr, selected, tail, headers]) => {
      const tri = triangleArg(triangle);
      const t = tailArg(tail);
      const prem = premium === null ? undefined : premiumArg(premium);
      const lr = optionalElr(elr);
      if (lr && !prem) invalid("elr", "is given without premium; the methods that use a loss ratio also need one premium per origin");
      const chosen = resolveReservingMethod(optionalText(selected, "selected"));
      const methods: Method[] = prem ? (lr ? ["CL", "BF", "BENKTANDER", "CAPECOD", "ELR"] : ["CL", "CAPECOD"]) : ["CL"];
      if (!methods.includes(chosen)) invalid("selected", `${chosen} needs ${prem ? "elr" : "premium"}; the methods available here are ${methods.join(", ")}`);
      const latestAmounts = Float64Array.from({ length: tri.origins }, (_, i) => latest(tri, i));
      const reserves: Float64Array[] = methods.map((m) => ultimates(m, tri, prem, lr, t).map((u, i) => u - (latestAmounts[i] as number)));
      // A volume-weighted chain ladder on the last 5 diagonals widens the range when no premium is given.
      if (!prem) reserves.push(chainLadder(tri, { tail: t, periods: 5 }).ibnr);
      const labels = prem ? methods.map(String) : ["CL", "CL 5 diagonals"];
      const n = tri.origins;
      const low = new Float64Array(n).map((_, i) => Math.min(...reserves.map((r) => r[i] as number)));
      const high = new Float64Array(n).map((_, i) => Math.max(...reserves.map((r) => r[i] as number)));
      const pick = reserves[methods.indexOf(chosen)] as Float64Array;
      const totals = reserves.map(sum);
      return originTable([...labels, "Low", "High", `Selected (${chosen})`], [...reserves, low, high, pick], [...totals, Math.min(...totals), Math.max(...totals), sum(pick)], headersArg(headers));
    },
  },
  {
    name: "RUNOFF",
    parameters: [{ name: "triangle" }, { name: "tail", optional: true }, { name: "buckets", optional: true }, { name: "periods_per_year", optional: true }, { name: "headers", optional: true }],
    examples: [`=MCEV.RUNOFF(${TRI},,,,TRUE)`],
    invoke: ([triangle, tail, buckets, periodsPerYear, headers]) => {
      const pay = runoffByPeriod(triangleArg(triangle), tailArg(tail));
      const bounds = buckets === null || buckets === 0 ? DEFAULT_BUCKETS : Array.from(numericVector(buckets, "buckets"));
      const perYear = optionalInteger(periodsPerYear, "periods_per_year") ?? 1;
      const byBucket = bucketPayments(pay, bounds, perYear);
      const labels = bucketLabels(bounds);
      const rows = Math.max(pay.length, labels.length) + 1;
      const out: CellMatrix = [];
      if (headersArg(headers)) out.push(["Period", "Expected payment", "Bucket (years)", "Amount"]);
      for (let k = 0; k < rows; k++) {
        const left: CellValue[] = k < pay.length ? [k + 1, pay[k] as number] : k === pay.length ? ["Total", sum(pay)] : ["", ""];
        const right: CellValue[] = k < labels.length ? [labels[k] as string, byBucket[k] as number] : k === labels.length ? ["Total", sum(byBucket)] : ["", ""];
        out.push([...left, ...right]);
      }
      return out;
    },
  },
  {
    name: "SURVIVALRATIO",
    parameters: [{ name: "reserves" }, { name: "paid" }],
    examples: ["=MCEV.SURVIVALRATIO(1200,{95,110,105,100,98})", "=MCEV.SURVIVALRATIO({1200;800},{95,110,105,100,98;60,70,80,75,85})"],
    invoke: ([reserves, paid]) => {
      const r = numericRange(reserves, "reserves");
      const p = numericRange(paid, "paid");
      if (r.values.length === 1) return survivalRatio(r.values[0] as number, p.values);
      if (r.values.length !== p.rows) invalid("paid", `has ${p.rows} rows but reserves has ${r.values.length} values; give one row of calendar-year payments per reserve`);
      const out = r.values.map((x, i) => survivalRatio(x, p.values.subarray(i * p.cols, (i + 1) * p.cols), i));
      return reshape(out, r.rows, r.cols);
    },
  },
  {
    name: "EGPI",
    parameters: [{ name: "ultimate_premium" }, { name: "premium_received" }],
    examples: ["=MCEV.EGPI(1500000,1125000)", "=MCEV.EGPI({1500000;800000},{1125000;820000})"],
    invoke: ([egpi, received]) => {
      const e = numericRange(egpi, "ultimate_premium");
      const r = numericRange(received, "premium_received");
      if (e.values.length !== r.values.length) invalid("premium_received", `has ${r.values.length} values but ultimate_premium has ${e.values.length}`);
      const out = e.values.map((x, i) => premiumToBook(x, r.values[i] as number));
      return isMatrix(egpi) ? reshape(out, e.rows, e.cols) : (out[0] as number);
    },
  },
];
