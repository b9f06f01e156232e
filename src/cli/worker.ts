import { parentPort } from "node:worker_threads";
import { prepareJob, type BasicTermJob, type PreparedJob } from "./jobs";
import { prepareTvfogJob, type PreparedTvfogJob, type TvfogJob } from "./tvfogJob";

/**
 * Worker-thread entry (build/cli/worker.cjs): {init: job} prepares the job once; {run: [from, to],
 * perPeriod} projects that slice and answers with its PVs (and per-period lines), transferred.
 */
let prepared: PreparedJob | PreparedTvfogJob | undefined;
parentPort?.on("message", (msg: { init?: BasicTermJob | TvfogJob; run?: [number, number]; perPeriod?: boolean }) => {
  try {
    if (msg.init) {
      prepared = msg.init.kind === "tvfog" ? prepareTvfogJob(msg.init) : prepareJob(msg.init);
      parentPort?.postMessage({ ready: true, count: prepared.count, steps: prepared.steps });
    } else if (msg.run && prepared) {
      const r: { pv: Float64Array; perPeriod?: Float64Array } = prepared.run(msg.run[0], msg.run[1], msg.perPeriod ?? false);
      const transfer = [r.pv.buffer, ...(r.perPeriod ? [r.perPeriod.buffer] : [])] as ArrayBuffer[];
      parentPort?.postMessage({ pv: r.pv, perPeriod: r.perPeriod }, transfer);
    }
  } catch (e) {
    parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
