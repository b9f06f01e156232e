/**
 * The account-value (savings / variable annuity) engine: model points × scenarios × months in typed
 * arrays, with fees, cost of insurance, surrender charges, mortality and lapse from the projection
 * engine's tables, and death / maturity guarantees whose costs are separate cash flows. See docs/savings.md.
 */
export { checkSavingsBasis, type SavingsBasis } from "./basis";
export { cashValueContext, cashValueModel, cashValueScenario, type CashValueTables } from "./cashValueME";
export { fillGuarantees } from "./guarantees";
export { GUARANTEE, GUARANTEES, LEVEL, PREMIUM_TYPES, SINGLE, makeSavingsPoints, type GuaranteeType, type PremiumType, type SavingsPointColumns, type SavingsPoints } from "./modelPoints";
export { SavingsPointRowSchema, readSavingsPoints, type SavingsPointTable } from "./modelPointTable";
export { ProductSpecRowSchema, readProductSpecs, type ProductSpec } from "./productSpec";
export { checkSavings, lastAge, runSavings, savingsHorizon, type SavingsRunOptions } from "./projection";
export { PERIOD, PV, SAVINGS_PERIOD_LINES, SAVINGS_PV_LINES, savingsPeriodLine, savingsPvByScenario, type SavingsPeriodLine, type SavingsPvLine, type SavingsResult } from "./result";
export { constantReturns, lognormalReturns, makeScenarios, type InvestmentScenarios } from "./scenarios";
export { makeSurrenderChargeTable, readSurrenderCharges, surrenderChargeColumn, surrenderChargeRate, type SurrenderChargeTable } from "./surrenderCharge";
