// ESLint flat config (ESLint 9).
//
// - JavaScript: @eslint/js recommended (shipped with ESLint).
// - TypeScript: typescript-eslint recommended (no type-aware rules, so linting needs no tsconfig project).
// - Office: the rules of eslint-plugin-office-addins, at the severities of that plugin's own
//   `recommended` config. The plugin's `configs.recommended` itself is NOT spread in, because it also
//   turns on `prettier/prettier` as an error, pins its own older @typescript-eslint/parser and sets
//   ecmaVersion 6; enabling the rules explicitly keeps one parser (the project's typescript-eslint)
//   and leaves formatting alone.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

/** Node.js globals for the CommonJS/ESM build scripts (webpack.config.js, scripts/*.mjs, …). */
const nodeGlobals = {
  __dirname: "readonly",
  __filename: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  console: "readonly",
  exports: "writable",
  module: "writable",
  process: "readonly",
  require: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

/** Severities as in eslint-plugin-office-addins v4 `configs.recommended`. */
const officeAddinsRules = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "warn",
  "office-addins/no-empty-load": "warn",
  "office-addins/no-navigational-load": "warn",
  "office-addins/no-office-initialize": "warn",
  "office-addins/test-for-null-using-isNullObject": "error",
};

export default defineConfig(
  {
    ignores: ["dist/", "build/", "node_modules/", "coverage/", "test/reference/*.py"],
  },
  js.configs.recommended,
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: nodeGlobals },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", ecmaVersion: 2022, globals: nodeGlobals },
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ["**/*.{ts,tsx,mts,cts}"] })),
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    plugins: { "office-addins": officeAddins },
    rules: {
      ...officeAddinsRules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The command line and its tests never run inside Office: their getCell/getRow calls are exceljs's,
    // which the Office.js load/sync rules would misread as proxy objects.
    files: ["src/cli/**/*.ts", "test/cli/**/*.ts"],
    rules: { "office-addins/call-sync-before-read": "off", "office-addins/load-object-before-read": "off" },
  },
);
