import type { Argument } from "../args";
import type { FunctionResult } from "../cells";
import { answer, unwrap, type WorkerReply } from "./protocol";

/** The part of CustomFunctions.CancelableInvocation the client uses. */
export interface Cancelable {
  onCanceled?: () => void;
}

/**
 * Runs a registry function in a Web Worker (a fresh one per call, so that cancelling — Excel cancels
 * when the user edits an input or recalculation starts over — terminates exactly that computation).
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
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./functionWorker.ts", import.meta.url));
    if (invocation) {
      invocation.onCanceled = () => {
        worker.terminate();
        reject(new Error("canceled"));
      };
    }
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
    worker.postMessage({ name, args: [...args] });
  });
}
