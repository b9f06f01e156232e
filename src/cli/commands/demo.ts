import { mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { reportError } from "../evaluate";
import type { Io } from "../io";
import { printReport } from "../report/print";
import { writeReportWorkbook } from "../report/workbook";
import { readTableTree } from "../tables";
import { CURVES_DEMO_USAGE, runCurvesDemo } from "./curvesDemo";
import { runGroup } from "./run";

export const DEMO_USAGE = `mcev demo [--out report.xlsx]
mcev demo curves [--date 2011-12-31|2011-08-09|2010-12-31]

The valuation demo: the bundled life-reinsurer sample (examples/reinsurer: a USD YRT mortality block,
a EUR quota-share term block, a GBP longevity block, each with new business) valued at 31 December
2011 on seed 003's swap curves (Table 10), FX rates (Table 13) and tax rates (Table 14). Prints the
MCEV (Table 1), the value of new business (Table 5), the traditional EV for comparison and the
reconciliation to IFRS equity and Group MCEV (Tables 8-9), and writes the report workbook
(default build/demo/mcev-report-2011.xlsx). "mcev demo curves" prints the reference curves alone.

${CURVES_DEMO_USAGE}`;

export async function runDemo(args: string[], io: Io, root: string): Promise<number> {
  if (args[0] === "curves") return runCurvesDemo(args.slice(1), io, root);
  let out = join(root, "build", "demo", "mcev-report-2011.xlsx");
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out" && args[i + 1]) out = args[++i] as string;
    else {
      io.err(`mcev demo: unexpected argument ${args[i]}\n\n${DEMO_USAGE}\n`);
      return 2;
    }
  }
  const started = performance.now();
  const dir = join(root, "examples", "reinsurer");
  try {
    const result = runGroup(readTableTree(dir));
    io.out("MCEV Toolkit — demo valuation of a life reinsurer at 31 December 2011\n");
    io.out(`Sample: ${relative(process.cwd(), dir) || dir} — ${result.valuation.entities.map((e) => `${e.input.name} (${e.valuation.currency})`).join(", ")}\n`);
    io.out("Economic assumptions: seed 003 Table 10 (swap zero curves), Table 13 (closing FX per EUR), Table 14 (tax).\n");
    io.out(`Valued in ${result.ms.toFixed(0)} ms; costs are negative, so every table adds up as printed.\n\n`);
    io.out(printReport(result.report));
    mkdirSync(dirname(out), { recursive: true });
    await writeReportWorkbook(out, result);
    io.out(`\nReport workbook: ${relative(process.cwd(), out) || out}\n`);
    io.out(`The same run: npx mcev run --assumptions examples/reinsurer --out report.xlsx   (or --workbook examples/reinsurer/reinsurer.xlsx)\n`);
    io.out(`Done in ${(performance.now() - started).toFixed(0)} ms.\n`);
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}
