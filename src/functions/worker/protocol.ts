import { McevError, type ErrorCode } from "../../core/errors";
import type { Argument } from "../args";
import type { FunctionResult } from "../cells";
import { callFunction } from "../registry";
import { withRowOffset } from "./split";

/** A request to the function worker and its answer (structured-cloneable: no classes cross threads). */
export interface WorkerRequest {
  name: string;
  args: Argument[];
  /** When the model points are a slice of the user's table: the index of its first row there. */
  rowOffset?: number;
  /** The call's number on a long-lived worker (echoed in the reply). */
  id?: number;
}
export type WorkerReply = ({ result: FunctionResult } | { error: { code: ErrorCode | "INTERNAL"; message: string } }) & { id?: number };

/** What the worker does with one request: the same registry call as everywhere else. */
export function answer(request: WorkerRequest): WorkerReply {
  try {
    return { result: callFunction(request.name, request.args) };
  } catch (raw) {
    const e = withRowOffset(raw, request.rowOffset ?? 0);
    if (e instanceof McevError) return { error: { code: e.code, message: e.message } };
    return { error: { code: "INTERNAL", message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The reply as the caller sees it: the result, or the error thrown again (an McevError when it was one). */
export function unwrap(reply: WorkerReply): FunctionResult {
  if ("result" in reply) return reply.result;
  if (reply.error.code === "INTERNAL") throw new Error(reply.error.message);
  throw new McevError(reply.error.code, reply.error.message);
}
