import type { Shock } from "../../core/valuation/shocks";
import { MCEV_SENSITIVITIES as CORE_MCEV, TEV_SENSITIVITIES as CORE_TEV } from "../../core/valuation/standardSensitivities";

/**
 * The sensitivities an engine run offers in the pane: the core's standard lists
 * (src/core/valuation/standardSensitivities.ts — the MCEV set of seed 003 Tables 6–7 plus required
 * capital at the regulatory minimum, and seed 001's traditional-EV set), grouped for the pane, and
 * custom shocks defined in the pane. A shock is the core's Shock, applied by the valuation run.
 */
export type EngineShock = Shock;

export type SensitivityGroup = "MCEV" | "TEV" | "custom";

export interface EngineSensitivity {
  id: string;
  name: string;
  group: SensitivityGroup;
  shock: EngineShock;
}

export const MCEV_SENSITIVITIES: readonly EngineSensitivity[] = CORE_MCEV.map((s) => ({ ...s, group: "MCEV" }));
export const TEV_SENSITIVITIES: readonly EngineSensitivity[] = CORE_TEV.map((s) => ({ ...s, group: "TEV" }));

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
