import { invalid, McevError } from "../core/errors";
import { calibrateHullWhite, HullWhite, resolveBondOptionType, resolveVolType, type CalibrationQuote, type HullWhiteCalibration } from "../core/esg";
import { isMatrix, numericCells, numericRange, numericVector, optionalBoolean, optionalInteger, optionalText, requiredNumber, reshape, type Argument, type NumericRange } from "./args";
import type { CellMatrix, CellValue, FunctionResult } from "./cells";
import { curveFrom, curveParams } from "./curves";
import type { FunctionSpec } from "./registry";

/**
 * Hull–White one-factor closed forms and calibration (issue 5): MCEV.HW.ZCBOPTION, MCEV.HW.SWAPTION,
 * MCEV.HW.CALIBRATE. Curve arguments as the curve functions (terms, rates and, last, method, ufr,
 * alpha, llp; the fitted curve comes from the shared curve cache). The core is src/core/esg.
 */


/**
 * Several arguments that may each be one value or a range: the i-th result uses the i-th value of
 * each range (or the single value). The result has the shape of the first argument given as a range
 * of more than one value; a core error about one of them is given that value's position.
 */
function broadcast(args: readonly { x: Argument; name: string }[], f: (values: number[]) => number): FunctionResult {
  const ranges: NumericRange[] = args.map((a) => numericRange(a.x, a.name));
  const n = Math.max(...ranges.map((r) => r.values.length));
  ranges.forEach((r, k) => {
    if (r.values.length !== n && r.values.length !== 1) {
      const other = args[ranges.findIndex((q) => q.values.length === n)]?.name ?? "";
      invalid(args[k]?.name ?? "", `has ${r.values.length} values but ${other} has ${n}; give ${n} values or a single one`);
    }
  });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const values = ranges.map((r) => r.values[r.values.length === 1 ? 0 : i] as number);
    try {
      out[i] = f(values);
    } catch (e) {
      // the core names the argument but cannot know the position of the value in its range
      const k = e instanceof McevError && e.index === undefined ? args.findIndex((a) => a.name === e.argument) : -1;
      if (k >= 0 && (ranges[k] as NumericRange).values.length > 1) throw new McevError((e as McevError).code, (e as McevError).detail, { argument: (e as McevError).argument, index: i });
      throw e;
    }
  }
  const k = ranges.findIndex((r) => r.values.length === n);
  const shapeArg = args[k] as { x: Argument };
  const shape = ranges[k] as NumericRange;
  if (!isMatrix(shapeArg.x) || n === 1) return out[0] as number;
  return reshape(out, shape.rows, shape.cols);
}

function modelOf(a: Argument, sigma: Argument, terms: Argument, rates: Argument, method: Argument, ufr: Argument, alpha: Argument, llp: Argument): HullWhite {
  const aValue = requiredNumber(a, "a");
  const sigmaValue = requiredNumber(sigma, "sigma");
  return new HullWhite(curveFrom(terms, rates, method, ufr, alpha, llp), aValue, sigmaValue);
}

/**
 * The quotes of HW.CALIBRATE. Two layouts:
 *  - grid: vols is an m × n block with m = number of expiries (a column) and n = number of tenors
 *    (a row); a blank cell is a missing quote and is skipped;
 *  - list: one quote per row: vols, expiries and tenors of the same length (expiries or tenors may
 *    be a single value for all).
 * Each quote remembers its positions in the three ranges, to name them in errors.
 */
interface QuoteCells {
  quotes: CalibrationQuote[];
  volIndex: number[];
  expiryIndex: number[];
  tenorIndex: number[];
}

function calibrationQuotes(expiriesArg: Argument, tenorsArg: Argument, volsArg: Argument): QuoteCells {
  const expiries = numericVector(expiriesArg, "expiries");
  const tenors = numericVector(tenorsArg, "tenors");
  const vols = numericCells(volsArg, "vols");
  const out: QuoteCells = { quotes: [], volIndex: [], expiryIndex: [], tenorIndex: [] };
  if (vols.rows === expiries.length && vols.cols === tenors.length) {
    for (let r = 0; r < vols.rows; r++) {
      for (let c = 0; c < vols.cols; c++) {
        const v = (vols.cells[r] as (number | undefined)[])[c];
        if (v === undefined) continue;
        out.quotes.push({ expiry: expiries[r] as number, tenor: tenors[c] as number, vol: v });
        out.volIndex.push(r * vols.cols + c);
        out.expiryIndex.push(r);
        out.tenorIndex.push(c);
      }
    }
    return out;
  }
  const n = vols.rows * vols.cols;
  if (vols.rows > 1 && vols.cols > 1) {
    invalid("vols", `is a ${vols.rows} × ${vols.cols} block but there are ${expiries.length} expiries and ${tenors.length} tenors; a block needs one row per expiry and one column per tenor`);
  }
  for (const [x, name] of [[expiries, "expiries"], [tenors, "tenors"]] as const) {
    if (x.length !== n && x.length !== 1) invalid(name, `has ${x.length} values but vols has ${n}; give one per volatility, a single one for all, or vols as a block of expiries × tenors`);
  }
  for (let j = 0; j < n; j++) {
    const v = vols.cells[vols.cols === 1 ? j : 0]?.[vols.cols === 1 ? 0 : j];
    if (v === undefined) {
      throw new McevError("VALUE", "is blank; expected a volatility (blank cells are skipped only in a block of expiries × tenors)", { argument: "vols", index: j });
    }
    const e = expiries.length === 1 ? 0 : j;
    const t = tenors.length === 1 ? 0 : j;
    out.quotes.push({ expiry: expiries[e] as number, tenor: tenors[t] as number, vol: v });
    out.volIndex.push(j);
    out.expiryIndex.push(e);
    out.tenorIndex.push(t);
  }
  return out;
}

const FIT_HEADER = ["expiry", "tenor", "forward", "market vol", "model vol", "market price", "model price", "price error"] as const;

function fitTable(fit: HullWhiteCalibration): CellMatrix {
  const pad = (row: CellValue[]): CellValue[] => [...row, ...Array<CellValue>(FIT_HEADER.length - row.length).fill("")];
  return [
    pad(["a", fit.a]),
    pad(["sigma", fit.sigma]),
    [...FIT_HEADER],
    ...fit.rows.map((r) => [r.expiry, r.tenor, r.forward, r.marketVol, r.modelVol, r.marketPrice, r.modelPrice, r.priceError]),
  ];
}

const USD = "{5;10;15;20;25;30},{0.0124;0.0209;0.0251;0.0264;0.027;0.0274}";
const TABLE12 = "{1;2;3;4;5;7;10},10,{0.451;0.411;0.377;0.357;0.346;0.329;0.311}";

export const esgFunctions: readonly FunctionSpec[] = [
  {
    name: "HW.ZCBOPTION",
    parameters: [{ name: "a" }, { name: "sigma" }, { name: "terms" }, { name: "rates" }, { name: "T" }, { name: "S" }, { name: "K" }, { name: "type", optional: true }, ...curveParams],
    examples: [`=MCEV.HW.ZCBOPTION(0.08,0.01,1,0.105170918075648,1,5,0.68,,"LOGLINEAR")`, `=MCEV.HW.ZCBOPTION(0.05,0.01,${USD},1,{2;5;10},{0.99;0.95;0.82},"PUT")`],
    invoke: ([a, sigma, terms, rates, T, S, K, type, method, ufr, alpha, llp]) => {
      const model = modelOf(a, sigma, terms, rates, method, ufr, alpha, llp);
      const kind = resolveBondOptionType(optionalText(type, "type"));
      return broadcast(
        [
          { x: T, name: "T" },
          { x: S, name: "S" },
          { x: K, name: "K" },
        ],
        ([t, s, k]) => model.zcbOption(t as number, s as number, k as number, kind),
      );
    },
  },
  {
    name: "HW.SWAPTION",
    parameters: [{ name: "a" }, { name: "sigma" }, { name: "terms" }, { name: "rates" }, { name: "expiry" }, { name: "tenor" }, { name: "strike" }, { name: "payer", optional: true }, { name: "freq", optional: true }, ...curveParams],
    examples: [`=MCEV.HW.SWAPTION(0.05,0.01,${USD},5,10,0.03)`, `=MCEV.HW.SWAPTION(0.05,0.01,${USD},{1;5;10},10,0.03,FALSE,2)`],
    invoke: ([a, sigma, terms, rates, expiry, tenor, strike, payer, freq, method, ufr, alpha, llp]) => {
      const model = modelOf(a, sigma, terms, rates, method, ufr, alpha, llp);
      const isPayer = optionalBoolean(payer, "payer", true);
      const f = optionalInteger(freq, "freq") ?? 1;
      return broadcast(
        [
          { x: expiry, name: "expiry" },
          { x: tenor, name: "tenor" },
          { x: strike, name: "strike" },
        ],
        ([e, t, k]) => model.swaption(e as number, t as number, k as number, isPayer, f),
      );
    },
  },
  {
    name: "HW.CALIBRATE",
    parameters: [{ name: "terms" }, { name: "rates" }, { name: "expiries" }, { name: "tenors" }, { name: "vols" }, { name: "voltype", optional: true }, { name: "freq", optional: true }, ...curveParams],
    examples: [`=MCEV.HW.CALIBRATE(${USD},${TABLE12})`, `=MCEV.HW.CALIBRATE(${USD},{1;5;10},{5,10},{0.0095,0.0092;0.0098,0.0093;0.0091,0.0087},"NORMAL")`],
    invoke: ([terms, rates, expiries, tenors, vols, voltype, freq, method, ufr, alpha, llp]) => {
      const curve = curveFrom(terms, rates, method, ufr, alpha, llp);
      const volType = resolveVolType(optionalText(voltype, "voltype"));
      const f = optionalInteger(freq, "freq") ?? 1;
      const cells = calibrationQuotes(expiries, tenors, vols);
      let fit: HullWhiteCalibration;
      try {
        fit = calibrateHullWhite(curve, cells.quotes, { volType, freq: f });
      } catch (e) {
        // quote j → its position in the argument's own range
        if (e instanceof McevError && e.index !== undefined) {
          const map = e.argument === "vols" ? cells.volIndex : e.argument === "expiries" ? cells.expiryIndex : e.argument === "tenors" ? cells.tenorIndex : undefined;
          if (map) throw new McevError(e.code, e.detail, { argument: e.argument, index: map[e.index] });
        }
        throw e;
      }
      return fitTable(fit);
    },
  },
];
