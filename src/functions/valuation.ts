import { invalid } from "../core/errors";
import { fitCurve, type YieldCurve } from "../core/curves";
import { resolveTiming, type ProfitTiming } from "../core/valuation/presentValue";
import {
  costOfNonHedgeableRisks,
  frictionalCosts,
  mcevComponents,
  newBusinessMargin,
  presentValueOfNewBusinessPremiums,
  valueOfInForce,
} from "../core/valuation/components";
import { impliedDiscountRate, internalRateOfReturn } from "../core/valuation/irr";
import { nonHedgeableRiskCapital } from "../core/valuation/nhr";
import { costOfLockingIn, riskDiscountRate, traditionalEmbeddedValue } from "../core/valuation/traditional";
import { numericRange, numericVector, optionalBoolean, optionalNumber, optionalText, requiredNumber, type Argument } from "./args";
import type { CellMatrix } from "./cells";
import type { FunctionSpec } from "./registry";

/** The reference curve of a valuation function: terms, rates and an optional method (no Smith–Wilson parameters). */
function curveOf(terms: Argument, rates: Argument, method: Argument): YieldCurve {
  return fitCurve({ terms: numericVector(terms, "terms"), rates: numericVector(rates, "rates"), method: optionalText(method, "method") });
}

/** Amounts by projection year: one row or one column of numbers. */
function yearVector(x: Argument, name: string): Float64Array {
  const range = numericRange(x, name);
  if (range.rows > 1 && range.cols > 1) invalid(name, `is a ${range.rows} × ${range.cols} range; expected one row or one column`);
  return range.values;
}

/** An optional range of times; blank or omitted → undefined (the default times). */
function optionalTimes(x: Argument): Float64Array | undefined {
  if (x === undefined || x === null || x === "") return undefined;
  return yearVector(x, "times");
}

/** The timing of new business premiums: BEGIN unless given. */
function premiumTiming(x: Argument): ProfitTiming {
  const text = optionalText(x, "timing");
  return text === undefined || text.trim() === "" ? "BEGIN" : resolveTiming(text);
}

function labelled(rows: readonly { label: string; value: number }[], headers: boolean): CellMatrix {
  const out: CellMatrix = rows.map((r) => [r.label, r.value]);
  return headers ? [["Component", "Value"], ...out] : out;
}

const EUR = "{5;10;15;20;25;30},{0.0173;0.0243;0.0274;0.0275;0.0265;0.0255}";
const curveParams = [{ name: "terms" }, { name: "rates" }] as const;

export const valuationFunctions: readonly FunctionSpec[] = [
  {
    name: "FCRC",
    parameters: [{ name: "rc" }, ...curveParams, { name: "tax" }, { name: "invexp", optional: true }, { name: "method", optional: true }],
    examples: [`=MCEV.FCRC({100;90;80},${EUR},0.33)`, `=MCEV.FCRC({937.9;850;700;500;250},${EUR},0.33,0.001,"LINEAR")`],
    invoke: ([rc, terms, rates, tax, invexp, method]) =>
      frictionalCosts(curveOf(terms, rates, method), yearVector(rc, "rc"), requiredNumber(tax, "tax"), optionalNumber(invexp, "invexp") ?? 0),
  },
  {
    name: "CORNHR",
    parameters: [{ name: "nhrbc" }, ...curveParams, { name: "coc" }, { name: "tax", optional: true }, { name: "method", optional: true }],
    examples: [`=MCEV.CORNHR({100;90;80},${EUR},0.04)`, `=MCEV.CORNHR({100;90;80},${EUR},0.04,0.33)`],
    invoke: ([nhrbc, terms, rates, coc, tax, method]) =>
      costOfNonHedgeableRisks(curveOf(terms, rates, method), yearVector(nhrbc, "nhrbc"), requiredNumber(coc, "coc"), optionalNumber(tax, "tax") ?? 0),
  },
  {
    name: "NHRBC",
    parameters: [{ name: "impacts" }, { name: "correlation" }],
    examples: [`=MCEV.NHRBC({-120;-80;-50},{1,0.25,0;0.25,1,0.5;0,0.5,1})`, `=MCEV.NHRBC({-120,30},{1,0.5;0.5,1})`],
    invoke: ([impacts, correlation]) => {
      const s = yearVector(impacts, "impacts");
      const c = numericRange(correlation, "correlation");
      if (c.rows !== s.length || c.cols !== s.length) {
        invalid("correlation", `is a ${c.rows} × ${c.cols} range but impacts has ${s.length} values; expected a ${s.length} × ${s.length} matrix, one row and one column per risk`);
      }
      return nonHedgeableRiskCapital(s, c.values);
    },
  },
  {
    name: "VIF",
    parameters: [{ name: "pvfp" }, { name: "tvfog" }, { name: "fcrc" }, { name: "cornhr" }],
    examples: ["=MCEV.VIF(1631.7,-9.8,-44.9,-441.9)"],
    invoke: ([pvfp, tvfog, fcrc, cornhr]) =>
      valueOfInForce(requiredNumber(pvfp, "pvfp"), requiredNumber(tvfog, "tvfog"), requiredNumber(fcrc, "fcrc"), requiredNumber(cornhr, "cornhr")),
  },
  {
    name: "COMPONENTS",
    parameters: [{ name: "snw" }, { name: "rc" }, { name: "pvfp" }, { name: "tvfog" }, { name: "fcrc" }, { name: "cornhr" }, { name: "headers", optional: true }],
    examples: ["=MCEV.COMPONENTS(1075.8,525.4,1631.7,-9.8,-44.9,-441.9)", "=MCEV.COMPONENTS(1075.8,525.4,1631.7,-9.8,-44.9,-441.9,TRUE)"],
    invoke: ([snw, rc, pvfp, tvfog, fcrc, cornhr, headers]) =>
      labelled(
        mcevComponents({
          snw: requiredNumber(snw, "snw"),
          rc: requiredNumber(rc, "rc"),
          pvfp: requiredNumber(pvfp, "pvfp"),
          tvfog: requiredNumber(tvfog, "tvfog"),
          fcrc: requiredNumber(fcrc, "fcrc"),
          cornhr: requiredNumber(cornhr, "cornhr"),
        }),
        optionalBoolean(headers, "headers"),
      ),
  },
  {
    name: "PVNBP",
    parameters: [{ name: "premiums" }, ...curveParams, { name: "timing", optional: true }, { name: "method", optional: true }],
    examples: [`=MCEV.PVNBP({100;90;80},${EUR})`, `=MCEV.PVNBP({100;90;80},${EUR},"MID")`],
    invoke: ([premiums, terms, rates, timing, method]) => {
      const p = yearVector(premiums, "premiums");
      const when = premiumTiming(timing);
      return presentValueOfNewBusinessPremiums(curveOf(terms, rates, method), p, when);
    },
  },
  {
    name: "NBMARGIN",
    parameters: [{ name: "vnb" }, { name: "pvnbp" }],
    examples: ["=MCEV.NBMARGIN(123.7,4298.4)"],
    invoke: ([vnb, pvnbp]) => newBusinessMargin(requiredNumber(vnb, "vnb"), requiredNumber(pvnbp, "pvnbp")),
  },
  {
    name: "IRR",
    parameters: [{ name: "cashflows" }, { name: "times", optional: true }],
    examples: ["=MCEV.IRR({-100;30;40;50})", "=MCEV.IRR({-100;30;40;50},{0;1;2.5;4})"],
    invoke: ([cashflows, times]) => internalRateOfReturn(yearVector(cashflows, "cashflows"), optionalTimes(times)),
  },
  {
    name: "IDR",
    parameters: [{ name: "cashflows" }, { name: "times", optional: true }, { name: "value", optional: true }],
    examples: ["=MCEV.IDR({30;40;50},,100)", "=MCEV.IDR({-100;30;40;50})"],
    invoke: ([cashflows, times, value]) => impliedDiscountRate(yearVector(cashflows, "cashflows"), optionalTimes(times), optionalNumber(value, "value")),
  },
  {
    name: "RDR",
    parameters: [{ name: "govt10y" }, { name: "margin" }],
    examples: ["=MCEV.RDR(0.037,0.035)", "=MCEV.RDR(0.0424,0.035)"],
    invoke: ([govt10y, margin]) => riskDiscountRate(requiredNumber(govt10y, "govt10y"), requiredNumber(margin, "margin")),
  },
  {
    name: "COLI",
    parameters: [{ name: "capital" }, { name: "rdr" }, { name: "return_rate" }, { name: "tax" }],
    examples: ["=MCEV.COLI({100;90;80},0.072,0.0371,0.3443)", "=MCEV.COLI({100;100;100;100;100},0.072,0.039,0)"],
    invoke: ([capital, rdr, returnRate, tax]) =>
      costOfLockingIn(yearVector(capital, "capital"), requiredNumber(rdr, "rdr"), requiredNumber(returnRate, "return_rate"), requiredNumber(tax, "tax")),
  },
  {
    name: "TEV",
    parameters: [{ name: "anav" }, { name: "pvfp_rdr" }, { name: "coli" }, { name: "table", optional: true }],
    examples: ["=MCEV.TEV(282.6,639.5,-64.5)", "=MCEV.TEV(282.6,639.5,-64.5,TRUE)"],
    invoke: ([anav, pvif, coli, table]) => {
      const ev = traditionalEmbeddedValue(requiredNumber(anav, "anav"), requiredNumber(pvif, "pvfp_rdr"), requiredNumber(coli, "coli"));
      if (!optionalBoolean(table, "table")) return ev.ev;
      return [
        ["Adjusted net asset value (ANAV)", ev.anav],
        ["Value of in-force before cost of locking-in (PVIF)", ev.pvif],
        ["Cost of locking-in the solvency margin (COLI)", ev.coli],
        ["Value of in-force after cost of locking-in", ev.vif],
        ["Embedded value (EV)", ev.ev],
      ];
    },
  },
];
