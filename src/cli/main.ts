import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { listFunctions, NAMESPACE } from "../functions/registry";
import { BENCH_USAGE, runBench } from "./commands/bench";
import { DEMO_USAGE, runDemo } from "./commands/demo";
import { DOCS_USAGE, runDocs } from "./commands/docs";
import { EVAL_USAGE, runEval } from "./commands/eval";
import { PROJECT_USAGE, runProject } from "./commands/project";
import { RUN_USAGE, runValuation } from "./commands/run";
import { RESERVE_USAGE, runReserve } from "./commands/reserve";
import { WORKBOOK_USAGE, runWorkbook } from "./commands/workbook";
import { UsageError, type Io } from "./io";

declare const MCEV_VERSION: string | undefined;
const VERSION = typeof MCEV_VERSION === "string" ? MCEV_VERSION : "dev";

const USAGE = `mcev ${VERSION} — Market Consistent Embedded Value toolkit, command line

Usage:
  mcev eval FORMULA [--range NAME=file.csv ...] [--json]   evaluate an Excel formula with MCEV.* functions
  mcev project --model-points MP.csv --assumptions DIR      project cash flows and their present values
  mcev run --assumptions DIR | --workbook FILE.xlsx [--out report.xlsx]
                                                            group MCEV, VNB, traditional EV (Tables 1, 5, 8, 9)
  mcev reserve TRIANGLE.csv [--method cl|mack|bf|...]       reserves from a claims triangle
  mcev demo [--out report.xlsx]                             the demo valuation of the bundled life-reinsurer sample
  mcev demo curves [--date YYYY-MM-DD]                      the reference yield curves of the sample
  mcev workbook --assumptions DIR --out FILE.xlsx           a valuation folder as a workbook with =MCEV.* formulas
  mcev bench basicterm [--replicate K] [--threads T]        projection benchmark (lifelib BasicTerm_M)
  mcev bench savings [--runs N] [--scenarios S]             account-value benchmark (lifelib CashValue_ME_EX4)
  mcev bench tvfog [--points N] [--scenarios S] [--threads T]   TVFOG benchmark (variable annuities)
  mcev functions                                            list the MCEV.* functions
  mcev docs [--write | --check]                             regenerate docs/functions.md (development)
  mcev help COMMAND                                         help on one command
  mcev --version`;

const HELP: Record<string, string> = { eval: EVAL_USAGE, project: PROJECT_USAGE, run: RUN_USAGE, reserve: RESERVE_USAGE, demo: DEMO_USAGE, workbook: WORKBOOK_USAGE, docs: DOCS_USAGE, bench: BENCH_USAGE };

/** The package root: the folder with package.json above this file (build/cli or src/cli). */
export function packageRoot(from: string): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "examples"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** The worker-thread bundle, built beside the CLI bundle. */
function workerFile(root: string): string {
  return join(root, "build", "cli", "worker.cjs");
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: Io, root: string): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "eval":
        return runEval(rest, io);
      case "reserve":
        return runReserve(rest, io);
      case "project":
        return runProject(rest, io);
      case "run":
        return await runValuation(rest, io);
      case "demo":
        return await runDemo(rest, io, root);
      case "workbook":
        return await runWorkbook(rest, io);
      case "bench":
        return await runBench(rest, io, root, workerFile(root));
      case "docs":
        return await runDocs(rest, io, root);
      case "functions":
        for (const f of listFunctions()) {
          io.out(`${NAMESPACE}.${f.name}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})\n`);
        }
        return 0;
      case "--version":
      case "-v":
        io.out(`${VERSION}\n`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h": {
        const topic = rest[0];
        io.out(`${(topic && HELP[topic]) || USAGE}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`, USAGE);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`mcev: ${e.message}\n${e.usage ? `\n${e.usage}\n` : ""}`);
      return 2;
    }
    io.err(`mcev: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Entry point of the bundled command (build/cli/mcev.cjs). */
export async function run(): Promise<void> {
  const io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  process.exitCode = await main(process.argv.slice(2), io, packageRoot(__dirname));
}
