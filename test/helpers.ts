import { expect } from "vitest";
import { McevError } from "../src/core/errors";

/** The McevError that `f` throws; fails the test when it throws anything else or nothing. */
export function mcevErrorOf(f: () => unknown): McevError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(McevError);
    return e as McevError;
  }
  throw new Error("expected an McevError, but nothing was thrown");
}
