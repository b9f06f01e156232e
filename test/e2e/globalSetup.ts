import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM, E2E_DIST, ROOT } from "./browser";

/** One production build of the add-in for every real-browser test file (they run in parallel). */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) return; // the files skip (or fail under MCEV_E2E_REQUIRED) on their own
  execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", E2E_DIST], { cwd: ROOT, stdio: "ignore" });
}
