import { createContext, useContext } from "react";
import type { Confirm } from "../assumptions/tables";
import type { Workbook } from "../workbook/workbook";

/** What every part of the pane needs: the workbook (absent outside Excel), the confirmation dialog, the version. */
export interface Pane {
  wb?: Workbook;
  confirm: Confirm;
  version: string;
}

export const PaneContext = createContext<Pane>({ confirm: async () => false, version: "" });

export function usePane(): Pane {
  return useContext(PaneContext);
}

/** The message of anything thrown. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
