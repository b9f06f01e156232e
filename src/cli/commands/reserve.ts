import { readFileSync } from "node:fs";
import type { CellMatrix, CellValue } from "../../functions/cells";
import { callFunction } from "../../functions/registry";
import { parseCsv } from "../csv";
import { reportError } from "../evaluate";
import { formatResultJson } from "../formula";
import { UsageError, type Io } from "../io";
import { formatTable } from "../table";

export const RESERVE_USAGE = `mcev reserve TRIANGLE.csv [--method cl|mack|bf|benktander|capecod|bootstrap|runoff|ldf]
             [--premium PREMIUM.csv] [--elr X] [--tail X] [--sims N] [--seed N] [--header] [--json]

Reserves from a cumulative triangle in a CSV file: origins in rows (oldest first), development periods
in columns, empty fields after the latest diagonal. A first row with text is read as column headers;
then, when its first field is text or empty, the first column holds the origin labels.
  --method     cl (default), mack, bf, benktander, capecod, bootstrap, runoff or ldf
  --premium    a CSV file with one premium per origin (bf, benktander, capecod): the last column,
               after an optional header row
  --elr        expected loss ratio for bf and benktander, e.g. 0.65
  --tail       tail factor >= 1 (mack: or "estimate", log-linear extrapolation of the factors)
  --sigma-rule mack: MACK (default) or LOGLINEAR; --tail-se X, --tail-sigma X: the tail's S.E. and sigma
  --periods-per-year  runoff: development periods a year (4 for quarterly; buckets are in years)
  --header     the first row is a header even when it holds numbers (e.g. development ages 12,24,36)
  --sims/--seed  bootstrap simulations (default 10000) and seed (default 0)
  --json       the result as a JSON array of arrays (header row first)`;

interface Table {
  cells: CellMatrix;
  labels?: string[];
}

/** Splits an optional header row and origin-label column off a CSV range. */
export function readLabelledTable(range: CellMatrix, forceHeader = false): Table {
  const first = range[0] ?? [];
  const hasHeader = forceHeader || first.some((v) => typeof v === "string");
  if (!hasHeader) return { cells: range };
  const labelled = first[0] === null || typeof first[0] === "string";
  const body = range.slice(1);
  if (!labelled) return { cells: body };
  return { cells: body.map((row) => row.slice(1)), labels: body.map((row) => String(row[0] ?? "")) };
}

/** The premiums of a CSV file: a text header row is skipped; with several columns, the last one. */
export function premiumColumn(range: CellMatrix): CellMatrix {
  const body = (range[0] ?? []).some((v) => typeof v === "string") ? range.slice(1) : range;
  return body.map((row) => [row[row.length - 1] ?? null]);
}

function readCsvFile(path: string, what: string): CellMatrix {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read the ${what} file ${path}: ${(e as Error).message}`);
  }
  return parseCsv(text, path);
}

const METHODS: Record<string, (tri: CellMatrix, o: Options) => CellMatrix> = {
  cl: (t, o) => call("CHAINLADDER", [t, o.tail, true]),
  mack: (t, o) => call("MACK", [t, o.tail, o.sigmaRule, o.tailSe, o.tailSigma, true]),
  bf: (t, o) => call("BF", [t, needPremium(o, "bf"), needElr(o, "bf"), o.tail, true]),
  benktander: (t, o) => call("BENKTANDER", [t, needPremium(o, "benktander"), needElr(o, "benktander"), null, o.tail, true]),
  capecod: (t, o) => call("CAPECOD", [t, needPremium(o, "capecod"), o.tail, null, null, true]),
  bootstrap: (t, o) => call("BOOTSTRAP", [t, o.sims, o.seed, null, typeof o.tail === "boolean" ? null : o.tail, true]),
  runoff: (t, o) => call("RUNOFF", [t, o.tail, null, o.periodsPerYear, true]),
  ldf: (t) => call("LDF", [t, null, null, true]),
};

interface Options {
  premium: CellMatrix | null;
  elr: number | null;
  tail: number | boolean | null;
  sims: number;
  seed: number;
  sigmaRule: string | null;
  tailSe: number | null;
  tailSigma: number | null;
  periodsPerYear: number | null;
  header: boolean;
}

function call(name: string, args: (CellValue | CellMatrix)[]): CellMatrix {
  return callFunction(name, args) as CellMatrix;
}

function needPremium(o: Options, method: string): CellMatrix {
  if (!o.premium) throw new UsageError(`--method ${method} needs --premium PREMIUM.csv`, RESERVE_USAGE);
  return o.premium;
}

function needElr(o: Options, method: string): number {
  if (o.elr === null) throw new UsageError(`--method ${method} needs --elr X (e.g. 0.65)`, RESERVE_USAGE);
  return o.elr;
}

function numberOption(value: string | undefined, flag: string): number {
  const x = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isFinite(x)) throw new UsageError(`${flag} needs a number, got ${value ?? "nothing"}`, RESERVE_USAGE);
  return x;
}

function display(v: CellValue): string {
  if (typeof v !== "number") return v === null ? "" : String(v);
  if (Number.isInteger(v) || Math.abs(v) >= 100) return v.toLocaleString("en-US", { maximumFractionDigits: 0 });
  return v.toFixed(4);
}

export function runReserve(args: string[], io: Io): number {
  let file: string | undefined;
  let method = "cl";
  let json = false;
  const o: Options = { premium: null, elr: null, tail: null, sims: 10_000, seed: 0, sigmaRule: null, tailSe: null, tailSigma: null, periodsPerYear: null, header: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = () => args[++i];
    if (a === "--json") json = true;
    else if (a === "--method") method = (value() ?? "").toLowerCase();
    else if (a === "--premium") {
      const p = value();
      if (!p) throw new UsageError("--premium needs a file", RESERVE_USAGE);
      o.premium = premiumColumn(readCsvFile(p, "premium"));
    } else if (a === "--elr") o.elr = numberOption(value(), "--elr");
    else if (a === "--tail") {
      const v = value();
      o.tail = v?.toLowerCase() === "estimate" ? true : numberOption(v, "--tail");
    }
    else if (a === "--sigma-rule") o.sigmaRule = value() ?? null;
    else if (a === "--tail-se") o.tailSe = numberOption(value(), "--tail-se");
    else if (a === "--tail-sigma") o.tailSigma = numberOption(value(), "--tail-sigma");
    else if (a === "--periods-per-year") o.periodsPerYear = numberOption(value(), "--periods-per-year");
    else if (a === "--header") o.header = true;
    else if (a === "--sims") o.sims = numberOption(value(), "--sims");
    else if (a === "--seed") o.seed = numberOption(value(), "--seed");
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`, RESERVE_USAGE);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`, RESERVE_USAGE);
  }
  if (!file) throw new UsageError("missing TRIANGLE.csv", RESERVE_USAGE);
  const run = METHODS[method];
  if (!run) throw new UsageError(`unknown method ${method}; expected ${Object.keys(METHODS).join(", ")}`, RESERVE_USAGE);
  try {
    const { cells, labels } = readLabelledTable(readCsvFile(file, "triangle"), o.header);
    const result = run(cells, o);
    if (json) {
      io.out(formatResultJson(result) + "\n");
      return 0;
    }
    const [header, ...rows] = result;
    const perOrigin = method !== "runoff" && method !== "ldf";
    const first = perOrigin ? ["Origin"] : [];
    const table = [
      [...first, ...(header ?? []).map(display)],
      ...rows.map((row, i) => [...(perOrigin ? [i === rows.length - 1 ? "Total" : (labels?.[i] ?? String(i + 1))] : []), ...row.map(display)]),
    ];
    io.out(`${method.toUpperCase()} — ${file}\n${formatTable(table)}\n`);
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}
