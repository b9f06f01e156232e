import { writeFileSync } from "node:fs";
import { readAssumptionSet } from "../../core/assumptions";
import { projectPortfolio, type PortfolioOptions } from "../../core/projection/portfolio";
import { presentValueOfLine } from "../../core/projection/profit";
import { LINE, PERIOD_LINES, PV_LINES } from "../../core/projection/result";
import { reportError } from "../evaluate";
import { formatResult } from "../formula";
import { UsageError, type Io } from "../io";
import { formatTable } from "../table";
import { readTableFile, readTableFolder } from "../tables";

export const PROJECT_USAGE = `mcev project --model-points MP.csv --assumptions DIR [--out cashflows.csv] [--json]
             [--currency EUR] [--tax-jurisdiction France] [--valuation-year 2011] [--curve-method M] [--ufr X]
             [--annual]

Projects model points with the assumption tables of DIR (CSV files named after the tables: mortality.csv,
lapse.csv, expenses.csv, commission.csv, premium_rates.csv, mortality_improvement.csv, reinsurance.csv,
yrt_rates.csv, tax.csv, capital.csv, discount_rates.csv or zero_curve.csv; lifelib's names are accepted)
and prints the present value of every line. --out writes the monthly cash-flow table as CSV; --json
prints {"pv": {...}, "groups": [...], "steps": n}. --annual projects in annual steps (term products only;
durations must be whole years). docs/assumptions.md describes each table.`;


export function runProject(args: string[], io: Io): number {
  let mp: string | undefined;
  let dir: string | undefined;
  let out: string | undefined;
  let json = false;
  const options: PortfolioOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const v = args[i + 1];
    const need = () => {
      if (v === undefined) throw new UsageError(`${a} needs a value`, PROJECT_USAGE);
      i++;
      return v;
    };
    if (a === "--json") json = true;
    else if (a === "--model-points") mp = need();
    else if (a === "--assumptions") dir = need();
    else if (a === "--out") out = need();
    else if (a === "--currency") options.currency = need();
    else if (a === "--tax-jurisdiction") options.taxJurisdiction = need();
    else if (a === "--curve-method") options.curveMethod = need();
    else if (a === "--ufr") options.ufr = Number(need());
    else if (a === "--valuation-year") options.valuationYear = Number(need());
    else if (a === "--annual") options.stepsPerYear = 1;
    else throw new UsageError(`unexpected argument ${a}`, PROJECT_USAGE);
  }
  if (!mp || !dir) throw new UsageError("--model-points and --assumptions are required", PROJECT_USAGE);
  try {
    // the model points come from --model-points, not from the folder
    const tables = readTableFolder(dir, ["model_points", "model_point_table"]);
    tables.model_points = readTableFile(mp, "model_points");
    const started = performance.now();
    const run = projectPortfolio(readAssumptionSet(tables), { ...options, perPeriod: true });
    const ms = performance.now() - started;
    const pv: Record<string, number> = {};
    PV_LINES.forEach((line, k) => (pv[line] = run.pv[k] as number));
    for (const line of ["investment_income", "reserve_increase", "profit_before_tax", "tax", "profit_after_tax"] as const) pv[line] = presentValueOfLine(run, run.discount, LINE[line], true);
    pv.opening_reserve = (run.perPeriod as Float64Array)[LINE.reserve * run.steps] as number;
    if (out) {
      const per = run.perPeriod as Float64Array;
      const rows = [[run.stepsPerYear === 1 ? "year" : "month", ...PERIOD_LINES], ...Array.from({ length: run.steps }, (_, t) => [t, ...PERIOD_LINES.map((_, k) => per[k * run.steps + t] as number)])];
      writeFileSync(out, formatResult(rows) + "\n");
    }
    const groups = run.groups.map((g) => ({ product: g.product, ...(g.sex ? { sex: g.sex } : {}), modelPoints: g.modelPoints, pvNetCashflow: g.pv[4] as number }));
    if (json) {
      io.out(JSON.stringify({ pv, groups, steps: run.steps, ms: Number(ms.toFixed(1)) }) + "\n");
      return 0;
    }
    const money = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    io.out(`Projection of ${mp}: ${run.premiumByPoint.length} model points, ${run.steps} ${run.stepsPerYear === 1 ? "years" : "months"}, ${ms.toFixed(0)} ms\n\n`);
    io.out(formatTable([["Present value", "amount"], ...Object.entries(pv).map(([k, x]) => [k, money(x)])]) + "\n\n");
    io.out(formatTable([["Product", "sex", "model points", "PV net cash flow"], ...groups.map((g) => [g.product, g.sex ?? "", String(g.modelPoints), money(g.pvNetCashflow)])]) + "\n");
    if (out) io.out(`\nCash flows by month written to ${out}\n`);
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}
