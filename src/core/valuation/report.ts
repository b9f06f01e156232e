import Decimal from "decimal.js";
import { invalid } from "../errors";
import type { GroupValuation } from "./group";
import { newBusinessIrr } from "./newBusinessIrr";

/**
 * The reported tables of a group run, in the layout of seed 003 (Table 1 MCEV, Table 5 new business,
 * Table 8 reconciliation to IFRS equity, Table 9 Group MCEV) and of seed 001 (traditional EV).
 *
 * Rounding (decimal.js, half-even): each BASE amount of each entity (SNW, RC, PVFP, TVFOG, FCRC, CoRNHR,
 * VNB, PVNBP, IFRS equity, ANAV, PVIF, COLI) is converted at the closing rate, amount / fx, and rounded
 * once to the reporting unit and decimals. Every other figure is formed exactly from the rounded ones:
 * FS = SNW − RC, VIF = PVFP + TVFOG + FCRC + CoRNHR, MCEV = FS + RC + VIF, the total column = Σ entities,
 * value not recognised = MCEV − IFRS equity. So every reported table adds up exactly as printed (the
 * seed's own tables may not: its 2011 VIF is 0.1 below the sum of its rounded components); a total may
 * differ from the rounded exact total by at most half a unit of the last decimal per entity.
 */
export type ReportValue = number | null;
export type RowFormat = "amount" | "percent";

export interface ReportRow {
  key: string;
  label: string;
  /** One value per column; null where the figure does not exist (e.g. an IRR without a root). */
  values: ReportValue[];
  format: RowFormat;
  /** A component shown indented under its subtotal (Table 1's PVFP … CoRNHR under VIF). */
  indent?: boolean;
  /** A total row (shown bold). */
  total?: boolean;
}

export interface ReportTable {
  key: string;
  title: string;
  /** E.g. "(After tax, in EUR thousands)". */
  note: string;
  columns: string[];
  rows: ReportRow[];
  /** Notes under the table, e.g. why a figure is n/a. */
  footnotes?: string[];
}

export interface GroupReport {
  reportingCurrency: string;
  unit: number;
  decimals: number;
  tables: ReportTable[];
  /** Table 1 of each entity in its own currency, to the cent (before conversion). */
  local: ReportTable;
}

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
type Dec = InstanceType<typeof D>;

const UNIT_NAMES: Record<number, string> = { 1: "", 1000: " thousands", 1_000_000: " millions" };
const PERCENT_DECIMALS = 6; // a margin or rate as a fraction: 0.029123 = 2.9123%

function sum(xs: readonly Dec[]): Dec {
  return xs.reduce((a, b) => a.plus(b), new D(0));
}
const num = (x: Dec): number => {
  const v = x.toNumber();
  return v === 0 ? 0 : v; // no −0 in a cell
};
const fraction = (x: number | undefined): ReportValue => (x === undefined || !Number.isFinite(x) ? null : num(new D(x).toDecimalPlaces(PERCENT_DECIMALS)));

export function buildReport(g: GroupValuation): GroupReport {
  const { unit, decimals } = g.reporting;
  const ccy = g.reportingCurrency;
  const note = `(After tax, in ${ccy}${UNIT_NAMES[unit] ?? ""})`;
  const entities = g.entities;
  // one entity: no total column
  const withTotal = entities.length > 1;
  const columns = [...entities.map((e) => e.input.name), ...(withTotal ? ["Total"] : [])];
  /** An entity amount in its currency → reporting currency and unit, rounded once. */
  const conv = (x: number, fx: number): Dec => new D(x).div(fx).div(unit).toDecimalPlaces(decimals);
  /** One base row: per-entity converted amounts and their total. */
  const base = (f: (e: (typeof entities)[number]) => number): Dec[] => {
    const xs = entities.map((e) => conv(f(e), e.fxRate));
    return withTotal ? [...xs, sum(xs)] : xs;
  };
  const combine = (f: (...xs: Dec[]) => Dec, ...rows: Dec[][]): Dec[] => columns.map((_, j) => f(...rows.map((r) => r[j] as Dec)));
  const row = (key: string, label: string, xs: readonly (Dec | null)[], extra: Partial<ReportRow> = {}): ReportRow => ({ key, label, values: xs.map((x) => (x === null ? null : num(x))), format: "amount", ...extra });

  // Table 1
  const snw = base((e) => e.valuation.snw);
  const rc = base((e) => e.valuation.rc);
  const pvfp = base((e) => e.valuation.pvfp);
  const tvfog = base((e) => e.valuation.tvfog);
  const fcrc = base((e) => e.valuation.fcrc);
  const cornhr = base((e) => e.valuation.cornhr);
  const fs = combine((a, b) => a.minus(b), snw, rc);
  const vif = combine((a, b, c, d) => a.plus(b).plus(c).plus(d), pvfp, tvfog, fcrc, cornhr);
  const mcev = combine((a, b, c) => a.plus(b).plus(c), fs, rc, vif);
  const table1: ReportTable = {
    key: "table1",
    title: "Table 1: MCEV",
    note,
    columns,
    rows: [
      row("snw", "Shareholder Net Worth (SNW)", snw),
      row("rc", "Required Capital (RC)", rc),
      row("fs", "Free Surplus (FS)", fs),
      row("vif", "Value of In-force Business (VIF)", vif),
      row("pvfp", "Present Value of Future Profits (PVFP)", pvfp, { indent: true }),
      row("tvfog", "Time value of Financial Options and Guarantees (TVFOG)", tvfog, { indent: true }),
      row("fcrc", "Frictional Costs of Required Capital (FCRC)", fcrc, { indent: true }),
      row("cornhr", "Cost of Residual Non-Hedgeable Risks (CoRNHR)", cornhr, { indent: true }),
      row("mcev", "Embedded Value (MCEV)", mcev, { total: true }),
    ],
    // Monte Carlo figures carry their standard error
    footnotes: entities.flatMap((e) => {
      const va = e.valuation.variableAnnuity;
      if (!va) return [];
      const se = new D(va.standardError).div(e.fxRate).div(unit).toSignificantDigits(2).toNumber();
      return [`${e.input.name}: TVFOG from ${va.scenarios.toLocaleString("en-US")} risk-neutral scenarios, Monte Carlo standard error ${se} (after tax, same unit).`];
    }),
  };

  // Table 5: new business
  const nbOf = (e: (typeof entities)[number]) => e.valuation.newBusiness;
  const vnb = base((e) => nbOf(e)?.vnb ?? 0);
  const pvnbp = base((e) => nbOf(e)?.pvnbp ?? 0);
  const margin = columns.map((_, j) => ((pvnbp[j] as Dec).isZero() ? null : (vnb[j] as Dec).div(pvnbp[j] as Dec).toDecimalPlaces(PERCENT_DECIMALS)));
  const irr = [...entities.map((e) => fraction(nbOf(e)?.irr)), ...(withTotal ? [fraction(groupNewBusinessIrr(g))] : [])];
  const table5: ReportTable = {
    key: "table5",
    title: "Table 5: VNB and new business margin",
    note,
    columns,
    rows: [
      row("vnb", "VNB", vnb),
      row("pvnbp", "PVNBP", pvnbp),
      { ...row("margin", "New business margin (VNB / PVNBP)", margin), format: "percent" },
      { key: "nb_irr", label: "New business IRR", values: irr, format: "percent" },
    ],
    footnotes: entities.flatMap((e) => {
      const nb = nbOf(e);
      if (!nb) return [`${e.input.name}: no new business (no model point written during the reporting year, duration_mth 0 to 11).`];
      return nb.irrReason ? [`${e.input.name}: no new business IRR: ${nb.irrReason}.`] : [];
    }),
  };

  const tables = [table1, table5];

  // Table 8: reconciliation to IFRS equity (needs every entity's adjusted IFRS equity)
  const withIfrs = entities.filter((e) => e.input.ifrsEquity !== undefined);
  if (withIfrs.length > 0) {
    const missing = entities.find((e) => e.input.ifrsEquity === undefined);
    if (missing) invalid("ifrs_equity", `is missing for entity ${missing.input.name}; give every entity's adjusted IFRS equity, or none`);
    const ifrs = base((e) => e.input.ifrsEquity as number);
    const notRecognised = combine((a, b) => a.minus(b), mcev, ifrs);
    tables.push({
      key: "table8",
      title: "Table 8: Reconciliation of the MCEV to IFRS equity",
      note,
      columns,
      rows: [row("ifrs_equity", "Adjusted IFRS equity", ifrs), row("mcev", "Embedded Value", mcev), row("not_recognised", "Value not recognised in IFRS equity", notRecognised, { total: true })],
    });
    // Table 9: Group MCEV = covered business MCEV + non-covered business IFRS equity
    if (g.groupIfrsEquity !== undefined) {
      const total = columns.length - 1;
      const group = new D(g.groupIfrsEquity).div(unit).toDecimalPlaces(decimals);
      const nonCovered = group.minus(ifrs[total] as Dec);
      const covered = mcev[total] as Dec;
      tables.push({
        key: "table9",
        title: "Table 9: Group MCEV (excluding minorities)",
        note,
        columns: [ccy],
        rows: [row("covered_mcev", "Covered business MCEV", [covered]), row("non_covered_ifrs", "Non-covered business IFRS equity", [nonCovered]), row("group_mcev", "Total Group MCEV", [covered.plus(nonCovered)], { total: true })],
      });
    }
  }

  // Traditional EV (seed 001) for comparison
  const trad = (e: (typeof entities)[number]) => {
    const t = e.valuation.traditional;
    if (!t) invalid("traditional", `was not computed for entity ${e.input.name}`);
    return t;
  };
  const anav = base((e) => trad(e).anav);
  const pvif = base((e) => trad(e).pvif);
  const coli = base((e) => trad(e).coli);
  const vifAfter = combine((a, b) => a.plus(b), pvif, coli);
  const tev = combine((a, b) => a.plus(b), anav, vifAfter);
  tables.push({
    key: "traditional",
    title: "Traditional embedded value at a risk discount rate (for comparison)",
    note,
    columns,
    rows: [
      { key: "rdr", label: "Risk discount rate (10-year yield + margin)", values: [...entities.map((e) => fraction(trad(e).rdr)), ...(withTotal ? [null] : [])], format: "percent" },
      row("anav", "Adjusted net asset value (ANAV)", anav),
      row("pvif", "Value of business in force at the RDR", pvif, { indent: true }),
      row("coli", "Cost of locking-in the required capital", coli, { indent: true }),
      row("vif_after_coli", "Value of in-force after cost of locking-in", vifAfter),
      row("tev", "Traditional embedded value", tev, { total: true }),
    ],
    footnotes: entities
      .filter((e) => e.valuation.variableAnnuity !== undefined)
      .map((e) => `${e.input.name}: the variable-annuity block is valued in the MCEV only (PVFP and TVFOG); the traditional EV leaves it out.`),
  });

  return { reportingCurrency: ccy, unit, decimals, tables, local: localTable(g) };
}

/** The IRR of the group's new business: the entities' shareholder flows converted at closing FX and added by time. */
export function groupNewBusinessIrr(g: GroupValuation): number | undefined {
  const byTime = new Map<number, number>();
  for (const e of g.entities) {
    const nb = e.valuation.newBusiness;
    if (!nb) continue;
    nb.earnings.times.forEach((t, i) => byTime.set(t, (byTime.get(t) ?? 0) + (nb.earnings.flows[i] as number) / e.fxRate));
  }
  if (byTime.size === 0) return undefined;
  const times = Float64Array.from([...byTime.keys()].sort((a, b) => a - b));
  const flows = times.map((t) => byTime.get(t) as number);
  if (times.length < 2) return undefined;
  const r = newBusinessIrr({ times, flows });
  return r.irr;
}

/** Table 1 and the new business of each entity in its own currency, to the cent. */
function localTable(g: GroupValuation): ReportTable {
  const columns = g.entities.map((e) => `${e.input.name} (${e.valuation.currency ?? ""})`);
  const cents = (f: (v: GroupValuation["entities"][number]["valuation"]) => number | undefined): ReportValue[] =>
    g.entities.map((e) => {
      const x = f(e.valuation);
      return x === undefined ? null : num(new D(x).toDecimalPlaces(2));
    });
  const amount = (key: string, label: string, f: Parameters<typeof cents>[0]): ReportRow => ({ key, label, values: cents(f), format: "amount" });
  return {
    key: "local",
    title: "Entities in their own currency",
    note: "(After tax, in each entity's currency, to the cent)",
    columns,
    rows: [
      { key: "fx", label: "Closing FX rate (units per 1 " + g.reportingCurrency + ")", values: g.entities.map((e) => e.fxRate), format: "amount" },
      { key: "tax", label: "Tax rate", values: g.entities.map((e) => e.valuation.taxRate), format: "percent" },
      amount("snw", "SNW", (v) => v.snw),
      amount("rc", "RC", (v) => v.rc),
      amount("fs", "FS", (v) => v.fs),
      amount("vif", "VIF", (v) => v.vif),
      amount("pvfp", "PVFP", (v) => v.pvfp),
      amount("tvfog", "TVFOG", (v) => v.tvfog),
      amount("fcrc", "FCRC", (v) => v.fcrc),
      amount("cornhr", "CoRNHR", (v) => v.cornhr),
      amount("mcev", "MCEV", (v) => v.mcev),
      amount("vnb", "VNB", (v) => v.newBusiness?.vnb),
      amount("pvnbp", "PVNBP", (v) => v.newBusiness?.pvnbp),
      { key: "nb_irr", label: "New business IRR", values: g.entities.map((e) => fraction(e.valuation.newBusiness?.irr)), format: "percent" },
    ],
  };
}
