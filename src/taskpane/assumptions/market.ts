import * as v from "valibot";
import { numberIn, text } from "../../core/assumptions/fields";
import { KeyRegistry, readRows, usable } from "../../core/assumptions/rows";
import type { HeaderTable } from "../../core/projection/table";

/**
 * Readers of the market tables the engine does not read yet (templates.ts): the same row-schema
 * machinery as the engine's tables (src/core/assumptions/rows.ts), so their problems read the same way:
 *   fx_rates: row 2, column per_eur: -1 is not an exchange rate > 0 (foreign currency per EUR)
 */
const VOLATILITY = "a volatility between 0 and 5 (a decimal: 0.263 for 26.3%)";
const volatility = () => numberIn(VOLATILITY, 0, 5, { lo: true });
const YEARS = "a number of years > 0";
const years = () => numberIn(YEARS, 0, 100, { lo: true });
const FX = "an exchange rate > 0 (foreign currency per EUR)";

const FxRowSchema = v.object({ currency: text(), per_eur: numberIn(FX, 0, Infinity, { lo: true }) });
const EquityVolRowSchema = v.object({ index: text(), volatility: volatility() });
const SwaptionVolRowSchema = v.object({ currency: text(), option_term: years(), swap_tenor: years(), volatility: volatility() });

export function readFxRates(input: HeaderTable): Map<string, number> {
  const table = usable(input);
  const { rows, columns } = readRows(table, FxRowSchema, { aliases: { per_eur: ["rate", "eur"] } });
  const keys = new KeyRegistry<string>(table);
  const out = new Map<string, number>();
  rows.forEach((row, r) => {
    const ccy = row.currency.toUpperCase();
    keys.add(ccy, r, columns.label("currency"), () => ccy);
    out.set(ccy, row.per_eur);
  });
  return out;
}

export function readEquityVolatility(input: HeaderTable): Map<string, number> {
  const table = usable(input);
  const { rows, columns } = readRows(table, EquityVolRowSchema);
  const keys = new KeyRegistry<string>(table);
  return new Map(
    rows.map((row, r) => {
      keys.add(row.index.toUpperCase(), r, columns.label("index"), () => row.index);
      return [row.index, row.volatility];
    }),
  );
}

export function readSwaptionVolatility(input: HeaderTable): { currency: string; optionTerm: number; swapTenor: number; volatility: number }[] {
  const table = usable(input);
  const { rows, columns } = readRows(table, SwaptionVolRowSchema);
  const keys = new KeyRegistry<string>(table);
  return rows.map((row, r) => {
    const currency = row.currency.toUpperCase();
    keys.add(`${currency}|${row.option_term}|${row.swap_tenor}`, r, columns.label("option_term"), () => `${currency}, option term ${row.option_term}, tenor ${row.swap_tenor}`);
    return { currency, optionTerm: row.option_term, swapTenor: row.swap_tenor, volatility: row.volatility };
  });
}

/** Reader by market table name. */
export const MARKET_READERS: Readonly<Record<string, (t: HeaderTable) => unknown>> = {
  fx_rates: readFxRates,
  equity_volatility: readEquityVolatility,
  swaption_volatility: readSwaptionVolatility,
};
