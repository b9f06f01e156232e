import { Button, Caption1, Field, Input, Link, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { importFiles, toCsvFiles, toJson } from "../assumptions/io";
import { deleteSet, listSets, loadSet, saveSet, workbookSet, writeSetToWorkbook, type SetSummary } from "../assumptions/sets";
import { createAssumptionTables } from "../assumptions/tables";
import { validateWorkbook, type Problem } from "../assumptions/validate";
import { messageOf, usePane } from "./context";
import { download, readFiles } from "./files";
import { Status, type StatusMessage } from "./Status";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginBottom: "20px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  problems: { margin: 0, paddingLeft: "18px", display: "flex", flexDirection: "column", gap: "6px" },
  problem: { wordBreak: "break-word" },
  sets: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  set: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: "6px" },
  fill: { minWidth: 0, width: "100%" },
  setName: { flexGrow: 1, minWidth: "100px", wordBreak: "break-word" },
});

/** "mortality, row 3, column 1" — the link text of a problem. */
function where(p: Problem): string {
  return [p.table, p.row !== undefined ? `row ${p.row}` : undefined, p.column !== undefined ? `column ${p.column}` : undefined].filter(Boolean).join(", ");
}

export function AssumptionsTab() {
  const { wb, confirm } = usePane();
  const styles = useStyles();
  const [status, setStatus] = useState<StatusMessage>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>();
  const [sets, setSets] = useState<SetSummary[]>([]);
  const [setName, setSetName] = useState("base");
  const fileInput = useRef<HTMLInputElement>(null);

  const refreshSets = useCallback(async () => {
    if (wb) setSets(await listSets(wb));
  }, [wb]);
  useEffect(() => {
    refreshSets().catch((e) => setStatus({ intent: "error", text: `Could not read the stored sets: ${messageOf(e)}` }));
  }, [refreshSets]);

  /** Runs an action with the buttons disabled, reporting its outcome or its error. */
  const act = async (f: () => Promise<StatusMessage | undefined>) => {
    if (!wb) return;
    setBusy(true);
    try {
      const outcome = await f();
      if (outcome) setStatus(outcome);
    } catch (e) {
      setStatus({ intent: "error", text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    act(async () => {
      const r = await createAssumptionTables(wb!, confirm);
      const parts = [`${r.created.length} table${r.created.length === 1 ? "" : "s"} created on ${r.created[0]?.sheet ?? "the Assumptions sheet"}`];
      if (r.replaced.length) parts.push(`replaced: ${r.replaced.join(", ")}`);
      if (r.kept.length) parts.push(`kept as they were: ${r.kept.join(", ")}`);
      return { intent: "success", text: `${parts.join("; ")}.` };
    });

  const validate = () =>
    act(async () => {
      const report = await validateWorkbook(wb!);
      setProblems(report.problems);
      if (report.checked.length === 0) return { intent: "warning", text: "The workbook has no assumption tables yet: create them or import a set." };
      const n = report.problems.length;
      const missing = report.missing.length ? ` Not in the workbook: ${report.missing.join(", ")}.` : "";
      return n === 0
        ? { intent: "success", text: `No problems in ${report.checked.length} tables.${missing}` }
        : { intent: "warning", text: `${n} problem${n === 1 ? "" : "s"} in ${new Set(report.problems.map((p) => p.table)).size} of ${report.checked.length} tables.${missing}` };
    });

  const onFiles = (list: FileList | null) =>
    act(async () => {
      const files = await readFiles(list);
      if (fileInput.current) fileInput.current.value = "";
      if (files.length === 0) return undefined;
      const { set, skipped } = importFiles(files);
      if (set.tables.length === 0) return { intent: "warning", text: `No assumption tables in the chosen files. ${skipped.map((s) => `${s.file}: ${s.reason}`).join("; ")}` };
      const r = await writeSetToWorkbook(wb!, set, confirm);
      const skippedText = skipped.length ? ` Skipped: ${skipped.map((s) => `${s.file} (${s.reason})`).join("; ")}.` : "";
      const keptText = r.kept.length ? ` Kept as they were: ${r.kept.join(", ")}.` : "";
      return { intent: skipped.length || r.kept.length ? "warning" : "success", text: `Imported ${r.created.length} table${r.created.length === 1 ? "" : "s"}.${keptText}${skippedText}` };
    });

  const exportAs = (format: "json" | "csv") =>
    act(async () => {
      const set = await workbookSet(wb!, "workbook");
      if (set.tables.length === 0) return { intent: "warning", text: "There are no assumption tables to export." };
      set.savedAt = new Date().toISOString();
      if (format === "json") download("assumptions.json", toJson(set), "application/json");
      else for (const f of toCsvFiles(set)) download(f.fileName, f.content, "text/csv");
      return { intent: "success", text: `Exported ${set.tables.length} tables as ${format === "json" ? "assumptions.json" : "CSV files"}.` };
    });

  const save = () =>
    act(async () => {
      const ok = await saveSet(wb!, setName, confirm);
      await refreshSets();
      return ok ? { intent: "success", text: `The tables are stored as the set "${setName.trim()}".` } : { intent: "info", text: "Nothing was stored." };
    });

  const load = (name: string) =>
    act(async () => {
      const r = await loadSet(wb!, name, confirm);
      return r.kept.length ? { intent: "info", text: `The set "${name}" was not loaded; the tables are as they were.` } : { intent: "success", text: `The tables now hold the set "${name}".` };
    });

  const remove = (name: string) =>
    act(async () => {
      const ok = await deleteSet(wb!, name, confirm);
      await refreshSets();
      return ok ? { intent: "success", text: `The set "${name}" was deleted.` } : undefined;
    });

  const disabled = busy || !wb;
  return (
    <div>
      <Status status={status} />
      <section className={styles.section} aria-labelledby="tables-heading">
        <Subtitle2 as="h2" id="tables-heading">
          Tables
        </Subtitle2>
        <Caption1>Model points, mortality, lapse, expenses, curves, volatilities, FX, tax… as Excel tables on the Assumptions sheet, with sample values.</Caption1>
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={disabled} onClick={create}>
            Create standard tables
          </Button>
          <Button disabled={disabled} onClick={validate}>
            Validate
          </Button>
        </div>
        {problems && problems.length > 0 && (
          <ol className={styles.problems} aria-label="Problems found">
            {problems.map((p, k) => (
              <li key={k} className={styles.problem}>
                {p.address ? (
                  <Link as="button" onClick={() => void wb?.select(p.address as string).catch((e) => setStatus({ intent: "error", text: messageOf(e) }))} title={`Select ${p.address}`}>
                    {where(p)}
                  </Link>
                ) : (
                  <strong>{where(p)}</strong>
                )}
                : {p.message.slice(p.message.indexOf(": ") + 2)}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className={styles.section} aria-labelledby="io-heading">
        <Subtitle2 as="h2" id="io-heading">
          Import and export
        </Subtitle2>
        <Caption1>A whole set as one JSON file, or as CSV files named like the tables (mortality.csv, lapse.csv…).</Caption1>
        <input ref={fileInput} type="file" accept=".csv,.json" multiple hidden aria-hidden="true" data-testid="import-files" onChange={(e) => void onFiles(e.currentTarget.files)} />
        <div className={styles.buttons}>
          <Button disabled={disabled} onClick={() => fileInput.current?.click()}>
            Import…
          </Button>
          <Button disabled={disabled} onClick={() => exportAs("json")}>
            Export JSON
          </Button>
          <Button disabled={disabled} onClick={() => exportAs("csv")}>
            Export CSV
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="sets-heading">
        <Subtitle2 as="h2" id="sets-heading">
          Assumption sets
        </Subtitle2>
        <Caption1>Store the tables under a name (the base, variants) in the workbook; a run can choose one.</Caption1>
        <Field label="Set name">
          <Input className={styles.fill} value={setName} onChange={(_, d) => setSetName(d.value)} disabled={disabled} />
        </Field>
        <div className={styles.buttons}>
          <Button disabled={disabled || setName.trim() === ""} onClick={save}>
            Store tables as set
          </Button>
        </div>
        {sets.length > 0 && (
          <ul className={styles.sets} aria-label="Stored sets">
            {sets.map((s) => (
              <li key={s.name} className={styles.set}>
                <span className={styles.setName}>
                  <strong>{s.name}</strong>
                  <br />
                  <Caption1>
                    {s.tables.length} tables{s.savedAt ? `, ${new Date(s.savedAt).toLocaleString()}` : ""}
                  </Caption1>
                </span>
                <Button size="small" disabled={disabled} onClick={() => load(s.name)} aria-label={`Load set ${s.name} into the tables`}>
                  Load
                </Button>
                <Button size="small" disabled={disabled} onClick={() => remove(s.name)} aria-label={`Delete set ${s.name}`}>
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
