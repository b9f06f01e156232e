import { defineConfig } from "vitest/config";

/** Real-browser tests (headless Chromium via playwright-core): `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    environment: "node",
    // builds the production bundle once (build/e2e-dist) for every file
    globalSetup: ["test/e2e/globalSetup.ts"],
    // CI also writes a JSON report, summarised by .ci/run as a plain "N passed, N failed" line
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "build/vitest-e2e-report.json" },
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
