import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CellMatrix } from "../../functions/cells";
import { EXAMPLE_RANGES } from "../../functions/registry";
import { parseCsv } from "../csv";
import { compareWithRegistry, renderFunctionDocs, type FunctionMetadata } from "../docs";
import { UsageError, type Io } from "../io";

export const DOCS_USAGE = `mcev docs [--write | --check]

Regenerates docs/functions.md from the JSDoc of src/functions/excel/*.ts (custom-functions-metadata,
a development dependency) and the registry's examples. --check exits 1 when the file is stale.`;

/** Runs custom-functions-metadata over the functions source; any error it reports is fatal. */
export async function generateMetadata(root: string): Promise<FunctionMetadata[]> {
  const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
  const dir = join(root, "src", "functions", "excel");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(dir, f));
  const result = await generateCustomFunctionsMetadata(files, false);
  if (result.errors.length > 0) throw new Error(`custom-functions-metadata reported errors:\n${result.errors.join("\n")}`);
  return (JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] }).functions;
}

/** The example ranges, read from the bundled sample files. */
export function exampleRanges(root: string): Map<string, CellMatrix> {
  const out = new Map<string, CellMatrix>();
  for (const [name, path] of Object.entries(EXAMPLE_RANGES)) out.set(name, parseCsv(readFileSync(join(root, path), "utf8"), path));
  return out;
}

export async function runDocs(args: string[], io: Io, root: string): Promise<number> {
  const mode = args[0] ?? "--write";
  if (args.length > 1 || (mode !== "--write" && mode !== "--check")) throw new UsageError(`unexpected arguments ${args.join(" ")}`, DOCS_USAGE);
  const functions = await generateMetadata(root);
  const problems = compareWithRegistry(functions);
  if (problems.length > 0) {
    io.err(`The JSDoc and the registry disagree:\n${problems.join("\n")}\n`);
    return 1;
  }
  const path = join(root, "docs", "functions.md");
  const text = renderFunctionDocs(functions, exampleRanges(root));
  if (mode === "--check") {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      io.err("docs/functions.md is stale: run `npm run docs`\n");
      return 1;
    }
    io.out("docs/functions.md is up to date\n");
    return 0;
  }
  writeFileSync(path, text);
  io.out(`wrote ${path} (${functions.length} functions)\n`);
  return 0;
}
