/*
 * Webpack build of the Excel add-in (shared runtime).
 *
 *   npm run build        webpack --mode production  -> dist/ (offline; needs no certificate)
 *   npm run build:dev    webpack --mode development
 *   npm run dev-server   webpack serve --mode development  -> https://localhost:3000
 *
 * One page, taskpane.html, loads BOTH bundles (functions + taskpane): with a shared runtime, the
 * manifest points the custom functions <Page>, <FunctionFile> and the task pane at that one page.
 * CustomFunctionsMetadataPlugin writes dist/functions.json from the JSDoc tags in
 * the wrapper files in src/functions/excel/ and appends the CustomFunctions.associate(...) calls to them.
 *
 * The exported function returns the config object synchronously for builds (so tests can require
 * it); only `webpack serve` returns a Promise, because the dev certificate is read (and installed
 * on first use) asynchronously by office-addin-dev-certs.
 */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { version } = require("./package.json");

/** The JSDoc wrapper files Excel calls (one per concept), read by custom-functions-metadata. */
const EXCEL_WRAPPER_FILES = require("node:fs")
  .readdirSync(path.join(__dirname, "src", "functions", "excel"))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => `./src/functions/excel/${f}`);

const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";
const PORT = 3000;

/** ADDIN_URL normalised to end with "/", or undefined when not set. */
function productionUrl() {
  const value = (process.env.ADDIN_URL || "").trim();
  if (!value) return undefined;
  const url = new URL(value); // throws on a malformed ADDIN_URL, failing the build early
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must be an https URL, got ${value}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Rewrites the dev URLs of manifest.xml to `target` (a URL ending in "/"). */
function rewriteManifest(content, target) {
  return content
    .toString()
    .split(DEV_URL)
    .join(target)
    .split(DEV_ORIGIN) // e.g. <AppDomain>, which is an origin without a trailing slash
    .join(new URL(target).origin);
}

function buildConfig(argv = {}) {
  const mode = argv.mode || "production";
  const dev = mode === "development";
  const targetUrl = dev ? undefined : productionUrl();

  return {
    mode,
    context: __dirname,
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      devtoolModuleFilenameTemplate: "webpack:///[resource-path]",
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The sources use ESM-style ".js" specifiers for ".ts" files (moduleResolution Bundler/NodeNext).
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        {
          // the task pane's sample tables: `import text from "….csv?raw"` bundles the file as a string
          resourceQuery: /raw/,
          type: "asset/source",
        },
        {
          test: /\.tsx?$/, // .tsx: the task pane's React components (tsconfig "jsx": "react-jsx")
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true, // type checking is `npm run typecheck` (tsc --noEmit)
              compilerOptions: { noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: EXCEL_WRAPPER_FILES,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        templateParameters: { addinVersion: version },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: targetUrl ? (content) => rewriteManifest(content, targetUrl) : undefined,
          },
        ],
      }),
    ],
    // The bundles are loaded from localhost or one static host; size hints would only be noise.
    performance: { hints: false },
    devServer: {
      port: PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
    },
  };
}

module.exports = (env = {}, argv = {}) => {
  const config = buildConfig(argv);
  if (!env.WEBPACK_SERVE) return config;
  // Only the dev server needs a certificate. office-addin-dev-certs creates a localhost CA and
  // certificate under ~/.office-addin-dev-certs and, on first use, asks to trust the CA.
  const devCerts = require("office-addin-dev-certs");
  return devCerts.getHttpsServerOptions().then((options) => {
    config.devServer.server = { type: "https", options };
    return config;
  });
};

module.exports.rewriteManifest = rewriteManifest;
