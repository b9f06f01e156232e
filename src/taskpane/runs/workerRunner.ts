import { performJob, type JobMessage, type JobRequest } from "./jobProtocol";

/**
 * Runs a job (a kind and plain parameters, see jobs.ts) in a fresh Web Worker, off the pane's thread,
 * so the pane stays responsive: progress comes back as messages, Cancel terminates the worker at once.
 * Where no Worker exists (Node, tests) the job runs in-process and Cancel stops it at its next step.
 */
export interface JobProgress {
  done: number;
  total: number;
  label?: string;
}

export interface JobOptions {
  onProgress?: (p: JobProgress) => void;
  signal?: AbortSignal;
  /** Creates the worker (tests and hosts without module workers can pass their own). */
  createWorker?: () => Worker;
}

export class JobCancelled extends Error {
  constructor() {
    super("The job was cancelled.");
    this.name = "JobCancelled";
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL("./jobWorker.ts", import.meta.url));
}

export function runJob<T>(request: JobRequest, options: JobOptions = {}): Promise<T> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(new JobCancelled());
  const useWorker = options.createWorker !== undefined || typeof Worker !== "undefined";
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let stop: () => void = () => undefined;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      stop();
      f();
    };
    const onMessage = (m: JobMessage) => {
      if (settled) return;
      if (m.type === "progress") onProgress?.({ done: m.done, total: m.total, label: m.label });
      else if (m.type === "result") finish(() => resolve(m.result as T));
      else finish(() => reject(new Error(m.message)));
    };
    const onAbort = () => finish(() => reject(new JobCancelled()));
    signal?.addEventListener("abort", onAbort);

    if (useWorker) {
      const worker = (options.createWorker ?? defaultWorker)();
      stop = () => worker.terminate();
      worker.onmessage = (event: MessageEvent<JobMessage>) => onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault?.();
        finish(() => reject(new Error(event.message || "the job worker failed")));
      };
      worker.postMessage(request);
    } else {
      setTimeout(() => void performJob(request, onMessage, () => settled), 0);
    }
  });
}
