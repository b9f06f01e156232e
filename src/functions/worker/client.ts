import type { Argument } from "../args";
import type { CellMatrix, FunctionResult } from "../cells";
import { answer, unwrap, type WorkerReply } from "./protocol";
import { mergeParts, SPLIT_FUNCTIONS, splitModelPoints } from "./split";

/** Model points per worker above which one call is split across several workers (tests lower it). */
export const splitting = { minRowsPerWorker: 20_000, maxWorkers: 4 };

/** The part of CustomFunctions.CancelableInvocation the client uses. */
export interface Cancelable {
  onCanceled?: () => void;
}

/**
 * Runs a registry function in Web Workers (fresh ones per call, so that cancelling — Excel cancels
 * when the user edits an input or recalculation starts over — terminates exactly that computation).
 * A projection with many model points is split across up to four workers and the parts merged.
 * Where no Worker exists (Node, tests), it runs in-process after the current task.
 */
export function callInWorker(name: string, args: readonly Argument[], invocation?: Cancelable): Promise<FunctionResult> {
  if (typeof Worker === "undefined") {
    return new Promise((resolve, reject) => {
      let canceled = false;
      if (invocation) invocation.onCanceled = () => (canceled = true);
      setTimeout(() => {
        if (canceled) return reject(new Error("canceled"));
        try {
          resolve(unwrap(answer({ name, args: [...args] })));
        } catch (e) {
          reject(e);
        }
      }, 0);
    });
  }
  // A large projection is split across several workers (results are additive over model points).
  const rows = Array.isArray(args[0]) ? (args[0] as CellMatrix).filter((row) => !row.every((v) => v === null || v === "" || v === 0)).length - 1 : 0;
  const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const parts = SPLIT_FUNCTIONS.has(name) ? Math.max(1, Math.min(splitting.maxWorkers, cores, Math.floor(rows / splitting.minRowsPerWorker))) : 1;
  const slices = splitModelPoints(args, parts);
  const workers: Worker[] = [];
  const run = (slice: { args: Argument[]; rowOffset: number }) =>
    new Promise<FunctionResult>((resolve, reject) => {
      const worker = new Worker(new URL("./functionWorker.ts", import.meta.url));
      workers.push(worker);
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        worker.terminate();
        try {
          resolve(unwrap(event.data));
        } catch (e) {
          reject(e);
        }
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message || "the function worker failed"));
      };
      worker.postMessage({ name, args: slice.args, rowOffset: slice.rowOffset });
    });
  return new Promise((resolve, reject) => {
    if (invocation) {
      invocation.onCanceled = () => {
        workers.forEach((w) => w.terminate());
        reject(new Error("canceled"));
      };
    }
    Promise.all(slices.map(run)).then(
      (results) => resolve(slices.length === 1 ? (results[0] as FunctionResult) : mergeParts(name, results as CellMatrix[])),
      (e) => {
        workers.forEach((w) => w.terminate());
        reject(e);
      },
    );
  });
}
