/** Economic scenario generator: the Hull–White one-factor model, its closed forms, its calibration, the exact simulation of rates and equity, and the martingale tests. */
export { HullWhite, checkHullWhiteParameters, resolveBondOptionType, type BondOptionType, type JamshidianDecomposition } from "./hullWhite";
export { calibrateHullWhite, CALIBRATION_BOUNDS, type CalibrationQuote, type CalibrationOptions, type FitRow, type HullWhiteCalibration } from "./calibration";
export { blackSwaption, bachelierSwaption, quotedSwaption, atmImpliedVol, resolveVolType, VOL_TYPES, type VolType, type SwaptionQuote } from "./quotes";
export { swapSchedule, swapValues, discountAt, type SwapSchedule, type SwapValues } from "./swap";
export { normalCdf, normalPdf } from "./normal";
export { simulateScenarios, simulateSlice, resolveScenarioSpec, scenarioKey, scenarioNormals, bondPrices, bankAccountReturns, equityTotalReturns, toInvestmentScenarios, GENERATORS, MAX_SCENARIO_VALUES, type ScenarioSpec, type ResolvedScenarioSpec, type ScenarioSet, type ScenarioGenerator } from "./simulation";
export { martingaleTests, swaptionTests, meanAndError, type MartingaleRow, type MartingaleReport, type MartingaleOptions, type SwaptionCheckRow } from "./martingale";
export { equityVolCurve, totalVariance, type EquityVolInput, type EquityVolCurve } from "./equityVol";
