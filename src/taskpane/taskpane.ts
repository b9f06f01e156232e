/*
 * Task pane of the MCEV Toolkit add-in (webpack entry "taskpane"). It runs in the shared runtime with
 * the custom functions (taskpane.html loads both bundles) and renders the React + Fluent UI pane
 * (ui/App.tsx) on the Office.js workbook once Office is ready.
 */
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { runJob } from "./runs/workerRunner";
import { App } from "./ui/App";
import { OfficeWorkbook } from "./workbook/officeWorkbook";
import type { Workbook } from "./workbook/workbook";

export { parseFunctionsMetadata, type FunctionMetadata } from "./ui/functionsList";

function describeHost(info: { host: Office.HostType | null; platform: Office.PlatformType | null }): string {
  if (!info.host) return "Not running inside Office (open this page from Excel).";
  return info.platform ? `Running in ${info.host} (${info.platform}).` : `Running in ${info.host}.`;
}

function render(wb: Workbook | undefined, hostStatus: string): void {
  const element = document.getElementById("root");
  if (!element) return;
  const version = element.dataset.version ?? "";
  createRoot(element).render(createElement(App, { wb, hostStatus, version }));
}

/** Diagnostics (and the browser test): the pane's job runner. */
(globalThis as { mcevTaskpane?: unknown }).mcevTaskpane = { runJob };

function start(): void {
  if (typeof Office === "undefined") {
    render(undefined, "office.js did not load: check the network connection.");
    return;
  }
  void Office.onReady((info) => {
    const excel = String(info.host) === "Excel";
    render(excel ? new OfficeWorkbook() : undefined, excel ? describeHost(info) : `${describeHost(info)} The pane needs Excel.`);
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
