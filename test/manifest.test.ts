/*
 * Offline checks of the Office shell: manifest.xml (shared runtime wiring, resource ids, URLs,
 * icons) and webpack.config.js (metadata plugin, the one HTML page loading both bundles).
 * Parses the manifest with xml2js (installed with office-addin-manifest); no network.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifestPath = join(root, "manifest.xml");

/** One element of the parsed manifest, with its ancestors (outermost first). */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
  ancestors: XmlElement[];
}

/** xml2js node shape with { explicitChildren: true, preserveChildrenOrder: true }. */
interface RawNode {
  "#name": string;
  $?: Record<string, string>;
  _?: string;
  $$?: RawNode[];
}

function toElement(raw: RawNode, ancestors: XmlElement[]): XmlElement {
  const element: XmlElement = {
    name: raw["#name"],
    attrs: raw.$ ?? {},
    text: (raw._ ?? "").trim(),
    children: [],
    ancestors,
  };
  element.children = (raw.$$ ?? []).map((child) => toElement(child, [...ancestors, element]));
  return element;
}

function flatten(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(flatten)];
}

async function parseManifest(xml: string): Promise<XmlElement[]> {
  const xml2js = require("xml2js") as {
    parseStringPromise(xml: string, options: object): Promise<Record<string, RawNode>>;
  };
  const parsed = await xml2js.parseStringPromise(xml, { explicitChildren: true, preserveChildrenOrder: true });
  const rootNode = parsed["OfficeApp"];
  if (!rootNode) throw new Error("manifest.xml has no <OfficeApp> root element");
  return flatten(toElement(rootNode, []));
}

const hasAncestor = (element: XmlElement, name: string, type?: string): boolean =>
  element.ancestors.some((a) => a.name === name && (type === undefined || a.attrs["xsi:type"] === type));

const parentOf = (element: XmlElement): XmlElement | undefined => element.ancestors[element.ancestors.length - 1];

const RESOURCE_KINDS: Record<string, string> = {
  "bt:Images": "bt:Image",
  "bt:Urls": "bt:Url",
  "bt:ShortStrings": "bt:String",
  "bt:LongStrings": "bt:String",
};

let elements: XmlElement[];
/** Resources entries: id -> { kind (bt:Urls, …), value }. */
let resources: Map<string, { kind: string; value: string }>;

function resource(id: string | undefined): string {
  const entry = id === undefined ? undefined : resources.get(id);
  if (!entry) throw new Error(`no resource with id ${String(id)}`);
  return entry.value;
}

function only(predicate: (e: XmlElement) => boolean, what: string): XmlElement {
  const found = elements.filter(predicate);
  expect(found, what).toHaveLength(1);
  return found[0] as XmlElement;
}

beforeAll(async () => {
  elements = await parseManifest(readFileSync(manifestPath, "utf8"));
  resources = new Map();
  for (const element of elements) {
    const group = parentOf(element);
    if (!group || !hasAncestor(element, "Resources")) continue;
    const kind = RESOURCE_KINDS[group.name];
    if (kind === undefined || element.name !== kind) continue;
    const id = element.attrs["id"];
    expect(id, `${element.name} without id in ${group.name}`).toBeTruthy();
    expect(resources.has(id as string), `duplicate resource id ${id}`).toBe(false);
    resources.set(id as string, { kind: group.name, value: element.attrs["DefaultValue"] ?? "" });
  }
});

describe("manifest.xml", () => {
  it("is a Workbook task pane add-in with the expected identity", () => {
    const app = only((e) => e.name === "OfficeApp", "OfficeApp");
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    const text = (name: string) => only((e) => e.name === name && parentOf(e) === app, name).text;
    expect(text("Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text("Version")).toBe("1.0.0.0");
    const displayName = only((e) => e.name === "DisplayName" && parentOf(e) === app, "DisplayName");
    expect(displayName.attrs["DefaultValue"]).toBe("MCEV Toolkit");
    const hosts = elements.filter((e) => e.name === "Host" && parentOf(parentOf(e) ?? e) === app);
    expect(hosts.map((h) => h.attrs["Name"])).toEqual(["Workbook"]);
    expect(text("Permissions")).toBe("ReadWriteDocument");
  });

  it("requires the SharedRuntime 1.1 requirement set", () => {
    const sets = elements.filter((e) => e.name === "Set" && hasAncestor(e, "Requirements"));
    expect(sets.some((s) => s.attrs["Name"] === "SharedRuntime" && s.attrs["MinVersion"] === "1.1")).toBe(true);
  });

  it("resolves every resid to a Resources id, all ids at most 32 characters", () => {
    const resids = elements.filter((e) => e.attrs["resid"] !== undefined).map((e) => e.attrs["resid"] as string);
    expect(resids.length).toBeGreaterThan(10);
    for (const resid of resids) {
      expect(resources.has(resid), `resid ${resid} has no Resources entry`).toBe(true);
      expect(resid.length, `resid ${resid}`).toBeLessThanOrEqual(32);
    }
    for (const id of resources.keys()) expect(id.length, `resource id ${id}`).toBeLessThanOrEqual(32);
  });

  it("keeps strings within the documented limits (short 125, long 250 characters)", () => {
    for (const [id, { kind, value }] of resources) {
      if (kind === "bt:ShortStrings") expect(value.length, id).toBeLessThanOrEqual(125);
      if (kind === "bt:LongStrings") expect(value.length, id).toBeLessThanOrEqual(250);
      expect(value.length, `${id} is empty`).toBeGreaterThan(0);
    }
  });

  it("registers the custom functions under the MCEV namespace", () => {
    const namespace = only((e) => e.name === "Namespace" && hasAncestor(e, "ExtensionPoint", "CustomFunctions"), "Namespace");
    expect(resources.get(namespace.attrs["resid"] ?? "")?.kind).toBe("bt:ShortStrings");
    expect(resource(namespace.attrs["resid"])).toBe("MCEV");
  });

  it("points the custom functions at functions.js and functions.json", () => {
    const sourceIn = (parent: string) =>
      only(
        (e) =>
          e.name === "SourceLocation" &&
          parentOf(e)?.name === parent &&
          hasAncestor(e, "ExtensionPoint", "CustomFunctions"),
        `${parent} SourceLocation`,
      );
    expect(new URL(resource(sourceIn("Script").attrs["resid"])).pathname).toBe("/functions.js");
    expect(new URL(resource(sourceIn("Metadata").attrs["resid"])).pathname).toBe("/functions.json");
    expect(new URL(resource(sourceIn("Page").attrs["resid"])).pathname).toBe("/taskpane.html");
  });

  it("wires one long-lived shared runtime to the page, the function file and the task pane", () => {
    const runtime = only((e) => e.name === "Runtime" && parentOf(e)?.name === "Runtimes", "Runtime");
    expect(runtime.attrs["lifetime"]).toBe("long");
    const resid = runtime.attrs["resid"];
    expect(resource(resid)).toBe("https://localhost:3000/taskpane.html");

    // <Runtimes> must be the first child of the VersionOverrides <Host>.
    const host = parentOf(parentOf(runtime) as XmlElement) as XmlElement;
    expect(host.name).toBe("Host");
    expect(host.attrs["xsi:type"]).toBe("Workbook");
    expect(host.children[0]?.name).toBe("Runtimes");

    const page = only(
      (e) => e.name === "SourceLocation" && parentOf(e)?.name === "Page" && hasAncestor(e, "ExtensionPoint", "CustomFunctions"),
      "CustomFunctions Page",
    );
    const functionFile = only((e) => e.name === "FunctionFile", "FunctionFile");
    const showTaskpane = elements.filter(
      (e) => e.name === "SourceLocation" && parentOf(e)?.name === "Action" && parentOf(e)?.attrs["xsi:type"] === "ShowTaskpane",
    );
    expect(showTaskpane.length).toBeGreaterThan(0);
    expect(page.attrs["resid"]).toBe(resid);
    expect(functionFile.attrs["resid"]).toBe(resid);
    for (const source of showTaskpane) expect(source.attrs["resid"]).toBe(resid);
  });

  it("has a ribbon button 'Valuation pane' that shows the task pane, with 16/32/80 icons", () => {
    const button = only((e) => e.name === "Control" && e.attrs["xsi:type"] === "Button", "Button");
    const label = button.children.find((c) => c.name === "Label");
    expect(resource(label?.attrs["resid"])).toBe("Valuation pane");
    const action = button.children.find((c) => c.name === "Action");
    expect(action?.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(action?.children.find((c) => c.name === "TaskpaneId")?.text).toBeTruthy();
    const icon = button.children.find((c) => c.name === "Icon");
    expect(icon?.children.map((i) => i.attrs["size"])).toEqual(["16", "32", "80"]);
    expect(hasAncestor(button, "ExtensionPoint", "PrimaryCommandSurface")).toBe(true);
  });

  it("uses https URLs on one origin everywhere", () => {
    const urls: string[] = [
      ...elements
        .filter((e) =>
          ["IconUrl", "HighResolutionIconUrl", "SupportUrl"].includes(e.name) ||
          (e.name === "SourceLocation" && e.attrs["DefaultValue"] !== undefined),
        )
        .map((e) => e.attrs["DefaultValue"] ?? ""),
      ...[...resources.values()].filter((r) => r.kind === "bt:Urls" || r.kind === "bt:Images").map((r) => r.value),
      ...elements.filter((e) => e.name === "AppDomain").map((e) => e.text),
    ];
    expect(urls.length).toBeGreaterThan(10);
    const origins = new Set(urls.map((u) => new URL(u).origin));
    for (const url of urls) expect(new URL(url).protocol, url).toBe("https:");
    expect([...origins]).toEqual(["https://localhost:3000"]);
    expect(only((e) => e.name === "SourceLocation" && hasAncestor(e, "DefaultSettings"), "DefaultSettings").attrs["DefaultValue"]).toBe(
      "https://localhost:3000/taskpane.html",
    );
  });

  it("references only icon files that exist in assets/, and all of them", () => {
    const iconUrls = [
      ...elements.filter((e) => e.name === "IconUrl" || e.name === "HighResolutionIconUrl").map((e) => e.attrs["DefaultValue"] ?? ""),
      ...[...resources.values()].filter((r) => r.kind === "bt:Images").map((r) => r.value),
    ];
    expect(iconUrls.length).toBeGreaterThanOrEqual(5);
    for (const url of iconUrls) {
      const path = new URL(url).pathname;
      expect(path, url).toMatch(/^\/assets\/icon-\d+\.png$/);
      expect(existsSync(join(root, path)), `${path} missing`).toBe(true);
    }
    for (const size of [16, 32, 64, 80, 128]) {
      const png = readFileSync(join(root, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], `icon-${size}.png dimensions`).toEqual([size, size]);
    }
  });

  it("references only files that the webpack build emits", () => {
    const emitted = emittedFiles();
    const pages = [...resources.values()].filter((r) => r.kind === "bt:Urls").map((r) => r.value);
    pages.push(...elements.filter((e) => e.name === "SupportUrl").map((e) => e.attrs["DefaultValue"] ?? ""));
    for (const url of pages) {
      const file = new URL(url).pathname.slice(1);
      expect(emitted.has(file), `${file} is not emitted by webpack.config.js`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// webpack.config.js

interface WebpackConfig {
  entry: Record<string, string>;
  plugins: object[];
  output: { clean?: boolean };
  devServer: { port: number; server?: unknown };
  performance?: { hints?: unknown };
}
type ConfigFactory = ((env: object, argv: object) => WebpackConfig | Promise<WebpackConfig>) & {
  rewriteManifest: (content: string, target: string) => string;
};

const configFactory = require("../webpack.config.js") as ConfigFactory;
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin") as new (...args: never[]) => {
  options: { input: string; output: string };
};
const HtmlWebpackPlugin = require("html-webpack-plugin") as new (...args: never[]) => {
  userOptions: { filename?: string; template?: string; chunks?: string[] };
};
const CopyWebpackPlugin = require("copy-webpack-plugin") as new (...args: never[]) => {
  patterns: { from: string; to?: string }[];
};

function productionConfig(): WebpackConfig {
  const config = configFactory({ WEBPACK_BUILD: true }, { mode: "production" });
  if (config instanceof Promise) throw new Error("a build config must be returned synchronously (no certificates)");
  return config;
}

function pluginsOf<T>(config: WebpackConfig, type: new (...args: never[]) => T): T[] {
  return config.plugins.filter((p): p is T & object => p instanceof type);
}

/** Files (relative to dist/) that the config emits, except globbed copies. */
function emittedFiles(): Set<string> {
  const config = productionConfig();
  const files = new Set<string>(Object.keys(config.entry).map((name) => `${name}.js`));
  for (const p of pluginsOf(config, CustomFunctionsMetadataPlugin)) files.add(p.options.output);
  for (const p of pluginsOf(config, HtmlWebpackPlugin)) files.add(p.userOptions.filename ?? "index.html");
  for (const p of pluginsOf(config, CopyWebpackPlugin)) {
    for (const pattern of p.patterns) if (!pattern.from.includes("*") && pattern.to) files.add(pattern.to);
  }
  return files;
}

describe("webpack.config.js", () => {
  it("builds the functions and taskpane entries into a clean dist/ without dev certificates", () => {
    const config = productionConfig();
    expect(config.entry).toEqual({
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    });
    expect(config.output.clean).toBe(true);
    expect(config.devServer.port).toBe(3000);
    expect(config.devServer.server).toBeUndefined();
    expect(config.performance?.hints).toBe(false);
  });

  it("generates functions.json from the wrapper files in src/functions/excel", () => {
    const plugins = pluginsOf(productionConfig(), CustomFunctionsMetadataPlugin);
    expect(plugins).toHaveLength(1);
    expect(plugins[0]?.options).toMatchObject({ input: ["./src/functions/excel/curves.ts", "./src/functions/excel/esg.ts", "./src/functions/excel/esgCheck.ts", "./src/functions/excel/projection.ts", "./src/functions/excel/reserving.ts", "./src/functions/excel/tvfog.ts", "./src/functions/excel/valuation.ts"], output: "functions.json" });
  });

  it("emits one page, taskpane.html, loading both chunks (shared runtime)", () => {
    const pages = pluginsOf(productionConfig(), HtmlWebpackPlugin);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.userOptions.filename).toBe("taskpane.html");
    expect([...(pages[0]?.userOptions.chunks ?? [])].sort()).toEqual(["functions", "taskpane"]);
    const template = readFileSync(join(root, pages[0]?.userOptions.template ?? ""), "utf8");
    expect(template).toContain('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
    expect(template).toMatch(/<html lang="en">/);
  });

  it("copies the icons and the manifest", () => {
    const emitted = emittedFiles();
    expect(emitted.has("manifest.xml")).toBe(true);
    const patterns = pluginsOf(productionConfig(), CopyWebpackPlugin).flatMap((p) => p.patterns.map((q) => q.from));
    expect(patterns).toContain("assets/*.png");
  });

  it("rewrites every dev URL of the manifest to ADDIN_URL for production", async () => {
    const rewritten = configFactory.rewriteManifest(readFileSync(manifestPath, "utf8"), "https://addin.example.org/mcev/");
    expect(rewritten).not.toContain("localhost");
    const parsed = await parseManifest(rewritten);
    const taskpane = parsed.find((e) => e.name === "bt:Url" && e.attrs["id"] === "Taskpane.Url");
    expect(taskpane?.attrs["DefaultValue"]).toBe("https://addin.example.org/mcev/taskpane.html");
    expect(parsed.find((e) => e.name === "AppDomain")?.text).toBe("https://addin.example.org");
  });
});
