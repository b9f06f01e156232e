import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellMatrix } from "../../functions/cells";
import { callFunction } from "../../functions/registry";
import { parseCsv } from "../csv";
import type { Io } from "../io";
import { fixed, formatTable, percent } from "../table";

export const CURVES_DEMO_USAGE = `mcev demo curves [--date 2011-12-31|2011-08-09|2010-12-31]

Builds the reference zero curves of the sample (seed 003, Table 10: swap zero rates by currency) and
prints discount factors, extrapolated rates and the present value of a sample profit run-off, all
computed through the same MCEV.* functions as Excel.`;

const UFR = 0.042;
const DATES = ["2011-12-31", "2011-08-09", "2010-12-31"];

/** A column of a CSV table with a header row, as an n × 1 range. */
function column(table: CellMatrix, j: number): CellMatrix {
  return table.slice(1).map((row) => [row[j] ?? null]);
}

const num = (x: unknown): number => x as number;
const col = (xs: readonly number[]): CellMatrix => xs.map((x) => [x]);

export function runCurvesDemo(args: string[], io: Io, root: string): number {
  let date = DATES[0] as string;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--date" && DATES.includes(args[i + 1] ?? "")) date = args[++i] as string;
    else {
      io.err(`mcev demo curves: unexpected argument ${args[i]}\n\n${CURVES_DEMO_USAGE}\n`);
      return 2;
    }
  }
  const file = join(root, "examples", "curves", `swap-zero-${date}.csv`);
  const table = parseCsv(readFileSync(file, "utf8"), file);
  const header = (table[0] ?? []).map(String);
  const currencies = header.slice(1);
  const terms = column(table, 0);
  const started = performance.now();

  io.out(`MCEV Toolkit — demo: reference yield curves at ${date}\n`);
  io.out(`Source: seed 003 (2011 MCEV disclosure), Table 10 — swap zero rates, no liquidity premium.\n`);
  io.out(`Input: ${file}\n\n`);

  io.out("Input zero rates (annually compounded)\n");
  io.out(formatTable([["Term", ...currencies], ...table.slice(1).map((row) => [`${row[0]}y`, ...row.slice(1).map((r) => percent(num(r)))])]) + "\n\n");

  const probe = [1, 5, 10, 20, 30, 40, 60, 100];
  const rows: string[][] = [["", ...currencies]];
  const alphas = currencies.map((_, j) => num(callFunction("SWALPHA", [terms, column(table, j + 1), UFR])));
  rows.push(["alpha (EIOPA)", ...alphas.map((a) => fixed(a, 6))]);
  const dfs = currencies.map((_, j) => callFunction("DF", [terms, column(table, j + 1), col(probe), "SMITHWILSON", UFR]) as number[][]);
  const zeros = currencies.map((_, j) => callFunction("ZERO", [terms, column(table, j + 1), col(probe), "SMITHWILSON", UFR]) as number[][]);
  probe.forEach((t, i) => rows.push([`DF(${t})`, ...dfs.map((d) => fixed(num(d[i]?.[0]), 6))]));
  probe.forEach((t, i) => rows.push([`zero(${t})`, ...zeros.map((z) => percent(num(z[i]?.[0]), 3))]));
  const fwd60 = currencies.map((_, j) => num(callFunction("FWD", [terms, column(table, j + 1), 59, 60, "SMITHWILSON", UFR])));
  rows.push(["fwd(59, 60)", ...fwd60.map((f) => percent(f, 3))]);
  io.out(`Smith–Wilson curves, UFR ${percent(UFR, 1)}, alpha from EIOPA's convergence criterion (1 bp at max(LLP + 40, 60) = 70y)\n`);
  io.out(formatTable(rows) + "\n\n");

  // A sample block's statutory profits: 100 in year 1, running off by 6% a year for 40 years.
  const profits = Array.from({ length: 40 }, (_, k) => 100 * Math.pow(0.94, k));
  const pvRows: string[][] = [["PVFP of a 40-year run-off", ...currencies]];
  for (const [label, method, shift] of [
    ["monotone convex, base", "MONOTONECONVEX", 0],
    ["Smith–Wilson, base", "SMITHWILSON", 0],
    ["Smith–Wilson, rates +100 bp", "SMITHWILSON", 0.01],
    ["Smith–Wilson, rates −100 bp", "SMITHWILSON", -0.01],
  ] as const) {
    pvRows.push([label, ...currencies.map((_, j) => fixed(num(callFunction("PVFP", [col(profits), terms, column(table, j + 1), "END", shift, method, method === "SMITHWILSON" ? UFR : null])), 2))]);
  }
  io.out("Present value of future profits (100 in year 1, −6% a year, 40 years, end of year)\n");
  io.out(formatTable(pvRows) + "\n\n");

  io.out("The same numbers in Excel, e.g. for EUR with the table pasted at A1:\n");
  io.out(`  =MCEV.DF(A2:A7, B2:B7, {1;10;60}, "SMITHWILSON", ${UFR})\n`);
  io.out(`  =MCEV.PVFP(profits, A2:A7, B2:B7, "END", 0.01, "SMITHWILSON", ${UFR})\n`);
  io.out(`\nDone in ${(performance.now() - started).toFixed(0)} ms.\n`);
  return 0;
}
