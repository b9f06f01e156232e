import { invalid } from "../errors";
import type { ModelPoints } from "./modelPoints";
import { LINE, PERIOD_LINES, PV_LINES, type ProjectionResult } from "./result";

/** The projection grid and the economic vectors on it. */
export interface ProjectionContext {
  /** Number of periods t = 0 .. steps − 1 (months). */
  steps: number;
  stepsPerYear: number;
  /** Discount factor for cash flows at the start of period t, t = 0 .. steps (one more than the grid, for profits at the end of the last period). */
  discount: Float64Array;
  /** Expense inflation index by period. */
  inflation: Float64Array;
}

export interface RunOptions {
  /** Aggregate every line by period (the cash-flow table); off for PV-only runs (benchmarks, large batches). */
  perPeriod: boolean;
  /** Keep the net PV of every model point. */
  perPoint: boolean;
  /** Points [from, to) — a slice, so that a run can be split across workers and the parts added. */
  from: number;
  to: number;
}

/**
 * A product is one module behind this interface: it knows its per-policy cash flows and projects a
 * range of model points into the shared outputs. Adding a product never changes the engine.
 */
export interface Product<Basis> {
  readonly name: string;
  /** Periods needed to run every point off (some products need the basis, e.g. an annuity's last age). */
  horizon(points: ModelPoints, basis?: Basis, stepsPerYear?: number): number;
  /** Refuses model points the basis cannot project (ages outside tables, missing premiums, …). */
  check(points: ModelPoints, basis: Basis): void;
  project(points: ModelPoints, basis: Basis, ctx: ProjectionContext, options: RunOptions, out: ProjectionResult): void;
}

/** Runs a product over model points; results are additive over slices of points. */
export function runProjection<B>(product: Product<B>, points: ModelPoints, basis: B, ctx: ProjectionContext, options: Partial<RunOptions> = {}): ProjectionResult {
  const opts: RunOptions = { perPeriod: options.perPeriod ?? true, perPoint: options.perPoint ?? false, from: options.from ?? 0, to: options.to ?? points.count };
  if (!(opts.from >= 0 && opts.to <= points.count && opts.from <= opts.to)) invalid("model_points", `the slice ${opts.from}..${opts.to} is outside 0..${points.count}`);
  if (ctx.discount.length < ctx.steps || ctx.inflation.length < ctx.steps) invalid("discount_rates", `gives ${ctx.discount.length} periods; the projection needs ${ctx.steps}`);
  product.check(points, basis);
  const out: ProjectionResult = {
    steps: ctx.steps,
    stepsPerYear: ctx.stepsPerYear,
    perPeriod: opts.perPeriod ? new Float64Array(PERIOD_LINES.length * ctx.steps) : undefined,
    pv: new Float64Array(PV_LINES.length),
    pvByPoint: opts.perPoint ? new Float64Array(points.count) : undefined,
    premiumByPoint: new Float64Array(points.count),
  };
  product.project(points, basis, ctx, opts, out);
  if (out.perPeriod) out.perPeriod.set(ctx.discount.subarray(0, ctx.steps), LINE.discount_factor * ctx.steps);
  return out;
}
