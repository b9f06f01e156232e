import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../src/cli/csv";
import { makeTriangle, type Triangle } from "../src/core/reserving/triangle";
import type { CellMatrix } from "../src/functions/cells";

const root = join(__dirname, "..");

/** A CSV file of the repo as a worksheet range (blank fields are blank cells). */
export function readRange(path: string): CellMatrix {
  return parseCsv(readFileSync(join(root, path), "utf8"), path);
}

/** A CSV triangle (blank after the latest diagonal) as a core Triangle. */
export function readTriangle(path: string): Triangle {
  return makeTriangle(readRange(path).map((row) => row.map((v) => (typeof v === "number" ? v : undefined))));
}

export const RAA_PATH = "examples/triangles/raa.csv";
