/** The calculation core: pure TypeScript, no Office, DOM or Node APIs. */
export * from "./errors";
export * from "./curves";
export * from "./valuation/presentValue";
