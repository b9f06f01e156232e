/** The part of a functions.json entry (custom functions metadata) that the pane displays. */
export interface FunctionMetadata {
  name: string;
  description?: string;
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
