import { Worker } from "node:worker_threads";
import type { BasicTermJob } from "./jobs";
import type { TvfogJob } from "./tvfogJob";

type Reply = { ready?: boolean; count?: number; steps?: number; pv?: Float64Array; perPeriod?: Float64Array; error?: string };

/**
 * A pool of worker threads that each hold the prepared job; a run splits the model points into one
 * contiguous slice per worker and adds the parts (results are additive over points).
 */
export class ProjectionPool {
  private constructor(
    private readonly workers: Worker[],
    readonly count: number,
    readonly steps: number,
  ) {}

  static async start(workerFile: string, job: BasicTermJob | TvfogJob, threads: number): Promise<ProjectionPool> {
    const workers = Array.from({ length: threads }, () => new Worker(workerFile));
    const replies = await Promise.all(workers.map((w) => ask(w, { init: job })));
    const first = replies[0] as Reply;
    return new ProjectionPool(workers, first.count as number, first.steps as number);
  }

  async run(perPeriod = false): Promise<{ pv: Float64Array; perPeriod?: Float64Array }> {
    const n = this.workers.length;
    const parts = await Promise.all(
      this.workers.map((w, k) => ask(w, { run: [Math.floor((k * this.count) / n), Math.floor(((k + 1) * this.count) / n)], perPeriod })),
    );
    const pv = new Float64Array((parts[0]?.pv as Float64Array).length);
    const per = perPeriod ? new Float64Array((parts[0]?.perPeriod as Float64Array).length) : undefined;
    for (const p of parts) {
      (p.pv as Float64Array).forEach((x, i) => (pv[i] = (pv[i] as number) + x));
      if (per) (p.perPeriod as Float64Array).forEach((x, i) => (per[i] = (per[i] as number) + x));
    }
    return { pv, perPeriod: per };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function ask(worker: Worker, message: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      worker.off("error", onError);
      if (reply.error) reject(new Error(reply.error));
      else resolve(reply);
    };
    const onError = (e: Error) => {
      worker.off("message", onMessage);
      reject(e);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.postMessage(message);
  });
}
