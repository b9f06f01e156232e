// Bundles the `mcev` command line (src/cli/main.ts) into build/cli/mcev.cjs with esbuild.
// Runs on `npm install` (the "prepare" script), so `npx mcev` works right after the install.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
};

// the worker-thread entry: projects slices of model points for the CLI's parallel runs
await build({ ...common, entryPoints: [join(root, "src/cli/worker.ts")], outfile: join(root, "build/cli/worker.cjs") });

await build({
  entryPoints: [join(root, "src/cli/main.ts")],
  // the entry exports run(); bin/mcev.cjs calls it
  outfile: join(root, "build/cli/mcev.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  // development-only: the docs command loads it lazily from node_modules
  external: ["custom-functions-metadata", "exceljs"],
  define: { MCEV_VERSION: JSON.stringify(version) },
  logLevel: "warning",
});
