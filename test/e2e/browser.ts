import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * What the real-browser tests share: Debian's Chromium, the production build they serve (made ONCE per
 * run by globalSetup.ts into E2E_DIST), and the stand-in for Excel's CustomFunctions runtime.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const ROOT = join(__dirname, "..", "..");
export const E2E_DIST = join(ROOT, "build", "e2e-dist");

/** Whether the browser is there; CI (MCEV_E2E_REQUIRED=1) fails without it, elsewhere a warning and a skip. */
export function haveBrowser(what: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.MCEV_E2E_REQUIRED === "1") throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  if (!present) console.warn(`e2e: ${CHROMIUM} not found — ${what} are skipped (apt-get install chromium to run them)`);
  return present;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A page that loads functions.js with a stand-in CustomFunctions global (as Excel's runtime provides it). */
export function functionsPage(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>
  window.registered = {};
  class CFError extends Error { constructor(code, message) { super(message ?? ""); this.code = code; } }
  window.CustomFunctions = {
    associate(id, fn) { window.registered[id] = fn; },
    Error: CFError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  };
</script>
<script src="functions.js"></script></head><body>${title}</body></html>`;
}
