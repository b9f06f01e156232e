import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answer, type WorkerRequest } from "../../src/functions/worker/protocol";

/**
 * The long-lived worker of the scenario functions, with a stand-in Worker class that answers each
 * request through the real registry (protocol.answer) one macrotask later, in order, as a Web Worker does.
 */
class FakeWorker {
  static created = 0;
  static terminated = 0;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  private queue: WorkerRequest[] = [];
  private dead = false;
  constructor(_url: URL) {
    FakeWorker.created++;
  }
  postMessage(request: WorkerRequest) {
    this.queue.push(request);
    setTimeout(() => {
      const next = this.queue.shift();
      if (this.dead || !next) return;
      this.onmessage?.({ data: { ...answer(next), id: next.id } });
    }, 5);
  }
  terminate() {
    this.dead = true;
    FakeWorker.terminated++;
  }
}

const USD = [[1], [2], [3], [5], [7], [10]];
const RATES = [[0.004], [0.0045], [0.0055], [0.0095], [0.0145], [0.0209]];
const args = (scenarios: number) => [USD, RATES, 0.02, 0.0115, 0.263, -0.4, scenarios, 3];

describe("the scenario functions' long-lived worker", () => {
  beforeEach(() => {
    vi.stubGlobal("Worker", FakeWorker);
    FakeWorker.created = 0;
    FakeWorker.terminated = 0;
    vi.resetModules();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("two cells with the same scenario inputs go to ONE worker and get the same table", async () => {
    const { callInWorker } = await import("../../src/functions/worker/client");
    const [a, b] = await Promise.all([callInWorker("ESG.CHECK", args(200)), callInWorker("ESG.CHECK", args(200))]);
    expect(FakeWorker.created).toBe(1);
    expect(b).toEqual(a);
    expect((a as unknown[][]).length).toBe(4); // header + 3 years
    // a projection still gets a fresh worker per call
    const { SHARED_STATE_FUNCTIONS } = await import("../../src/functions/worker/client");
    expect(SHARED_STATE_FUNCTIONS.has("PROJECT")).toBe(false);
  });

  it("cancelling the running call terminates the worker and sends the queued call to a new one; cancelling a queued call drops it", async () => {
    const { callInWorker } = await import("../../src/functions/worker/client");
    const first: { onCanceled?: () => void } = {};
    const second: { onCanceled?: () => void } = {};
    const third: { onCanceled?: () => void } = {};
    const p1 = callInWorker("ESG.CHECK", args(100), first);
    const p2 = callInWorker("ESG.CHECK", args(120), second);
    const p3 = callInWorker("ESG.CHECK", args(140), third);
    third.onCanceled?.(); // queued: dropped, the worker keeps going
    expect(FakeWorker.terminated).toBe(0);
    first.onCanceled?.(); // running: the worker is terminated and p2 re-sent
    expect(FakeWorker.terminated).toBe(1);
    expect(FakeWorker.created).toBe(2);
    await expect(p1).rejects.toThrow("canceled");
    await expect(p3).rejects.toThrow("canceled");
    const r2 = (await p2) as unknown[][];
    expect(r2).toEqual((answer({ name: "ESG.CHECK", args: args(120) }) as { result: unknown }).result);
  });

  it("an error in one call is reported to that call only", async () => {
    const { callInWorker } = await import("../../src/functions/worker/client");
    const bad = callInWorker("ESG.CHECK", [USD, RATES, 0.02, -1, 0.263, -0.4, 100, 3]);
    const good = callInWorker("ESG.CHECK", args(100));
    await expect(bad).rejects.toThrow(/sigma/);
    expect(((await good) as unknown[][]).length).toBe(4);
    expect(FakeWorker.created).toBe(1);
  });
});
