import { Caption1, FluentProvider, makeStyles, MessageBar, MessageBarBody, Tab, TabList, Title3, tokens, webLightTheme } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { recoverPendingRun } from "../runs/workbookRun";
import type { Workbook } from "../workbook/workbook";
import { AssumptionsTab } from "./AssumptionsTab";
import { useConfirmDialog } from "./ConfirmDialog";
import { messageOf, PaneContext, type Pane } from "./context";
import { FunctionsTab } from "./FunctionsTab";
import { RunsTab } from "./RunsTab";
import { WorkbookRunsTab } from "./WorkbookRunsTab";

const useStyles = makeStyles({
  root: { padding: "12px 12px 24px", minWidth: "240px", maxWidth: "48rem", boxSizing: "border-box" },
  header: { marginBottom: "8px", display: "flex", flexDirection: "column" },
  title: { color: tokens.colorBrandForeground1, margin: "0 0 2px" },
  tabs: { marginBottom: "12px", flexWrap: "wrap" },
  banner: { marginBottom: "8px" },
});

type TabId = "assumptions" | "runs" | "workbook" | "functions";

export interface AppProps {
  wb?: Workbook;
  /** "Running in Excel (OfficeOnline)." or why there is no workbook. */
  hostStatus: string;
  version: string;
}

export function App({ wb, hostStatus, version }: AppProps) {
  const styles = useStyles();
  const [confirm, dialog] = useConfirmDialog();
  const [tab, setTab] = useState<TabId>("assumptions");
  const [recovery, setRecovery] = useState<{ intent: "success" | "error"; text: string }>();
  const pane = useMemo<Pane>(() => ({ wb, confirm, version }), [wb, confirm, version]);

  // a workbook run interrupted by a crash left its original inputs in the workbook: put them back first
  useEffect(() => {
    if (!wb) return;
    recoverPendingRun(wb).then(
      (r) => r && setRecovery({ intent: "success", text: `A workbook run started ${new Date(r.startedAt).toLocaleString()} did not finish. Its inputs (${r.inputs.join(", ")}) were restored.` }),
      (e) => setRecovery({ intent: "error", text: messageOf(e) }),
    );
  }, [wb]);

  return (
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={pane}>
        <main className={styles.root}>
          <header className={styles.header}>
            <Title3 as="h1" className={styles.title}>
              MCEV Toolkit
            </Title3>
            <Caption1>
              Version {version} · <span role="status">{hostStatus}</span>
            </Caption1>
          </header>
          {recovery && (
            <MessageBar className={styles.banner} intent={recovery.intent} layout="multiline">
              <MessageBarBody>{recovery.text}</MessageBarBody>
            </MessageBar>
          )}
          <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small" aria-label="Task pane sections">
            <Tab value="assumptions">Assumptions</Tab>
            <Tab value="runs">Runs</Tab>
            <Tab value="workbook">Workbook runs</Tab>
            <Tab value="functions">Functions</Tab>
          </TabList>
          {/* every section stays mounted (a run keeps going while another tab is shown) */}
          <div role="tabpanel" aria-label="Assumptions" hidden={tab !== "assumptions"}>
            <AssumptionsTab />
          </div>
          <div role="tabpanel" aria-label="Runs" hidden={tab !== "runs"}>
            <RunsTab />
          </div>
          <div role="tabpanel" aria-label="Workbook runs" hidden={tab !== "workbook"}>
            <WorkbookRunsTab />
          </div>
          <div role="tabpanel" aria-label="Functions" hidden={tab !== "functions"}>
            <FunctionsTab />
          </div>
        </main>
        {dialog}
      </PaneContext.Provider>
    </FluentProvider>
  );
}
