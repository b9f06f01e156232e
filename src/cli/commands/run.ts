import { readAssumptionSet } from "../../core/assumptions";
import { invalid } from "../../core/errors";
import type { HeaderTable } from "../../core/projection/table";
import { valueEntity, type EntityOptions } from "../../core/valuation/run";
import { reportError } from "../evaluate";
import { UsageError, type Io } from "../io";
import { formatTable } from "../table";
import { readTableFile, readTableFolder } from "../tables";

export const RUN_USAGE = `mcev run --assumptions DIR --valuation valuation.csv [--json]

Values one entity: projects the model points of DIR (model_points.csv and the assumption tables, as
for mcev project) and prints the MCEV components in the layout of seed 003 Table 1 — PVFP, TVFOG,
FCRC, CoRNHR, VIF, SNW, RC, FS, MCEV — and the value of new business (VNB, PVNBP, margin).
valuation.csv is a name,value table: shareholders_net_worth, cost_of_capital, nhr_capital,
frictional_investment_expenses, currency, tax_jurisdiction, valuation_year, curve_method, ufr.
(Several entities and currencies, FX consolidation and the report workbook come next.)`;

const NUMBERS = ["shareholders_net_worth", "cost_of_capital", "nhr_capital", "frictional_investment_expenses", "valuation_year", "ufr"] as const;
const TEXTS = ["currency", "tax_jurisdiction", "curve_method"] as const;


/** The run's parameters from a name,value table. */
export function readValuationParameters(table: HeaderTable): EntityOptions {
  const values = new Map<string, number | string>();
  table.rows.forEach((row, r) => {
    const name = String(row[0] ?? "").trim().toLowerCase();
    const v = row[1];
    if (!(NUMBERS as readonly string[]).includes(name) && !(TEXTS as readonly string[]).includes(name)) invalid(table.name, `row ${r + 1}, column name: "${row[0]}" is not one of ${[...NUMBERS, ...TEXTS].join(", ")}`);
    if ((NUMBERS as readonly string[]).includes(name) && (typeof v !== "number" || !Number.isFinite(v))) invalid(table.name, `row ${r + 1}, column value: ${name} needs a number`);
    if ((TEXTS as readonly string[]).includes(name) && typeof v !== "string") invalid(table.name, `row ${r + 1}, column value: ${name} needs text`);
    values.set(name, v as number | string);
  });
  for (const required of ["shareholders_net_worth", "cost_of_capital", "nhr_capital"]) {
    if (!values.has(required)) invalid(table.name, `has no row "${required}"`);
  }
  const num = (k: string) => values.get(k) as number | undefined;
  const text = (k: string) => values.get(k) as string | undefined;
  return {
    shareholdersNetWorth: num("shareholders_net_worth") as number,
    costOfCapital: num("cost_of_capital") as number,
    nhrCapital: num("nhr_capital") as number,
    ...(num("frictional_investment_expenses") !== undefined ? { frictionalInvestmentExpenses: num("frictional_investment_expenses") } : {}),
    ...(num("valuation_year") !== undefined ? { valuationYear: num("valuation_year") } : {}),
    ...(num("ufr") !== undefined ? { ufr: num("ufr") } : {}),
    ...(text("currency") !== undefined ? { currency: text("currency") } : {}),
    ...(text("tax_jurisdiction") !== undefined ? { taxJurisdiction: text("tax_jurisdiction") } : {}),
    ...(text("curve_method") !== undefined ? { curveMethod: text("curve_method") } : {}),
  };
}

export function runValuation(args: string[], io: Io): number {
  let dir: string | undefined;
  let valuation: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--assumptions" && args[i + 1]) dir = args[++i];
    else if (a === "--valuation" && args[i + 1]) valuation = args[++i];
    else throw new UsageError(`unexpected argument ${a}`, RUN_USAGE);
  }
  if (!dir || !valuation) throw new UsageError("--assumptions and --valuation are required", RUN_USAGE);
  try {
    const tables = readTableFolder(dir);
    const options = readValuationParameters(readTableFile(valuation, "valuation"));
    const started = performance.now();
    const v = valueEntity(readAssumptionSet(tables), options);
    const ms = performance.now() - started;
    const table1: [string, number][] = [
      ["PVFP", v.pvfp],
      ["TVFOG", v.tvfog],
      ["FCRC", v.fcrc],
      ["CoRNHR", v.cornhr],
      ["VIF", v.vif],
      ["SNW", v.snw],
      ["RC", v.rc],
      ["FS", v.fs],
      ["MCEV", v.mcev],
    ];
    const nb = v.newBusiness;
    if (json) {
      io.out(JSON.stringify({ currency: v.currency, components: Object.fromEntries(table1), newBusiness: nb ? { vnb: nb.vnb, pvnbp: nb.pvnbp, margin: nb.margin ?? null, modelPoints: nb.modelPoints } : null, ms: Number(ms.toFixed(1)) }) + "\n");
      return 0;
    }
    const money = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    io.out(`MCEV of ${dir} in ${v.currency ?? "the curve's currency"} (${ms.toFixed(0)} ms); costs are negative\n\n`);
    io.out(formatTable([["Component", "amount"], ...table1.map(([k, x]) => [k, money(x)])]) + "\n");
    if (nb) {
      io.out("\n" + formatTable([["New business", "amount"], ["VNB", money(nb.vnb)], ["PVNBP", money(nb.pvnbp)], ["margin", nb.margin === undefined ? "" : `${(100 * nb.margin).toFixed(2)}%`]]) + "\n");
    }
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}
