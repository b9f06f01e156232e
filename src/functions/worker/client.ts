import type { Argument } from "../args";
import type { CellMatrix, FunctionResult } from "../cells";
import { answer, unwrap, type WorkerReply, type WorkerRequest } from "./protocol";
import { mergeParts, SPLIT_FUNCTIONS, splitModelPoints } from "./split";

/** Model points per worker above which one call is split across several workers (tests lower it). */
export const splitting = { minRowsPerWorker: 20_000, maxWorkers: 4 };

/** The part of CustomFunctions.CancelableInvocation the client uses. */
export interface Cancelable {
  onCanceled?: () => void;
}

/**
 * Runs a registry function in Web Workers (fresh ones per call, so that cancelling — Excel cancels
 * when the user edits an input or recalculation starts over — terminates exactly that computation;
 * the scenario functions share one long-lived worker, see SHARED_STATE_FUNCTIONS).
 * A projection with many model points is split across up to four workers and the parts merged.
 * Where no Worker exists (Node, tests), it runs in-process after the current task.
 */
export function callInWorker(name: string, args: readonly Argument[], invocation?: Cancelable): Promise<FunctionResult> {
  if (typeof Worker === "undefined") {
    return callInProcess(name, args, invocation);
  }
  if (SHARED_STATE_FUNCTIONS.has(name)) return callInSharedWorker(name, args, invocation);
  return callInFreshWorkers(name, args, invocation);
}

/** Where no Worker exists (Node, tests): the registry call after the current task. */
function callInProcess(name: string, args: readonly Argument[], invocation?: Cancelable): Promise<FunctionResult> {
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

function callInFreshWorkers(name: string, args: readonly Argument[], invocation?: Cancelable): Promise<FunctionResult> {
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

/**
 * Functions whose calls share state kept in the worker: the scenario functions reuse one cached
 * scenario set (src/functions/scenarioCache.ts) across every cell with the same scenario inputs, so they
 * run on ONE long-lived worker instead of a fresh one per call. The worker answers in the order of the
 * requests; cancelling the call it is working on terminates it (the cache goes with it) and the calls
 * still queued are sent again to a new worker; cancelling a queued call just drops its answer.
 */
export const SHARED_STATE_FUNCTIONS: Set<string> = new Set(["ESG.CHECK", "TVFOG.VA"]);

interface PendingCall {
  request: WorkerRequest;
  resolve: (r: FunctionResult) => void;
  reject: (e: unknown) => void;
}
interface SharedWorker {
  worker: Worker;
  pending: Map<number, PendingCall>;
}
let shared: SharedWorker | undefined;
let nextCallId = 1;

function startSharedWorker(): SharedWorker {
  const worker = new Worker(new URL("./functionWorker.ts", import.meta.url));
  const s: SharedWorker = { worker, pending: new Map() };
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const id = event.data.id as number;
    const call = s.pending.get(id);
    s.pending.delete(id);
    if (!call) return; // cancelled while queued
    try {
      call.resolve(unwrap(event.data));
    } catch (e) {
      call.reject(e);
    }
  };
  worker.onerror = (event) => {
    worker.terminate();
    if (shared === s) shared = undefined;
    const error = new Error(event.message || "the function worker failed");
    for (const call of s.pending.values()) call.reject(error);
    s.pending.clear();
  };
  return s;
}

function callInSharedWorker(name: string, args: readonly Argument[], invocation?: Cancelable): Promise<FunctionResult> {
  shared ??= startSharedWorker();
  const s = shared;
  const id = nextCallId++;
  const request: WorkerRequest = { name, args: [...args], id };
  return new Promise<FunctionResult>((resolve, reject) => {
    s.pending.set(id, { request, resolve, reject });
    s.worker.postMessage(request);
    if (invocation) {
      invocation.onCanceled = () => {
        const current = shared;
        if (!current || !current.pending.has(id)) return;
        const running = Math.min(...current.pending.keys()) === id;
        current.pending.delete(id);
        reject(new Error("canceled"));
        if (!running) return;
        // the worker is busy with this call: stop it, and send the queued calls to a new one
        current.worker.terminate();
        shared = startSharedWorker();
        for (const [queuedId, call] of current.pending) {
          shared.pending.set(queuedId, call);
          shared.worker.postMessage(call.request);
        }
      };
    }
  });
}
