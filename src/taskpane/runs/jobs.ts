import { VALUATION_JOB, valuationJob } from "./valuationJob";

/**
 * Jobs that run in the pane's Web Worker (workerRunner.ts), by kind. A job gets its parameters (plain,
 * structured-cloneable data) and a context to report progress; its result must be cloneable too.
 * The engine run (base valuation and sensitivities) is kind "valuation" (valuationJob.ts).
 */
export interface JobContext {
  progress(done: number, total: number, label?: string): void;
  /** True once the job was cancelled (in-process runs; a worker is simply terminated). */
  cancelled(): boolean;
}

export type JobHandler = (params: unknown, context: JobContext) => unknown;

/** A test job: Σ i² for i = 1..n in `steps` parts, reporting progress (closed form n(n+1)(2n+1)/6). */
function sumOfSquares(params: unknown, context: JobContext): number {
  const { n, steps = 10, failAt } = params as { n: number; steps?: number; failAt?: number };
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a whole number >= 0, got ${String(n)}`);
  let sum = 0;
  const per = Math.ceil(n / steps) || 1;
  for (let step = 0, i = 1; step < steps; step++) {
    if (context.cancelled()) throw new Error("cancelled");
    if (failAt === step) throw new Error(`the test job failed at step ${step}`);
    for (const end = Math.min(n, i + per - 1); i <= end; i++) sum += i * i;
    context.progress(step + 1, steps, `part ${step + 1} of ${steps}`);
  }
  return sum;
}

export const JOBS: Record<string, JobHandler> = {
  "test.sum-of-squares": sumOfSquares,
  [VALUATION_JOB]: valuationJob,
};

export function hasJob(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(JOBS, kind);
}
