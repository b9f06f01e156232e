import { McevError } from "../../core/errors";
import type { CellMatrix, CellValue } from "../../functions/cells";
import { numberFromText } from "./numbers";
import { parseFormula, type BinaryOperator, type FormulaNode } from "./parser";

export interface FormulaContext {
  /** Calls a function by its full upper-case name, e.g. "MCEV.DF"; arguments are already evaluated; omitted ones are null. Throws McevError on failure. */
  callFunction(name: string, args: (CellValue | CellMatrix)[]): CellValue | CellMatrix;
  /** Named ranges, looked up case-insensitively. */
  names: ReadonlyMap<string, CellMatrix>;
}

type Value = CellValue | CellMatrix;

function evalError(detail: string): McevError {
  return new McevError("VALUE", `formula: ${detail}`);
}

/** Parses and evaluates one formula. */
export function evaluateFormula(text: string, ctx: FormulaContext): CellValue | CellMatrix {
  return evaluateNode(parseFormula(text), ctx);
}

/** Evaluates a parsed formula. Scalars stay scalars; array constants, names and operators on them give matrices. */
export function evaluateNode(node: FormulaNode, ctx: FormulaContext): CellValue | CellMatrix {
  const names = new Map<string, CellMatrix>();
  for (const [key, value] of ctx.names) names.set(key.toUpperCase(), value);
  return new Evaluator(ctx, names).eval(node);
}

class Evaluator {
  constructor(
    private readonly ctx: FormulaContext,
    private readonly names: Map<string, CellMatrix>,
  ) {}

  eval(node: FormulaNode): Value {
    switch (node.kind) {
      case "number":
      case "string":
      case "boolean":
        return node.value;
      case "array":
        return node.rows.map((row) => row.slice());
      case "omitted":
        return null;
      case "name": {
        const range = this.names.get(node.name.toUpperCase());
        if (range === undefined) throw evalError(`unknown name "${node.name}" at position ${node.pos}`);
        return range.map((row) => row.slice()); // callers may not mutate the caller's ranges
      }
      case "call":
        return this.ctx.callFunction(
          node.name,
          node.args.map((a) => this.eval(a)),
        );
      case "unary": {
        const v = this.eval(node.operand);
        if (node.op === "+") return v; // Excel: unary plus is a no-op, even on text
        return map1(v, (x) => -toNumber(x, "-", node.pos));
      }
      case "percent":
        return map1(this.eval(node.operand), (x) => toNumber(x, "%", node.pos) / 100);
      case "binary": {
        const left = this.eval(node.left);
        const right = this.eval(node.right);
        const op = node.op;
        const pos = node.pos;
        return map2(left, right, op, pos, (a, b) => applyBinary(op, a, b, pos));
      }
    }
  }
}

function map1(v: Value, f: (x: CellValue) => CellValue): Value {
  return Array.isArray(v) ? v.map((row) => row.map(f)) : f(v);
}

/**
 * Element-wise binary operation with Excel-style broadcasting: a 1×1 operand broadcasts to the other's
 * shape, a single row (column) broadcasts down (across). Unlike Excel, which fills the excess cells of
 * mismatched ranges with #N/A, mismatched sizes are an error (the CLI has no per-cell errors).
 */
function map2(a: Value, b: Value, op: string, pos: number, f: (x: CellValue, y: CellValue) => CellValue): Value {
  if (!Array.isArray(a) && !Array.isArray(b)) return f(a, b);
  const ma: CellMatrix = Array.isArray(a) ? a : [[a]];
  const mb: CellMatrix = Array.isArray(b) ? b : [[b]];
  const [ra, ca] = shape(ma);
  const [rb, cb] = shape(mb);
  const rows = broadcast(ra, rb);
  const cols = broadcast(ca, cb);
  if (rows < 0 || cols < 0) {
    throw evalError(`the operator "${op}" at position ${pos} cannot combine a ${ra}×${ca} range with a ${rb}×${cb} range`);
  }
  const out: CellMatrix = [];
  for (let r = 0; r < rows; r++) {
    const rowA = ma[ra === 1 ? 0 : r] ?? [];
    const rowB = mb[rb === 1 ? 0 : r] ?? [];
    const row: CellValue[] = [];
    for (let c = 0; c < cols; c++) row.push(f(rowA[ca === 1 ? 0 : c] ?? null, rowB[cb === 1 ? 0 : c] ?? null));
    out.push(row);
  }
  return out;
}

function shape(m: CellMatrix): [number, number] {
  return [m.length, m[0]?.length ?? 0];
}

/** The broadcast size of two extents, or -1 when they do not fit. */
function broadcast(x: number, y: number): number {
  if (x === y) return x;
  if (x === 1) return y;
  if (y === 1) return x;
  return -1;
}

/** Arithmetic operand: blank → 0, booleans → 1/0, numeric text → its number, other text → error. */
function toNumber(v: CellValue, op: string, pos: number): number {
  if (typeof v === "number") return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  const x = numberFromText(v);
  if (x === undefined) throw evalError(`the operator "${op}" at position ${pos} needs numbers, got text ${JSON.stringify(v)}`);
  return x;
}

/** Concatenation operand: blank → "", numbers in shortest round-trip form, booleans TRUE/FALSE. */
function toText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function applyBinary(op: BinaryOperator, a: CellValue, b: CellValue, pos: number): CellValue {
  switch (op) {
    case "&":
      return toText(a) + toText(b);
    case "=":
    case "<>":
    case "<":
    case ">":
    case "<=":
    case ">=":
      return compareWith(op, compare(a, b));
    default:
      return arithmetic(op, toNumber(a, op, pos), toNumber(b, op, pos), pos);
  }
}

function arithmetic(op: "+" | "-" | "*" | "/" | "^", x: number, y: number, pos: number): number {
  let r: number;
  switch (op) {
    case "+":
      r = x + y;
      break;
    case "-":
      r = x - y;
      break;
    case "*":
      r = x * y;
      break;
    case "/":
      if (y === 0) throw new McevError("NUM", `formula: division by zero at position ${pos}`);
      r = x / y;
      break;
    case "^":
      if (x === 0 && y === 0) throw new McevError("NUM", `formula: 0^0 is undefined at position ${pos}`);
      if (x === 0 && y < 0) throw new McevError("NUM", `formula: division by zero (0 raised to a negative power) at position ${pos}`);
      r = x ** y;
      break;
  }
  if (!Number.isFinite(r)) {
    throw new McevError("NUM", `formula: the operator "${op}" at position ${pos} gives ${Number.isNaN(r) ? "no real number" : "a number too large"} for ${x} ${op} ${y}`);
  }
  return r;
}

/** Excel ordering: numbers < text < booleans; text case-insensitive; a blank equals 0, "" or FALSE. */
function compare(a: CellValue, b: CellValue): number {
  if (a === null && b === null) return 0;
  if (a === null) a = blankLike(b);
  if (b === null) b = blankLike(a);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function blankLike(v: CellValue): CellValue {
  return typeof v === "string" ? "" : typeof v === "boolean" ? false : 0;
}

function rank(v: CellValue): number {
  return typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2;
}

function compareWith(op: "=" | "<>" | "<" | ">" | "<=" | ">=", c: number): boolean {
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case ">=":
      return c >= 0;
  }
}
