import { McevError } from "../core/errors";
import type { CellMatrix, FunctionResult } from "../functions/cells";
import { callFunction, findFunction, NAMESPACE } from "../functions/registry";
import { evaluateFormula } from "./formula";

/** Excel's display of each core error code. */
export const EXCEL_ERROR: Record<McevError["code"], string> = { VALUE: "#VALUE!", NUM: "#NUM!", NA: "#N/A" };

/**
 * Evaluates one Excel formula through the same function registry as Excel: MCEV.* calls, array
 * constants, named ranges, operators. Throws McevError (with the Excel code) on any failure.
 */
export function evaluateWithRegistry(formula: string, names: ReadonlyMap<string, CellMatrix> = new Map()): FunctionResult {
  return evaluateFormula(formula, {
    names,
    callFunction(name, args) {
      if (!name.startsWith(NAMESPACE + ".") || !findFunction(name)) {
        throw new McevError("NA", `unknown function ${name}; the functions are ${NAMESPACE}.* (run \`mcev functions\` for the list)`);
      }
      return callFunction(name, args);
    },
  });
}

/** Prints a core error as Excel shows it ("#VALUE! message") and returns exit code 1; rethrows anything else. */
export function reportError(e: unknown, io: { err(text: string): void }): number {
  if (!(e instanceof McevError)) throw e;
  io.err(`${EXCEL_ERROR[e.code]} ${e.message}\n`);
  return 1;
}
