import { readFileSync } from "node:fs";
import { McevError } from "../../core/errors";
import type { CellMatrix } from "../../functions/cells";
import { parseCsv } from "../csv";
import { EXCEL_ERROR, evaluateWithRegistry, reportError } from "../evaluate";
import { formatResult, formatResultJson } from "../formula";
import { UsageError, type Io } from "../io";

export const EVAL_USAGE = `mcev eval FORMULA [--range NAME=file.csv ...] [--json]

Evaluates one Excel formula calling MCEV.* functions, through the same registry as Excel.
  FORMULA               e.g. '=MCEV.DF({5;10},{0.02;0.025},{1;7})' (quote it for the shell)
  --range NAME=FILE     binds NAME in the formula to the cells of a CSV file (empty fields are blank cells)
  --json                prints a JSON array of arrays instead of CSV
The result prints as CSV, one line per row. An error prints its Excel code and message on stderr and exits 1.`;

export function runEval(args: string[], io: Io): number {
  let formula: string | undefined;
  let json = false;
  const names = new Map<string, CellMatrix>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--json") json = true;
    else if (a === "--range" || a.startsWith("--range=")) {
      const spec = a === "--range" ? args[++i] : a.slice("--range=".length);
      if (!spec) throw new UsageError("--range needs NAME=file.csv", EVAL_USAGE);
      const eq = spec.indexOf("=");
      const name = spec.slice(0, eq).trim();
      const file = spec.slice(eq + 1);
      if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || !file) throw new UsageError(`--range ${spec}: expected NAME=file.csv`, EVAL_USAGE);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        throw new UsageError(`--range ${name}: cannot read ${file}: ${(e as Error).message}`);
      }
      try {
        names.set(name.toUpperCase(), parseCsv(text, file));
      } catch (e) {
        if (!(e instanceof McevError)) throw e;
        io.err(`${EXCEL_ERROR[e.code]} --range ${name}: ${e.message}\n`);
        return 1;
      }
    } else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`, EVAL_USAGE);
    else if (formula === undefined) formula = a;
    else throw new UsageError(`unexpected argument ${a}: give the formula as one quoted argument`, EVAL_USAGE);
  }
  if (formula === undefined) throw new UsageError("missing FORMULA", EVAL_USAGE);
  try {
    const result = evaluateWithRegistry(formula, names);
    io.out((json ? formatResultJson(result) : formatResult(result)) + "\n");
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}
