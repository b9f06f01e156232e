import type { CellValue } from "../../functions/cells";
import { describeToken, syntaxError, tokenize, type Token } from "./lexer";

export type BinaryOperator = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

/** AST of one formula. `pos` is the 1-based position of the node's first (or operator) token. */
export type FormulaNode =
  | { kind: "number"; value: number; pos: number }
  | { kind: "string"; value: string; pos: number }
  | { kind: "boolean"; value: boolean; pos: number }
  | { kind: "array"; rows: CellValue[][]; pos: number }
  | { kind: "name"; name: string; pos: number }
  /** `name` is upper-cased; omitted arguments are `omitted` nodes. */
  | { kind: "call"; name: string; args: FormulaNode[]; pos: number }
  | { kind: "omitted"; pos: number }
  | { kind: "unary"; op: "-" | "+"; operand: FormulaNode; pos: number }
  | { kind: "percent"; operand: FormulaNode; pos: number }
  | { kind: "binary"; op: BinaryOperator; left: FormulaNode; right: FormulaNode; pos: number };

const COMPARISON = new Set(["=", "<>", "<", ">", "<=", ">="]);
const CONCAT = new Set(["&"]);
const ADDITIVE = new Set(["+", "-"]);
const MULTIPLICATIVE = new Set(["*", "/"]);
const POWER = new Set(["^"]);
/** Deeper nesting is refused rather than overflowing the stack. */
const MAX_DEPTH = 256;

/**
 * Parses one formula. Precedence, loosest first (Excel): comparisons, `&`, `+ -`, `* /`, `^`,
 * postfix `%`, unary `- +`. All binary operators are left-associative (Excel: 2^3^2 = 64) and
 * unary minus binds tighter than `^` (Excel: -2^2 = 4). Throws McevError("VALUE") on syntax errors.
 */
export function parseFormula(text: string): FormulaNode {
  return new Parser(tokenize(text)).parseAll();
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): FormulaNode {
    if (this.peek().kind === "end") throw syntaxError("the formula is empty");
    const node = this.expression();
    const t = this.peek();
    if (t.kind !== "end") {
      this.fail(t, t.text === ")" ? 'an operator or the end of the formula (no "(" to close)' : "an operator or the end of the formula");
    }
    return node;
  }

  private peek(): Token {
    // The token list always ends with an `end` token, and `i` never moves past it.
    return this.tokens[this.i] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.i++;
    return t;
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.text === text;
  }

  private fail(t: Token, expected: string): never {
    throw syntaxError(`unexpected ${describeToken(t)} at position ${t.pos}; expected ${expected}`);
  }

  private expect(text: string, expected: string): Token {
    if (!this.isPunct(text)) this.fail(this.peek(), expected);
    return this.next();
  }

  private expression(): FormulaNode {
    if (++this.depth > MAX_DEPTH) throw syntaxError(`the formula is nested more than ${MAX_DEPTH} levels deep`);
    const node = this.comparison();
    this.depth--;
    return node;
  }

  /** One left-associative level: `operand (op operand)*`. */
  private level(ops: ReadonlySet<string>, operand: () => FormulaNode): FormulaNode {
    let left = operand();
    while (this.peek().kind === "punct" && ops.has(this.peek().text)) {
      const op = this.next();
      const right = operand();
      left = { kind: "binary", op: op.text as BinaryOperator, left, right, pos: op.pos };
    }
    return left;
  }

  private comparison(): FormulaNode {
    return this.level(COMPARISON, () => this.concat());
  }
  private concat(): FormulaNode {
    return this.level(CONCAT, () => this.additive());
  }
  private additive(): FormulaNode {
    return this.level(ADDITIVE, () => this.multiplicative());
  }
  private multiplicative(): FormulaNode {
    return this.level(MULTIPLICATIVE, () => this.power());
  }
  private power(): FormulaNode {
    return this.level(POWER, () => this.percent());
  }

  private percent(): FormulaNode {
    let node = this.unary();
    while (this.isPunct("%")) node = { kind: "percent", operand: node, pos: this.next().pos };
    return node;
  }

  private unary(): FormulaNode {
    if (this.isPunct("-") || this.isPunct("+")) {
      const op = this.next();
      if (++this.depth > MAX_DEPTH) throw syntaxError(`the formula is nested more than ${MAX_DEPTH} levels deep`);
      const operand = this.unary();
      this.depth--;
      return { kind: "unary", op: op.text as "-" | "+", operand, pos: op.pos };
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const t = this.peek();
    switch (t.kind) {
      case "number":
        this.next();
        return { kind: "number", value: t.value, pos: t.pos };
      case "string":
        this.next();
        return { kind: "string", value: t.text, pos: t.pos };
      case "ident":
        return this.identifier();
      case "punct":
        if (t.text === "(") {
          this.next();
          const inner = this.expression();
          if (!this.isPunct(")")) this.fail(this.peek(), `an operator or ")" to close "(" at position ${t.pos}`);
          this.next();
          return inner;
        }
        if (t.text === "{") return this.arrayConstant();
        return this.fail(t, "a value");
      case "end":
        return this.fail(t, "a value");
    }
  }

  /** A function call, TRUE/FALSE, or a named range. */
  private identifier(): FormulaNode {
    const t = this.next();
    const upper = t.text.toUpperCase();
    if (this.isPunct("(")) return this.call(upper, t.pos);
    if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE", pos: t.pos };
    return { kind: "name", name: t.text, pos: t.pos };
  }

  /** `NAME( [arg] (, [arg])* )`; an empty argument is `omitted`; `F()` has no arguments. */
  private call(name: string, pos: number): FormulaNode {
    const open = this.next();
    const args: FormulaNode[] = [];
    if (this.isPunct(")")) {
      this.next();
      return { kind: "call", name, args, pos };
    }
    while (true) {
      const t = this.peek();
      if (this.isPunct(",") || this.isPunct(")")) args.push({ kind: "omitted", pos: t.pos });
      else args.push(this.expression());
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      if (this.isPunct(")")) {
        this.next();
        return { kind: "call", name, args, pos };
      }
      this.fail(this.peek(), `"," or ")" to close "(" at position ${open.pos}`);
    }
  }

  /** `{a,b;c,d}`: elements are optionally signed numbers, strings or TRUE/FALSE; rows of equal length. */
  private arrayConstant(): FormulaNode {
    const open = this.next();
    const rows: CellValue[][] = [[]];
    while (true) {
      (rows[rows.length - 1] as CellValue[]).push(this.arrayElement());
      const t = this.next();
      if (t.kind === "punct" && t.text === ",") continue;
      if (t.kind === "punct" && t.text === ";") {
        rows.push([]);
        continue;
      }
      if (t.kind === "punct" && t.text === "}") break;
      this.fail(t, `",", ";" or "}" to close "{" at position ${open.pos}`);
    }
    const width = (rows[0] as CellValue[]).length;
    rows.forEach((row, r) => {
      if (row.length !== width) {
        throw syntaxError(
          `the array constant at position ${open.pos} has rows of different lengths (row 1 has ${width} values, row ${r + 1} has ${row.length})`,
        );
      }
    });
    return { kind: "array", rows, pos: open.pos };
  }

  private arrayElement(): CellValue {
    const expected = "a number, text, TRUE or FALSE in the array constant";
    let t = this.next();
    if (t.kind === "punct" && (t.text === "-" || t.text === "+")) {
      const sign = t.text === "-" ? -1 : 1;
      t = this.next();
      if (t.kind !== "number") this.fail(t, "a number after the sign");
      return sign * t.value;
    }
    if (t.kind === "number") return t.value;
    if (t.kind === "string") return t.text;
    if (t.kind === "ident") {
      const upper = t.text.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") return upper === "TRUE";
    }
    return this.fail(t, expected);
  }
}
