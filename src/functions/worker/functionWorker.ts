/// <reference lib="webworker" />
/**
 * Web Worker entry for long custom-function calls (MCEV.PROJECT, MCEV.PROJECTPV): the registry runs
 * here, off Excel's UI thread. One request per worker; cancelling terminates it.
 */
import { answer, type WorkerRequest } from "./protocol";

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  self.postMessage(answer(event.data));
};
