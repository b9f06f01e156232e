import { McevError } from "../core/errors";
import type { Argument } from "./args";
import type { CellMatrix, FunctionResult } from "./cells";
import { callFunction } from "./registry";
import { callInWorker, type Cancelable } from "./worker/client";

/**
 * The bridge from Excel's custom-functions runtime to the registry: normalises what Excel passes
 * (omitted optional arguments arrive as undefined or null), and turns core errors into
 * CustomFunctions.Error. Excel shows a custom message only for #VALUE! and #N/A; #NUM! carries none,
 * so its message goes to the console for the add-in's log.
 */
export function callFromExcel(name: string, args: readonly unknown[]): FunctionResult {
  try {
    return callFunction(name, args.map(normalise));
  } catch (e) {
    throw toExcelError(e);
  }
}

/** Same, for functions whose declared return type is a matrix (they always spill). */
export function spillFromExcel(name: string, args: readonly unknown[]): CellMatrix {
  const result = callFromExcel(name, args);
  return Array.isArray(result) ? result : [[result]];
}

/**
 * Same, for long calls: runs in a Web Worker, cancelable; always spills. The returned promise rejects
 * with a CustomFunctions.Error as the synchronous calls throw it.
 */
export async function spillFromWorker(name: string, args: readonly unknown[], invocation?: Cancelable): Promise<CellMatrix> {
  try {
    const result = await callInWorker(name, args.map(normalise), invocation);
    return Array.isArray(result) ? result : [[result]];
  } catch (e) {
    throw toExcelError(e);
  }
}

function normalise(x: unknown): Argument {
  if (x === undefined || x === null) return null;
  if (typeof x === "number" || typeof x === "string" || typeof x === "boolean") return x;
  if (Array.isArray(x)) return x as CellMatrix;
  return String(x);
}

export function toExcelError(e: unknown): CustomFunctions.Error {
  const codes = CustomFunctions.ErrorCode;
  if (e instanceof McevError) {
    switch (e.code) {
      case "VALUE":
        return new CustomFunctions.Error(codes.invalidValue, e.message);
      case "NA":
        return new CustomFunctions.Error(codes.notAvailable, e.message);
      case "NUM":
        console.warn(`#NUM!: ${e.message}`);
        return new CustomFunctions.Error(codes.invalidNumber);
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(codes.invalidValue, `internal error: ${message}`);
}
