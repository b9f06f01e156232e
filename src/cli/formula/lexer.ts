import { McevError } from "../../core/errors";

/** Token kinds; `punct` covers operators, parentheses, braces, `,` and `;`. */
export type TokenKind = "number" | "string" | "ident" | "punct" | "end";

export interface Token {
  kind: TokenKind;
  /** The source text (for strings: the unescaped value; for `end`: ""). */
  text: string;
  /** The numeric value of a `number` token. */
  value: number;
  /** 1-based character position in the formula as given (a leading `=` counts). */
  pos: number;
}

/** Two-character operators are matched first. */
const PUNCT2 = new Set(["<=", ">=", "<>"]);
const PUNCT1 = new Set(["+", "-", "*", "/", "^", "&", "%", "=", "<", ">", "(", ")", "{", "}", ",", ";"]);

export function syntaxError(detail: string): McevError {
  return new McevError("VALUE", `formula: ${detail}`);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */) return true;
  return c > 127 && /\p{L}/u.test(ch);
}

function isIdentPart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return isIdentStart(ch) || isDigit(c) || c === 46 /* . */;
}

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** Splits a formula into tokens; skips whitespace and one optional leading `=`. Ends with an `end` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text[i] ?? "")) i++;
  if (text[i] === "=") i++;

  while (true) {
    while (i < n && isSpace(text[i] ?? "")) i++;
    if (i >= n) break;
    const start = i;
    const ch = text[i] ?? "";
    const c = ch.charCodeAt(0);

    if (isDigit(c) || (ch === "." && isDigit(text.charCodeAt(i + 1)))) {
      while (isDigit(text.charCodeAt(i))) i++;
      if (text[i] === ".") {
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      if (text[i] === "e" || text[i] === "E") {
        let j = i + 1;
        if (text[j] === "+" || text[j] === "-") j++;
        if (isDigit(text.charCodeAt(j))) {
          while (isDigit(text.charCodeAt(j))) j++;
          i = j;
        }
      }
      const next = text[i];
      if (next !== undefined && (isIdentPart(next) || next === '"')) {
        throw syntaxError(`unexpected character "${next}" at position ${i + 1}; a number ends at position ${i}`);
      }
      const lexeme = text.slice(start, i);
      const value = Number(lexeme);
      if (!Number.isFinite(value)) throw syntaxError(`number ${lexeme} at position ${start + 1} is out of range`);
      tokens.push({ kind: "number", text: lexeme, value, pos: start + 1 });
      continue;
    }

    if (ch === '"') {
      let value = "";
      i++;
      while (true) {
        const q = text.indexOf('"', i);
        if (q < 0) throw syntaxError(`unterminated string starting at position ${start + 1}`);
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      tokens.push({ kind: "string", text: value, value: NaN, pos: start + 1 });
      continue;
    }

    if (isIdentStart(ch)) {
      i++;
      while (i < n && isIdentPart(text[i] ?? "")) i++;
      tokens.push({ kind: "ident", text: text.slice(start, i), value: NaN, pos: start + 1 });
      continue;
    }

    const two = text.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      tokens.push({ kind: "punct", text: two, value: NaN, pos: start + 1 });
      i += 2;
      continue;
    }
    if (PUNCT1.has(ch)) {
      tokens.push({ kind: "punct", text: ch, value: NaN, pos: start + 1 });
      i++;
      continue;
    }
    throw syntaxError(`unexpected character "${ch}" at position ${start + 1}`);
  }
  tokens.push({ kind: "end", text: "", value: NaN, pos: n + 1 });
  return tokens;
}

/** How a token is named in error messages. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case "end":
      return "end of formula";
    case "number":
      return `number ${t.text}`;
    case "string":
      return `text ${JSON.stringify(t.text)}`;
    case "ident":
      return `name "${t.text}"`;
    case "punct":
      return `"${t.text}"`;
  }
}
