import { makeTriangle, type Triangle } from "../core/reserving/triangle";
import { numericCells, type Argument } from "./args";

/**
 * A triangle from a worksheet range: cumulative amounts, origins in rows (oldest first), development
 * periods in columns, blank cells after the latest diagonal.
 *
 * Excel desktop passes blank cells as 0. When a range has no blank cell at all, and every cell after
 * the standard latest diagonal (row i of n observes min(devs, n − i) periods) is exactly 0, those
 * zeros are read as the blank cells they are; a fully developed triangle has amounts there.
 */
export function triangleArg(x: Argument, name = "triangle"): Triangle {
  const { cells, rows, cols } = numericCells(x, name);
  const hasBlank = cells.some((row) => row.some((v) => v === undefined));
  if (!hasBlank && rows >= 2 && cols >= 2) {
    const observedAt = (i: number) => Math.min(cols, rows - i);
    let region = 0;
    let allZero = true;
    for (let i = 0; i < rows; i++) {
      for (let j = observedAt(i); j < cols; j++) {
        region++;
        if (cells[i]?.[j] !== 0) allZero = false;
      }
    }
    if (region > 0 && allZero) {
      for (let i = 0; i < rows; i++) for (let j = observedAt(i); j < cols; j++) (cells[i] as (number | undefined)[])[j] = undefined;
    }
  }
  return makeTriangle(cells, name);
}
