/**
 * The standard sensitivities of an engine run, as the pane offers them:
 * - the MCEV set of the CFO Forum principles, named as in seed 003 (SCOR MCEV 2011) Tables 6–7, plus
 *   required capital at the regulatory minimum;
 * - the traditional-EV set of seed 001 (SCOR Vie EV 2004): discount rate ±0.50%, claims −5%, expenses
 *   −10%, lapses +10%, projected return rates +0.50%, solvency margin +10%;
 * - custom shocks defined in the pane.
 * A shock is a description; the engine run (issue 4) applies it to the assumption set.
 */
export interface EngineShock {
  /** Added to every reference (swap) rate: 0.01 = +100 bp. */
  interest?: number;
  /** Equity and property capital values × factor. */
  equity?: number;
  equityVolatility?: number;
  swaptionVolatility?: number;
  /** Maintenance expenses × factor. */
  maintenanceExpenses?: number;
  /** All expenses × factor (traditional EV). */
  expenses?: number;
  lapse?: number;
  /** Mortality/morbidity × factor for life (protection) business. */
  mortalityLife?: number;
  /** Mortality × factor for annuities. */
  mortalityAnnuity?: number;
  /** Claims × factor (traditional EV). */
  claims?: number;
  /** Mortality improvements switched off. */
  noImprovements?: boolean;
  /** Required capital at the regulatory minimum. */
  capitalAtMinimum?: boolean;
  /** Added to the risk discount rate (traditional EV). */
  discountRate?: number;
  /** Added to the projected investment returns (traditional EV). */
  projectedReturns?: number;
  /** Required (solvency margin) capital × factor. */
  solvencyMargin?: number;
}

export type SensitivityGroup = "MCEV" | "TEV" | "custom";

export interface EngineSensitivity {
  id: string;
  name: string;
  group: SensitivityGroup;
  shock: EngineShock;
}

const mcev = (id: string, name: string, shock: EngineShock): EngineSensitivity => ({ id, name, group: "MCEV", shock });
const tev = (id: string, name: string, shock: EngineShock): EngineSensitivity => ({ id, name, group: "TEV", shock });

export const MCEV_SENSITIVITIES: readonly EngineSensitivity[] = [
  mcev("mortality-life", "Mortality/Morbidity -5% (life insurance)", { mortalityLife: 0.95 }),
  mcev("no-improvements", "No mortality improvements (life insurance)", { noImprovements: true }),
  mcev("mortality-annuities", "Mortality/Morbidity -5% (annuities)", { mortalityAnnuity: 0.95 }),
  mcev("lapse-down", "Lapse rates -10%", { lapse: 0.9 }),
  mcev("maintenance-down", "Maintenance expenses -10%", { maintenanceExpenses: 0.9 }),
  mcev("rates-up", "Interest rates +100 bps", { interest: 0.01 }),
  mcev("rates-down", "Interest rates -100 bps", { interest: -0.01 }),
  mcev("equity-down", "Equity and property capital values -10%", { equity: 0.9 }),
  mcev("equity-vol-up", "Equity and property implied volatility +25%", { equityVolatility: 1.25 }),
  mcev("swaption-vol-up", "Swaption implied volatility +25%", { swaptionVolatility: 1.25 }),
  mcev("capital-minimum", "Required capital at the regulatory minimum", { capitalAtMinimum: true }),
];

export const TEV_SENSITIVITIES: readonly EngineSensitivity[] = [
  tev("discount-down", "Discount rate -0.50%", { discountRate: -0.005 }),
  tev("discount-up", "Discount rate +0.50%", { discountRate: 0.005 }),
  tev("claims-down", "Claims -5%", { claims: 0.95 }),
  tev("expenses-down", "Expenses -10%", { expenses: 0.9 }),
  tev("lapses-up", "Lapses +10%", { lapse: 1.1 }),
  tev("returns-up", "Projected return rates +0.50%", { projectedReturns: 0.005 }),
  tev("solvency-up", "Solvency margin +10%", { solvencyMargin: 1.1 }),
];

/** What a custom shock in the pane can move, with how its amount is read. */
export const CUSTOM_TARGETS: readonly { key: keyof EngineShock; label: string; kind: "factor" | "shift" }[] = [
  { key: "interest", label: "Reference rates (shift)", kind: "shift" },
  { key: "mortalityLife", label: "Mortality, life (factor)", kind: "factor" },
  { key: "mortalityAnnuity", label: "Mortality, annuities (factor)", kind: "factor" },
  { key: "lapse", label: "Lapse rates (factor)", kind: "factor" },
  { key: "maintenanceExpenses", label: "Maintenance expenses (factor)", kind: "factor" },
  { key: "equity", label: "Equity values (factor)", kind: "factor" },
  { key: "equityVolatility", label: "Equity volatility (factor)", kind: "factor" },
  { key: "swaptionVolatility", label: "Swaption volatility (factor)", kind: "factor" },
];

/** A custom sensitivity: one target moved by an amount (a factor like 0.95, or a shift like 0.005). */
export function customSensitivity(name: string, target: keyof EngineShock, amount: number): EngineSensitivity {
  if (!Number.isFinite(amount)) throw new Error(`${name}: the amount is not a number`);
  const t = CUSTOM_TARGETS.find((x) => x.key === target);
  if (!t) throw new Error(`${name}: "${String(target)}" cannot be shocked from the pane`);
  if (t.kind === "factor" && amount < 0) throw new Error(`${name}: a factor must be >= 0 (0.95 for −5%)`);
  return { id: `custom:${name}`, name, group: "custom", shock: { [target]: amount } };
}
