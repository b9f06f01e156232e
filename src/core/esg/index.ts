/** Economic scenario generator: the Hull–White one-factor model, its closed forms and its calibration. */
export { HullWhite, checkHullWhiteParameters, resolveBondOptionType, type BondOptionType, type JamshidianDecomposition } from "./hullWhite";
export { calibrateHullWhite, CALIBRATION_BOUNDS, type CalibrationQuote, type CalibrationOptions, type FitRow, type HullWhiteCalibration } from "./calibration";
export { blackSwaption, bachelierSwaption, quotedSwaption, atmImpliedVol, resolveVolType, VOL_TYPES, type VolType, type SwaptionQuote } from "./quotes";
export { swapSchedule, swapValues, discountAt, type SwapSchedule, type SwapValues } from "./swap";
export { normalCdf, normalPdf } from "./normal";
