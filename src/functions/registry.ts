import { McevError } from "../core/errors";
import { asMatrix, isMatrix, positionText, type Argument } from "./args";
import type { CellValue, FunctionResult } from "./cells";
import { curveFunctions } from "./curves";
import { esgFunctions } from "./esg";
import { esgCheckFunctions } from "./esgCheck";
import { reservingFunctions } from "./reserving";
import { projectionFunctions } from "./projection";
import { tvfogFunctions } from "./tvfog";
import { valuationFunctions } from "./valuation";

/**
 * The one function registry behind Excel's custom functions, the `mcev` command line and the tests.
 * A spec names its parameters in the public order (the contract), gives examples (evaluated into
 * docs/functions.md), and implements the function on normalised arguments.
 */
export interface ParameterSpec {
  name: string;
  optional?: boolean;
  /** The last parameter may repeat (Excel's repeating parameters): it takes every remaining argument. */
  repeating?: boolean;
}

export interface FunctionSpec {
  /** Name without the MCEV namespace, upper case: "DF", "HW.SWAPTION". */
  name: string;
  parameters: readonly ParameterSpec[];
  /** Complete formulas, e.g. `=MCEV.DF({5;10},{0.02;0.025},7)`; each must evaluate without error. */
  examples: readonly string[];
  invoke(args: readonly Argument[]): FunctionResult;
}

export const NAMESPACE = "MCEV";

/**
 * Names the examples may use, bound to bundled sample files (paths from the package root). Excel array
 * constants cannot hold blank cells, so a triangle in an example is a named range, as in a workbook.
 */
export const EXAMPLE_RANGES: Readonly<Record<string, string>> = {
  RAA: "examples/triangles/raa.csv",
  RAA_PREMIUM: "examples/triangles/raa-premium.csv",
  MODEL_POINTS: "examples/assumptions/model_points.csv",
  TERM_POINTS: "examples/projection/term_points.csv",
  MORTALITY: "examples/assumptions/mortality.csv",
  LAPSE: "examples/assumptions/lapse.csv",
  EXPENSES: "examples/assumptions/expenses.csv",
  COMMISSION: "examples/assumptions/commission.csv",
  PREMIUM_RATES: "examples/assumptions/premium_rates.csv",
  IMPROVEMENT: "examples/assumptions/mortality_improvement.csv",
  REINSURANCE: "examples/assumptions/reinsurance.csv",
  YRT_RATES: "examples/assumptions/yrt_rates.csv",
  TAX: "examples/assumptions/tax.csv",
  CAPITAL: "examples/assumptions/capital.csv",
  ZERO_CURVE: "examples/assumptions/zero_curve.csv",
  VA_POINTS: "examples/va/model_points.csv",
  VA_SPECS: "examples/va/product_specs.csv",
};

const ALL: readonly FunctionSpec[] = [...curveFunctions, ...esgFunctions, ...esgCheckFunctions, ...projectionFunctions, ...reservingFunctions, ...tvfogFunctions, ...valuationFunctions];
const byName = new Map(ALL.map((f) => [f.name, f]));

/** Every registered function, in catalogue order. */
export function listFunctions(): readonly FunctionSpec[] {
  return ALL;
}

/** Looks a function up by "DF", "MCEV.DF" or "mcev.df". */
export function findFunction(name: string): FunctionSpec | undefined {
  const key = name.trim().toUpperCase();
  const bare = key.startsWith(NAMESPACE + ".") ? key.slice(NAMESPACE.length + 1) : key;
  return byName.get(bare);
}

/**
 * Calls a registered function. Omitted trailing arguments are blank. A core error that names an
 * argument and a position is given the position in that argument's range ("row 3 of the range"); a
 * result that is not a finite number becomes #NUM! — never NaN in a cell.
 */
export function callFunction(name: string, args: readonly Argument[]): FunctionResult {
  const spec = findFunction(name);
  if (!spec) throw new McevError("NA", `unknown function ${name}`);
  const params = spec.parameters;
  const repeating = params[params.length - 1]?.repeating === true;
  if (args.length > params.length && !repeating) {
    throw new McevError("VALUE", `${NAMESPACE}.${spec.name} takes at most ${params.length} arguments, got ${args.length}`);
  }
  const full: Argument[] = (repeating ? args : params).map((_, i) => (args[i] === undefined ? null : args[i]));
  let result: FunctionResult;
  try {
    result = spec.invoke(full);
  } catch (e) {
    throw locate(e, spec, full);
  }
  checkFinite(result, spec.name);
  return result;
}

function locate(e: unknown, spec: FunctionSpec, args: readonly Argument[]): unknown {
  if (!(e instanceof McevError) || e.argument === undefined || e.index === undefined || e.position !== undefined) return e;
  const i = spec.parameters.findIndex((p) => p.name === e.argument);
  const arg = args[i];
  if (i < 0 || arg === undefined) return e;
  let position = "";
  if (isMatrix(arg)) {
    const m = asMatrix(arg, e.argument);
    position = positionText(e.index, m.length, (m[0] as CellValue[]).length);
  }
  return new McevError(e.code, e.detail, { argument: e.argument, index: e.index, position });
}

function checkFinite(result: FunctionResult, name: string): void {
  const bad = (v: CellValue | undefined) => typeof v === "number" && !Number.isFinite(v);
  if (Array.isArray(result)) {
    for (const row of result) for (const v of row) if (bad(v)) throw new McevError("NUM", `${NAMESPACE}.${name} produced a non-finite number (numeric overflow or failure)`);
  } else if (bad(result)) {
    throw new McevError("NUM", `${NAMESPACE}.${name} produced a non-finite number (numeric overflow or failure)`);
  }
}
