import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleRanges, generateMetadata } from "../../src/cli/commands/docs";
import { compareWithRegistry, renderFunctionDocs } from "../../src/cli/docs";
import { listFunctions } from "../../src/functions/registry";

const root = join(__dirname, "..", "..");
// custom-functions-metadata's API (its CLI exits 0 even on errors): generateMetadata throws on any error.
const functions = await generateMetadata(root);

describe("custom-functions metadata", () => {
  it("generates without errors and lists every registered function with its parameters", () => {
    expect(functions.map((f) => f.id)).toEqual(listFunctions().map((f) => f.name));
    expect(functions.map((f) => f.id)).toEqual(expect.arrayContaining(["DF", "ZERO", "FWD", "SWALPHA", "PV", "PVFP", "PROJECT", "PROJECTPV", "LDF", "CHAINLADDER", "BF", "BENKTANDER", "ELR", "CAPECOD", "RESERVES", "RANGE", "RUNOFF", "SURVIVALRATIO", "EGPI", "FCRC", "CORNHR", "NHRBC", "VIF", "COMPONENTS", "PVNBP", "NBMARGIN", "IRR", "IDR", "RDR", "COLI", "TEV"]));
    expect(compareWithRegistry(functions)).toEqual([]);
  });

  it("ranges are matrices of any type, so the registry (not Excel) checks and explains the values", () => {
    const df = functions.find((f) => f.id === "DF");
    expect(df?.parameters.map((p) => [p.name, p.type, p.dimensionality ?? "scalar", !!p.optional])).toEqual([
      ["terms", "any", "matrix", false],
      ["rates", "any", "matrix", false],
      ["t", "any", "matrix", false],
      ["method", "any", "scalar", true],
      ["ufr", "any", "scalar", true],
      ["alpha", "any", "scalar", true],
      ["llp", "any", "scalar", true],
    ]);
    expect(df?.result?.dimensionality).toBe("matrix");
    for (const f of functions) {
      expect(f.description?.length ?? 0).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description?.length ?? 0, `${f.id}.${p.name}`).toBeGreaterThan(10);
    }
  });

  it("docs/functions.md is generated from it and is not stale (run `npm run docs` to refresh)", () => {
    const current = readFileSync(join(root, "docs", "functions.md"), "utf8");
    expect(current).toBe(renderFunctionDocs(functions, exampleRanges(root)));
    // every example evaluates: no spilled result is an error
    expect(current).not.toMatch(/spills:\n\n```\n(#VALUE!|#NUM!|#N\/A|error:)/);
  });
});
