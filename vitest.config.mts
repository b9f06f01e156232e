import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // CI also writes a JSON report, summarised by .ci/run as a plain "N passed, N failed" line
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "build/vitest-report.json" },
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});
