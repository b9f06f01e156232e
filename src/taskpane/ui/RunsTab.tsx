import { Button, Caption1, Checkbox, Field, Input, makeStyles, Select, Subtitle2 } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { listSets, WORKBOOK_TABLES, type SetSummary } from "../assumptions/sets";
import { duration, runEngineSensitivities } from "../runs/engineRun";
import { CUSTOM_TARGETS, customSensitivity, MCEV_SENSITIVITIES, TEV_SENSITIVITIES, type EngineSensitivity, type EngineShock } from "../runs/sensitivities";
import { JobCancelled } from "../runs/workerRunner";
import { messageOf, usePane } from "./context";
import { Progress } from "./Progress";
import { Status, type StatusMessage } from "./Status";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginBottom: "20px" },
  group: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  custom: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: "8px" },
  fill: { minWidth: 0, width: "100%" },
  wide: { gridColumn: "1 / span 2" },
});

export function RunsTab() {
  const { wb, confirm, version } = usePane();
  const styles = useStyles();
  const [sets, setSets] = useState<SetSummary[]>([]);
  const [choice, setChoice] = useState(WORKBOOK_TABLES);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(MCEV_SENSITIVITIES.map((s) => s.id)));
  const [custom, setCustom] = useState<EngineSensitivity[]>([]);
  const [draft, setDraft] = useState({ name: "", target: "lapse" as keyof EngineShock, amount: "0.8" });
  const [status, setStatus] = useState<StatusMessage>();
  const [progress, setProgress] = useState<{ done: number; total: number; label: string }>();
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController>(undefined);

  // stored sets: read when the pane opens and again whenever the choice gets focus (a set may have been stored since)
  const refreshSets = useCallback(() => {
    if (wb) listSets(wb).then(setSets, () => undefined);
  }, [wb]);
  useEffect(refreshSets, [refreshSets]);

  const toggle = (id: string, on: boolean) => setChosen((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  const all = [...MCEV_SENSITIVITIES, ...TEV_SENSITIVITIES, ...custom];
  const selected = all.filter((s) => chosen.has(s.id));

  const addCustom = () => {
    try {
      const s = customSensitivity(draft.name.trim() || `${draft.target} ${draft.amount}`, draft.target, Number(draft.amount));
      setCustom((c) => [...c.filter((x) => x.id !== s.id), s]);
      setChosen((c) => new Set(c).add(s.id));
      setDraft({ ...draft, name: "" });
    } catch (e) {
      setStatus({ intent: "error", text: messageOf(e) });
    }
  };

  const run = async () => {
    if (!wb) return;
    controller.current = new AbortController();
    setCancelling(false);
    setStatus(undefined);
    setProgress({ done: 0, total: selected.length + 1, label: "Preparing" });
    try {
      const { sheet, result } = await runEngineSensitivities(wb, {
        choice,
        sensitivities: selected,
        version,
        confirm,
        signal: controller.current.signal,
        onProgress: (p) => setProgress({ done: p.done, total: p.total, label: p.label ?? "Running" }),
      });
      const { baseMs, totalMs, runs } = result.timings;
      setStatus({ intent: "success", text: `Results written to the sheet "${sheet.sheet}". Base case ${duration(baseMs)}; base + ${runs - 1} sensitivit${runs === 2 ? "y" : "ies"} ${duration(totalMs)}.` });
    } catch (e) {
      setStatus(e instanceof JobCancelled ? { intent: "info", text: "The run was cancelled; nothing was written." } : { intent: "error", text: messageOf(e) });
    } finally {
      setProgress(undefined);
    }
  };

  const group = (title: string, list: readonly EngineSensitivity[]) => (
    <fieldset className={styles.group}>
      <legend>
        <Subtitle2>{title}</Subtitle2>
      </legend>
      {list.map((s) => (
        <Checkbox key={s.id} label={s.name} checked={chosen.has(s.id)} onChange={(_, d) => toggle(s.id, d.checked === true)} />
      ))}
    </fieldset>
  );

  return (
    <div>
      <Status status={status} />
      <section className={styles.section} aria-label="Run settings">
        <Field label="Assumption set">
          <Select className={styles.fill} value={choice} onFocus={refreshSets} onChange={(_, d) => setChoice(d.value)}>
            <option value={WORKBOOK_TABLES}>The workbook's tables</option>
            {sets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        {group("MCEV sensitivities", MCEV_SENSITIVITIES)}
        {group("Traditional EV sensitivities", TEV_SENSITIVITIES)}
        {custom.length > 0 && group("Custom shocks", custom)}
        <fieldset className={styles.group}>
          <legend>
            <Subtitle2>Add a custom shock</Subtitle2>
          </legend>
          <div className={styles.custom}>
            <Field label="Name" className={styles.wide}>
              <Input className={styles.fill} value={draft.name} placeholder="e.g. Lapse -20%" onChange={(_, d) => setDraft({ ...draft, name: d.value })} />
            </Field>
            <Field label="Shock">
              <Select className={styles.fill} value={draft.target} onChange={(_, d) => setDraft({ ...draft, target: d.value as keyof EngineShock })}>
                {CUSTOM_TARGETS.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Amount">
              <Input className={styles.fill} value={draft.amount} inputMode="decimal" onChange={(_, d) => setDraft({ ...draft, amount: d.value })} />
            </Field>
          </div>
          <Caption1>A factor (0.8 = −20%) or, for rates, a shift (0.005 = +50 bp).</Caption1>
          <div className={styles.buttons}>
            <Button size="small" onClick={addCustom}>
              Add shock
            </Button>
          </div>
        </fieldset>
        {progress ? (
          <Progress {...progress} cancelling={cancelling} onCancel={() => (setCancelling(true), controller.current?.abort())} />
        ) : (
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={!wb} onClick={() => void run()}>
              {selected.length === 0 ? "Run the base case" : `Run ${selected.length} sensitivit${selected.length === 1 ? "y" : "ies"}`}
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}
