/** A plain-text table for the terminal: first column left-aligned, the others right-aligned. */
export function formatTable(rows: readonly (readonly string[])[], indent = "  "): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, cell.length)));
  return rows
    .map((row) => indent + row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j] as number) : cell.padStart(widths[j] as number))).join("  ").trimEnd())
    .join("\n");
}

export const percent = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)}%`;
export const fixed = (x: number, digits: number): string => x.toFixed(digits);
