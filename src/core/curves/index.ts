export { YieldCurve, ShiftedCurve } from "./yieldCurve";
export { fitCurve, fitSmithWilsonAlpha, checkCurveNodes, type CurveInput } from "./fit";
export { CURVE_METHODS, DEFAULT_METHOD, resolveMethod, type CurveMethod } from "./method";
export { SmithWilsonCurve, smithWilsonAlpha, convergencePoint, ALPHA_MIN, CONVERGENCE_TOLERANCE } from "./smithWilson";
export { LinearZeroCurve } from "./linearZero";
export { LogLinearCurve } from "./logLinear";
export { MonotoneConvexCurve } from "./monotoneConvex";
