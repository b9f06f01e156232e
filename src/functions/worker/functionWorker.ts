/// <reference lib="webworker" />
/**
 * Web Worker entry for long custom-function calls (MCEV.PROJECT, MCEV.PROJECTPV): the registry runs
 * here, off Excel's UI thread. One request per worker, or (the long-lived worker of the scenario
 * functions) requests numbered by `id`, answered in order.
 */
import { answer, type WorkerRequest } from "./protocol";

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const reply = answer(event.data);
  self.postMessage(event.data.id === undefined ? reply : { ...reply, id: event.data.id });
};
