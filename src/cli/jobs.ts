import { readFileSync } from "node:fs";
import { join } from "node:path";
import { basicTermBasis, basicTermContext, modelPointsFromTable } from "../core/projection/basicTerm";
import { runProjection } from "../core/projection/engine";
import type { ModelPoints } from "../core/projection/modelPoints";
import { termAssurance } from "../core/projection/products/termAssurance";
import type { ProjectionResult } from "../core/projection/result";
import { fromCells } from "../core/projection/table";
import { parseCsv } from "./csv";

/**
 * A projection job that a worker thread can rebuild from plain data (no functions cross threads): each
 * worker reads the same inputs, builds the same basis, and projects its slice of the model points.
 */
export interface BasicTermJob {
  kind: "basicterm";
  /** The lifelib-basicterm benchmark folder. */
  dataDir: string;
  /** Repeat the 10,000 points this many times. */
  replicate: number;
}

export interface PreparedJob {
  count: number;
  steps: number;
  run(from: number, to: number, perPeriod: boolean): ProjectionResult;
}

function replicate(points: ModelPoints, k: number): ModelPoints {
  if (k === 1) return points;
  const rep = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as { new (n: number): T })(a.length * k);
    for (let r = 0; r < k; r++) out.set(a, r * a.length);
    return out;
  };
  return { count: points.count * k, ageAtEntry: rep(points.ageAtEntry), policyTerm: rep(points.policyTerm), policyCount: rep(points.policyCount), sumAssured: rep(points.sumAssured), durationMonths: rep(points.durationMonths) };
}

export function prepareJob(job: BasicTermJob): PreparedJob {
  const table = (name: string) => {
    const path = join(job.dataDir, "BasicTerm_M", name);
    return fromCells(name, parseCsv(readFileSync(path, "utf8"), path));
  };
  const points = replicate(modelPointsFromTable(table("model_point_table.csv"), { forceSingleNewPolicy: true }), job.replicate);
  const basis = basicTermBasis(table("mort_table.csv"), { kind: "solved", loading: 0.5 });
  const steps = termAssurance.horizon(points);
  const ctx = basicTermContext(table("disc_rate_ann.csv"), steps);
  return {
    count: points.count,
    steps,
    run: (from, to, perPeriod) => runProjection(termAssurance, points, basis, ctx, { perPeriod, from, to }),
  };
}
