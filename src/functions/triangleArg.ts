import { makeTriangle, type Triangle } from "../core/reserving/triangle";
import { numericCells, type Argument } from "./args";

/**
 * A triangle from a worksheet range: cumulative amounts, origins in rows (oldest first), development
 * periods in columns, blank cells after the latest diagonal.
 *
 * Excel desktop passes blank cells as 0. When a range has no blank cell at all, the zeros at the end
 * of each row (after its last non-zero amount) are read as the blank cells they are; a row of zeros
 * keeps its first cell (an origin with nothing reported yet). The usual shape checks then apply. A
 * cumulative amount that falls back to exactly 0 at the latest diagonal cannot be told apart from a
 * blank there: on Excel desktop, enter it as a tiny amount (e.g. 0.001) or use Excel on the web.
 */
export function triangleArg(x: Argument, name = "triangle"): Triangle {
  const { cells } = numericCells(x, name);
  const hasBlank = cells.some((row) => row.some((v) => v === undefined));
  if (!hasBlank) {
    for (const row of cells) {
      let end = row.length;
      while (end > 1 && row[end - 1] === 0) end--;
      for (let j = end; j < row.length; j++) row[j] = undefined;
    }
  }
  return makeTriangle(cells, name);
}
