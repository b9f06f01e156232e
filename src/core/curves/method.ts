import { invalid } from "../errors";

/** Interpolation/extrapolation methods of a yield curve. See docs/curves.md for the formulas. */
export const CURVE_METHODS = ["LINEAR", "LOGLINEAR", "MONOTONECONVEX", "SMITHWILSON"] as const;
export type CurveMethod = (typeof CURVE_METHODS)[number];

/**
 * The method used when none is given: Smith–Wilson when an ultimate forward rate is supplied (the
 * only method that uses one), otherwise Hagan–West monotone convex — continuous, local, positive
 * forwards for positive inputs (Hagan–West positivity collar), and exact at the nodes.
 */
export const DEFAULT_METHOD: CurveMethod = "MONOTONECONVEX";

/** Parses a method name (case-insensitive, surrounding blanks ignored); undefined picks the default. */
export function resolveMethod(text: string | undefined, hasUfr: boolean, argument = "method"): CurveMethod {
  if (text === undefined || text.trim() === "") return hasUfr ? "SMITHWILSON" : DEFAULT_METHOD;
  const key = text.trim().toUpperCase().replace(/[\s_-]/g, "");
  const found = CURVE_METHODS.find((m) => m === key);
  if (!found) invalid(argument, `unknown method "${text}"; expected one of ${CURVE_METHODS.join(", ")}`);
  return found;
}
