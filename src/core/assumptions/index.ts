/**
 * Assumption tables: plain rectangular tables with a header row (an Excel table, or a CSV file with the
 * same header), one module per kind, each with a valibot row schema and a reader returning the
 * engine's typed structure. See docs/assumptions.md.
 */
export { type BySex, type AgeBlock, forSex } from "./ageTable";
export { readAssumptionSet, checkAgesCovered, tableKind, TABLE_NAMES, TABLE_ALIASES, type AssumptionSet, type TableName } from "./assumptionSet";
export { CapitalSchema, readCapital, type CapitalBasis } from "./capital";
export { CommissionSchema, readCommission, type Commission } from "./commission";
export { DiscountRateRowSchema, readDiscountRates, type DiscountRateRow, type DiscountRates } from "./discountRates";
export { ExpensesSchema, readExpenses, type Expenses } from "./expenses";
export { MAX_AGE, PRODUCTS, SEXES, type ProductCode, type Sex } from "./fields";
export { FlatImprovementRowSchema, ImprovementRowSchema, ImprovementRate, readMortalityImprovement, type MortalityImprovement } from "./improvement";
export { LapseByDurationRowSchema, LapseRowSchema, readLapse, type LapseRow } from "./lapse";
export { ModelPointRowSchema, readModelPoints, splitModelPoints, type ModelPointGroup, type ModelPointOptions, type ModelPointRow, type ModelPointTable } from "./modelPoints";
export { MortalityRate, MortalityRowSchema, readMortality, type MortalityBasis, type MortalityRow } from "./mortality";
export { readParameters } from "./parameters";
export { PremiumRateRowSchema, readPremiumRates, type PremiumRateRow, type PremiumRates } from "./premiumRates";
export { ReinsuranceSchema, readReinsurance, type ReinsuranceTerms } from "./reinsurance";
export { readRows, normalise } from "./rows";
export { TaxRowSchema, readTax, taxRate, type TaxRates, type TaxRow } from "./tax";
export { YrtRateRowSchema, readYrtRates, type YrtRateRow } from "./yrtRates";
export { ZeroCurveRowSchema, curveNodes, readZeroCurve, type CurveNodes, type ZeroCurveRow, type ZeroCurves } from "./zeroCurve";
