/// <reference lib="webworker" />
/**
 * Web Worker entry of the task pane's long jobs (one job per worker; cancelling terminates it).
 */
import { performJob, type JobRequest } from "./jobProtocol";

self.onmessage = (event: MessageEvent<JobRequest>) => {
  void performJob(event.data, (m) => self.postMessage(m));
};
