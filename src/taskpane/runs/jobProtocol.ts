import { JOBS, type JobContext } from "./jobs";

/** What the pane asks of its job worker, and what the worker sends back (structured-cloneable). */
export interface JobRequest {
  kind: string;
  params: unknown;
}

export type JobMessage =
  | { type: "progress"; done: number; total: number; label?: string }
  | { type: "result"; result: unknown }
  | { type: "error"; message: string };

/** Runs a job by its kind, sending progress and then the result or the error through `post`. */
export async function performJob(request: JobRequest, post: (m: JobMessage) => void, cancelled: () => boolean = () => false): Promise<void> {
  const handler = JOBS[request.kind];
  if (!handler) {
    post({ type: "error", message: `no job of kind "${request.kind}" in this version` });
    return;
  }
  const context: JobContext = {
    progress: (done, total, label) => post({ type: "progress", done, total, label }),
    cancelled,
  };
  try {
    post({ type: "result", result: await handler(request.params, context) });
  } catch (e) {
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
}
