import { describe, expect, it } from "vitest";
import { performJob, type JobMessage, type JobRequest } from "../../src/taskpane/runs/jobProtocol";
import { hasJob } from "../../src/taskpane/runs/jobs";
import { customSensitivity, MCEV_SENSITIVITIES, TEV_SENSITIVITIES } from "../../src/taskpane/runs/sensitivities";
import { JobCancelled, runJob, type JobProgress } from "../../src/taskpane/runs/workerRunner";

const sumOfSquares = (n: number) => (n * (n + 1) * (2 * n + 1)) / 6;

/** A stand-in Worker: answers through performJob on a later task, records terminate(). */
class FakeWorker {
  onmessage: ((e: MessageEvent<JobMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(request: JobRequest): void {
    setTimeout(() => void performJob(request, (m) => !this.terminated && this.onmessage?.({ data: m } as MessageEvent<JobMessage>), () => this.terminated), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe("the job runner", () => {
  it("runs a job in-process where there is no Worker: result and progress", async () => {
    const progress: JobProgress[] = [];
    const result = await runJob<number>({ kind: "test.sum-of-squares", params: { n: 1000, steps: 4 } }, { onProgress: (p) => progress.push(p) });
    expect(result).toBe(sumOfSquares(1000));
    expect(progress.map((p) => [p.done, p.total])).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
  });

  it("errors of the job and unknown kinds come back as rejections", async () => {
    await expect(runJob({ kind: "test.sum-of-squares", params: { n: 10, failAt: 2 } })).rejects.toThrow("the test job failed at step 2");
    await expect(runJob({ kind: "test.sum-of-squares", params: { n: -1 } })).rejects.toThrow(/whole number >= 0/);
    await expect(runJob({ kind: "no.such.job", params: {} })).rejects.toThrow('no job of kind "no.such.job" in this version');
    await expect(runJob({ kind: "valuation", params: {} })).rejects.toThrow("the valuation job needs an assumption set");
    expect(hasJob("test.sum-of-squares")).toBe(true);
    expect(hasJob("valuation")).toBe(true);
  });

  it("cancel: rejects with JobCancelled at once and stops the job", async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const run = runJob({ kind: "test.sum-of-squares", params: { n: 100, steps: 10 } }, { signal: controller.signal, onProgress: (p) => (progress.push(p.done), p.done === 3 && controller.abort()) });
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(progress).toEqual([1, 2, 3]);
    const already = new AbortController();
    already.abort();
    await expect(runJob({ kind: "test.sum-of-squares", params: { n: 1 } }, { signal: already.signal })).rejects.toBeInstanceOf(JobCancelled);
  });

  it("with a Worker: messages in, result out, the worker terminated after the result and on cancel", async () => {
    const workers: FakeWorker[] = [];
    const createWorker = () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    };
    expect(await runJob<number>({ kind: "test.sum-of-squares", params: { n: 50, steps: 5 } }, { createWorker })).toBe(sumOfSquares(50));
    expect(workers[0]?.terminated).toBe(true);
    const controller = new AbortController();
    const run = runJob({ kind: "test.sum-of-squares", params: { n: 50, steps: 5 } }, { createWorker, signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(workers[1]?.terminated).toBe(true);
  });
});

describe("the standard sensitivities", () => {
  it("MCEV set as in seed 003 Tables 6–7 (+ capital at the regulatory minimum); traditional set as in seed 001", () => {
    expect(MCEV_SENSITIVITIES.map((s) => s.name)).toEqual([
      "Mortality/Morbidity -5% (life insurance)",
      "No mortality improvements (annuities)",
      "Mortality/Morbidity -5% (annuities)",
      "Lapse rates -10%",
      "Maintenance expenses -10%",
      "Interest rates +100 bps",
      "Interest rates -100 bps",
      "Equity and property capital values -10%",
      "Equity and property implied volatility +25%",
      "Swaption implied volatility +25%",
      "Required capital at the regulatory minimum",
    ]);
    expect(TEV_SENSITIVITIES.map((s) => [s.name, s.shock])).toEqual([
      ["Discount rate -0.50%", { discountRate: -0.005 }],
      ["Discount rate +0.50%", { discountRate: 0.005 }],
      ["Claims -5%", { claims: 0.95 }],
      ["Expenses -10%", { expenses: 0.9 }],
      ["Lapses +10%", { lapse: 1.1 }],
      ["Projected return rates +0.50%", { projectedReturns: 0.005 }],
      ["Solvency margin +10%", { solvencyMargin: 1.1 }],
    ]);
    const ids = [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("custom shocks", () => {
    expect(customSensitivity("Lapse +20%", "lapse", 1.2)).toEqual({ id: "custom:Lapse +20%", name: "Lapse +20%", group: "custom", shock: { lapse: 1.2 } });
    expect(() => customSensitivity("x", "lapse", -1)).toThrow(/factor must be >= 0/);
    expect(() => customSensitivity("x", "interest", Number.NaN)).toThrow(/not a number/);
  });
});
