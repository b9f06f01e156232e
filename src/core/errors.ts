/**
 * The one error type of the calculation core.
 *
 * `code` is the Excel error the function layer reports: VALUE for bad input (wrong type, wrong shape,
 * out of domain), NUM for a numeric failure on valid input (no root, singular system), NA for a value
 * that is not available. `argument` names the offending argument in the public signature and `index`
 * is the zero-based position of the offending value inside that argument, counted row by row; the
 * function layer turns it into "row r, column c" because only it knows the shape of the range.
 */
export type ErrorCode = "VALUE" | "NUM" | "NA";

export interface ErrorLocation {
  /** Name of the argument as it appears in the public signature, e.g. "terms". */
  argument?: string;
  /** Zero-based position inside the argument, counted row by row. */
  index?: number;
  /** Human-readable position, e.g. " (row 3 of the range)"; set by the function layer. */
  position?: string;
}

export class McevError extends Error {
  readonly code: ErrorCode;
  readonly argument?: string;
  readonly index?: number;
  /** Position text set by the function layer, once the shape of the range is known. */
  readonly position?: string;
  /** The message without the argument/position prefix. */
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, location: ErrorLocation = {}) {
    super(McevError.format(detail, location, location.position));
    this.name = "McevError";
    this.code = code;
    this.detail = detail;
    this.argument = location.argument;
    this.index = location.index;
    this.position = location.position;
  }

  static format(detail: string, location: ErrorLocation, position?: string): string {
    if (!location.argument) return detail;
    const where =
      position ?? (location.index === undefined ? "" : ` (value ${location.index + 1})`);
    return `${location.argument}${where}: ${detail}`;
  }
}

/** Bad input: throws a #VALUE! error naming the argument and, optionally, the position. */
export function invalid(argument: string, detail: string, index?: number): never {
  throw new McevError("VALUE", detail, { argument, index });
}

/** Numeric failure on valid input: throws a #NUM! error. */
export function numericFailure(detail: string, location: ErrorLocation = {}): never {
  throw new McevError("NUM", detail, location);
}
