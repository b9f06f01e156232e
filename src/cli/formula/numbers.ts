/**
 * Text → number, as used for CSV fields and for text operands of arithmetic operators.
 * A text is a number when, trimmed, it is non-empty, `Number()` gives a finite value and it is
 * not a JavaScript radix literal (0x10, 0b1, 0o7). No percent, currency or thousands separators.
 */
export function numberFromText(text: string): number | undefined {
  const t = text.trim();
  if (t.length === 0) return undefined;
  if (t.length > 1 && t.charCodeAt(0) === 48 /* 0 */) {
    const c = t.charCodeAt(1) | 0x20; // lower-case
    if (c === 120 /* x */ || c === 98 /* b */ || c === 111 /* o */) return undefined;
  }
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}
