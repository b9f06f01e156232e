import { bench, describe } from "vitest";
import type { AssumptionSetData } from "../src/taskpane/assumptions/io";
import { TEMPLATES } from "../src/taskpane/assumptions/templates";
import { MCEV_SENSITIVITIES, TEV_SENSITIVITIES } from "../src/taskpane/runs/sensitivities";
import { valuationJob } from "../src/taskpane/runs/valuationJob";

/**
 * The task pane's engine run (the "valuation" job, in-process as in Node; the pane runs it in a Web
 * Worker) on the pane's default set — the standard tables of "Create standard tables": 10 model points
 * of examples/assumptions, one entity (examples/valuation/valuation.csv). Base + the 18 standard
 * sensitivities (seed 003 Tables 6–7 + capital at the regulatory minimum, seed 001's traditional set)
 * against one base run. Run: `npx vitest bench --run bench/taskpane.bench.ts`.
 */
const set: AssumptionSetData = { name: "default", tables: TEMPLATES.map((t) => ({ name: t.name, header: t.header, rows: t.rows })) };
const context = { progress: () => undefined, cancelled: () => false };
const all = [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES];

describe("task pane engine run, default set (10 model points, one entity)", () => {
  bench("base case alone", () => {
    valuationJob({ set, sensitivities: [] }, context);
  });
  bench("base + 18 standard sensitivities", () => {
    valuationJob({ set, sensitivities: all }, context);
  });
});
