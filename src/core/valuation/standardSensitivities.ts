import type { SensitivitySpec } from "./sensitivities";

/**
 * The standard sensitivities, named as the disclosures name them:
 * - the CFO Forum MCEV set of seed 003 Tables 6–7, plus required capital at the regulatory minimum;
 * - seed 001's traditional-EV set: discount rate ±0.50%, claims −5%, expenses −10%, lapses +10%,
 *   projected return rates +0.50%, solvency margin +10%.
 */
const spec = (id: string, name: string, shock: SensitivitySpec["shock"]): SensitivitySpec => ({ id, name, shock });

export const MCEV_SENSITIVITIES: readonly SensitivitySpec[] = [
  spec("mortality-life", "Mortality/Morbidity -5% (life insurance)", { mortalityLife: 0.95 }),
  spec("no-improvements", "No mortality improvements (annuities)", { noImprovements: true }),
  spec("mortality-annuities", "Mortality/Morbidity -5% (annuities)", { mortalityAnnuity: 0.95 }),
  spec("lapse-down", "Lapse rates -10%", { lapse: 0.9 }),
  spec("maintenance-down", "Maintenance expenses -10%", { maintenanceExpenses: 0.9 }),
  spec("rates-up", "Interest rates +100 bps", { interest: 0.01 }),
  spec("rates-down", "Interest rates -100 bps", { interest: -0.01 }),
  spec("equity-down", "Equity and property capital values -10%", { equity: 0.9 }),
  spec("equity-vol-up", "Equity and property implied volatility +25%", { equityVolatility: 1.25 }),
  spec("swaption-vol-up", "Swaption implied volatility +25%", { swaptionVolatility: 1.25 }),
  spec("capital-minimum", "Required capital at the regulatory minimum", { capitalAtMinimum: true }),
];

export const TEV_SENSITIVITIES: readonly SensitivitySpec[] = [
  spec("discount-down", "Discount rate -0.50%", { discountRate: -0.005 }),
  spec("discount-up", "Discount rate +0.50%", { discountRate: 0.005 }),
  spec("claims-down", "Claims -5%", { claims: 0.95 }),
  spec("expenses-down", "Expenses -10%", { expenses: 0.9 }),
  spec("lapses-up", "Lapses +10%", { lapse: 1.1 }),
  spec("returns-up", "Projected return rates +0.50%", { projectedReturns: 0.005 }),
  spec("solvency-up", "Solvency margin +10%", { solvencyMargin: 1.1 }),
];
