/*
 * Task pane of the MCEV Toolkit add-in. It runs in the shared runtime together with the custom
 * functions (taskpane.html loads both bundles), so keep it light: it shows the Office host, and the
 * list of registered functions read from the functions.json that the build generates.
 */

/** The part of a functions.json entry (custom functions metadata) that the pane displays. */
interface FunctionMetadata {
  name: string;
  description?: string;
}

const NAMESPACE = "MCEV";

function byId<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

function setText(id: string, text: string, isError = false): void {
  const element = byId(id);
  if (element) {
    element.textContent = text;
    element.classList.toggle("error", isError);
  }
}

/** Reads the `functions` array of a functions.json document, ignoring malformed entries. */
export function parseFunctionsMetadata(json: unknown): FunctionMetadata[] {
  if (typeof json !== "object" || json === null) return [];
  const functions = (json as { functions?: unknown }).functions;
  if (!Array.isArray(functions)) return [];
  return functions
    .filter((f): f is FunctionMetadata => typeof f === "object" && f !== null && typeof f.name === "string")
    .map((f) => ({ name: f.name, description: typeof f.description === "string" ? f.description : undefined }));
}

async function showFunctions(): Promise<void> {
  const list = byId<HTMLDListElement>("functions-list");
  try {
    const response = await fetch("functions.json", { cache: "no-cache" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const functions = parseFunctionsMetadata(await response.json());
    if (functions.length === 0) {
      setText("functions-status", "No functions are registered in this build.");
      return;
    }
    if (list) {
      list.replaceChildren(
        ...functions.flatMap((f) => {
          const term = document.createElement("dt");
          term.textContent = `${NAMESPACE}.${f.name}`;
          const definition = document.createElement("dd");
          definition.textContent = f.description ?? "";
          return [term, definition];
        }),
      );
      list.hidden = false;
    }
    setText("functions-status", `${functions.length} function${functions.length === 1 ? "" : "s"}.`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    setText("functions-status", `Could not load the function list (functions.json): ${reason}`, true);
  }
}

function describeHost(info: { host: Office.HostType | null; platform: Office.PlatformType | null }): string {
  if (!info.host) return "Not running inside Office (open this page from Excel).";
  return info.platform ? `Running in ${info.host} (${info.platform}).` : `Running in ${info.host}.`;
}

function start(): void {
  void showFunctions();
  if (typeof Office === "undefined") {
    setText("host-status", "office.js did not load: check the network connection.", true);
    return;
  }
  void Office.onReady((info) => setText("host-status", describeHost(info)));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
