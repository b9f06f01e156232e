/** Where a command writes: stdout and stderr in the CLI, buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A command line the CLI cannot act on: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}
