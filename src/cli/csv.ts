import { McevError } from "../core/errors";
import type { CellMatrix, CellValue } from "../functions/cells";
import { numberFromText } from "./formula/numbers";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Reads a CSV file (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF;
 * a UTF-8 BOM is dropped) into a range. Trailing empty lines are dropped; short rows are padded with
 * blanks to the widest row (as Excel does). Each field, quoted or not (Excel reads "1.5" as a number):
 * empty → blank (null), numeric → number (see numberFromText), TRUE/FALSE (case-insensitive, spaces
 * allowed around) → boolean, otherwise the text as written. A quote inside an unquoted field is kept;
 * an unterminated quoted field or text after a closing quote is an error.
 * `source` names the file in error messages.
 */
export function parseCsv(text: string, source: string): CellMatrix {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const rows: CellMatrix = [];
  /** Length of `rows` up to its last non-empty line. */
  let kept = 0;

  while (i < n) {
    const row: CellValue[] = [];
    let emptyLine = true;
    // One row: fields until a line break or the end of the text.
    while (true) {
      let raw: string;
      let c = text.charCodeAt(i);
      if (c === QUOTE) {
        const startLine = line;
        let value = "";
        i++;
        while (true) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new McevError("VALUE", `${source}: line ${startLine}: a quoted field is not closed`);
          value += text.slice(i, q);
          for (let k = i; k < q; k++) if (text.charCodeAt(k) === LF) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          throw new McevError("VALUE", `${source}: line ${line}: unexpected text after a closing quote (a quote inside a quoted field must be doubled)`);
        }
        raw = value;
        emptyLine = false;
      } else {
        const start = i;
        while (i < n && c !== COMMA && c !== LF && c !== CR) c = text.charCodeAt(++i);
        raw = text.slice(start, i);
        if (i > start) emptyLine = false;
      }
      row.push(cellFromText(raw));
      // `c` is the code at `i` (NaN at the end).
      if (c === COMMA) {
        emptyLine = false;
        i++;
        continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      line++;
      break;
    }
    rows.push(row);
    if (!emptyLine) kept = rows.length;
  }

  rows.length = kept;
  if (rows.length === 0) throw new McevError("VALUE", `${source}: the file is empty`);
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const row of rows) while (row.length < width) row.push(null);
  return rows;
}

/** One CSV field as a cell value. */
export function cellFromText(raw: string): CellValue {
  if (raw.length === 0) return null;
  const x = numberFromText(raw);
  if (x !== undefined) return x;
  const t = raw.trim();
  if (t.length === 4 || t.length === 5) {
    const u = t.toUpperCase();
    if (u === "TRUE") return true;
    if (u === "FALSE") return false;
  }
  return raw;
}
