import { Button, Caption1, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Select, Subtitle2, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { writeResultSheet } from "../runs/resultSheet";
import { discardPendingRun, pendingRun, recoverPendingRun, RunCancelled, runWorkbookSensitivities, specProblems, suggestedSensitivities, type ShockKind, type WorkbookRunSpec } from "../runs/workbookRun";
import { parseAddress, rangeAddress } from "../workbook/address";
import type { Workbook } from "../workbook/workbook";
import { messageOf, usePane } from "./context";
import { Progress } from "./Progress";
import { Status, type StatusMessage } from "./Status";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginBottom: "20px" },
  item: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: "4px 8px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  wide: { gridColumn: "1 / -1" },
  shock: { display: "grid", gridTemplateColumns: "minmax(0, 1.3fr) minmax(0, 1fr) minmax(0, 0.9fr)", gap: "4px 8px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  itemButtons: { gridColumn: "1 / -1", display: "flex", flexWrap: "wrap", gap: "6px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  /** Inputs and selects shrink with the pane instead of overflowing it. */
  fill: { minWidth: 0, width: "100%" },
});

interface Named {
  name: string;
  address: string;
}

interface SensitivityDraft {
  name: string;
  input: string;
  kind: ShockKind;
  amount: string;
}

const SPEC_KEY = "workbook-run:spec";

/** A name for a picked range: the text in the cell to its left, if any. */
async function labelNear(wb: Workbook, address: string, fallback: string): Promise<string> {
  const ref = parseAddress(address);
  if (ref.start.column === 0 || ref.sheet === undefined) return fallback;
  const left = rangeAddress({ sheet: ref.sheet, start: { row: ref.start.row, column: ref.start.column - 1 }, end: { row: ref.start.row, column: ref.start.column - 1 } });
  const v = (await wb.readValues(left))[0]?.[0];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : fallback;
}

function toSpec(inputs: Named[], outputs: Named[], sensitivities: SensitivityDraft[]): WorkbookRunSpec {
  return {
    inputs,
    outputs,
    sensitivities: sensitivities.map((s) => ({ name: s.name, shocks: [{ input: s.input, kind: s.kind, amount: Number(s.amount) }] })),
  };
}

export function WorkbookRunsTab() {
  const { wb, confirm, version } = usePane();
  const styles = useStyles();
  const [inputs, setInputs] = useState<Named[]>([]);
  const [outputs, setOutputs] = useState<Named[]>([]);
  const [sensitivities, setSensitivities] = useState<SensitivityDraft[]>([]);
  const [status, setStatus] = useState<StatusMessage>();
  const [progress, setProgress] = useState<{ done: number; total: number; label: string }>();
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController>(undefined);
  /** A run whose inputs are not restored (the record is still in the workbook), or a damaged record. */
  const [pending, setPending] = useState<{ text: string }>();

  const checkPending = async () => {
    if (!wb) return;
    try {
      const p = await pendingRun(wb);
      setPending(p && { text: `The inputs of the workbook run started ${new Date(p.startedAt).toLocaleString()} are not restored (${p.inputs.join(", ")}); their originals are saved in the workbook.` });
    } catch (e) {
      setPending({ text: messageOf(e) });
    }
  };

  useEffect(() => {
    void checkPending();
  }, [wb]);

  const restoreNow = async () => {
    if (!wb) return;
    try {
      const r = await recoverPendingRun(wb);
      setStatus({ intent: "success", text: r ? `The inputs ${r.inputs.join(", ")} were restored.` : "No run was waiting to be restored." });
    } catch (e) {
      fail(e);
    }
    await checkPending();
  };

  const discard = async () => {
    if (!wb) return;
    try {
      if (await discardPendingRun(wb, confirm)) setStatus({ intent: "info", text: "The record of the interrupted run was discarded; the inputs stay as they are." });
    } catch (e) {
      fail(e);
    }
    await checkPending();
  };

  // the last run's definition is kept in the workbook
  useEffect(() => {
    if (!wb) return;
    wb.store.get(SPEC_KEY).then((text) => {
      if (!text) return;
      const spec = JSON.parse(text) as WorkbookRunSpec;
      setInputs(spec.inputs);
      setOutputs(spec.outputs);
      setSensitivities(spec.sensitivities.map((s) => ({ name: s.name, input: s.shocks[0]?.input ?? "", kind: s.shocks[0]?.kind ?? "multiply", amount: String(s.shocks[0]?.amount ?? 1) })));
    }, () => undefined);
  }, [wb]);

  const fail = (e: unknown) => setStatus({ intent: "error", text: messageOf(e) });

  const pick = async (kind: "input" | "output") => {
    if (!wb) return;
    try {
      const address = await wb.selectedAddress();
      const list = kind === "input" ? inputs : outputs;
      const name = await labelNear(wb, address, `${kind === "input" ? "Input" : "Output"} ${list.length + 1}`);
      if (kind === "output") {
        const ref = parseAddress(address);
        if (ref.start.row !== ref.end.row || ref.start.column !== ref.end.column) throw new Error(`Select one cell for an output (the selection is ${address}).`);
        setOutputs([...outputs, { name, address }]);
      } else {
        setInputs([...inputs, { name, address }]);
      }
    } catch (e) {
      fail(e);
    }
  };

  const takeSelection = async (kind: "input" | "output", k: number) => {
    if (!wb) return;
    try {
      const address = await wb.selectedAddress();
      const update = (list: Named[]) => list.map((x, i) => (i === k ? { ...x, address } : x));
      if (kind === "input") setInputs(update(inputs));
      else setOutputs(update(outputs));
    } catch (e) {
      fail(e);
    }
  };

  const suggest = async () => {
    if (!wb) return;
    try {
      const more: SensitivityDraft[] = [];
      for (const input of inputs) {
        const values = (await wb.readValues(input.address)).flat().filter((v): v is number => typeof v === "number");
        const rateLike = values.length > 0 && values.every((v) => Math.abs(v) <= 1);
        for (const s of suggestedSensitivities(input, rateLike)) {
          const shock = s.shocks[0]!;
          more.push({ name: s.name, input: shock.input, kind: shock.kind, amount: String(shock.amount) });
        }
      }
      setSensitivities([...sensitivities, ...more.filter((m) => !sensitivities.some((s) => s.name === m.name))]);
    } catch (e) {
      fail(e);
    }
  };

  const run = async () => {
    if (!wb) return;
    const spec = toSpec(inputs, outputs, sensitivities);
    const problems = specProblems(spec);
    if (problems.length > 0) {
      setStatus({ intent: "error", text: `Cannot run: ${problems.join("; ")}.` });
      return;
    }
    controller.current = new AbortController();
    setCancelling(false);
    setStatus(undefined);
    setProgress({ done: 0, total: spec.sensitivities.length + 1, label: "Base case" });
    try {
      await wb.store.set(SPEC_KEY, JSON.stringify(spec));
      const result = await runWorkbookSensitivities(wb, spec, { signal: controller.current.signal, onProgress: (p) => setProgress(p) });
      const sheet = await writeResultSheet(
        wb,
        result,
        {
          title: "Workbook run: sensitivities",
          time: new Date(result.startedAt),
          version,
          extra: [
            ["Inputs", inputs.map((i) => `${i.name} = ${i.address}`).join("; ")],
            ["Outputs", outputs.map((o) => `${o.name} = ${o.address}`).join("; ")],
          ],
        },
        { sheetName: "Workbook run", confirm },
      );
      setStatus({ intent: "success", text: `Done: ${result.rows.length} sensitivities; results on the sheet "${sheet.sheet}". The inputs are as they were.` });
    } catch (e) {
      setStatus(e instanceof RunCancelled ? { intent: "info", text: "The run was cancelled. The inputs are as they were; no results were written." } : { intent: "error", text: messageOf(e) });
    } finally {
      setProgress(undefined);
      await checkPending();
    }
  };

  const running = progress !== undefined;
  const disabled = !wb || running;
  const namedList = (kind: "input" | "output", list: Named[], set: (l: Named[]) => void) => (
    <ul className={styles.list} aria-label={kind === "input" ? "Inputs" : "Outputs"}>
      {list.map((x, k) => (
        <li key={k} className={styles.item}>
          <Field label="Name">
            <Input className={styles.fill} value={x.name} disabled={disabled} onChange={(_, d) => set(list.map((y, i) => (i === k ? { ...y, name: d.value } : y)))} />
          </Field>
          <Field label={kind === "input" ? "Cells" : "Cell"}>
            <Input className={styles.fill} value={x.address} disabled={disabled} onChange={(_, d) => set(list.map((y, i) => (i === k ? { ...y, address: d.value } : y)))} />
          </Field>
          <div className={styles.itemButtons}>
            <Button size="small" disabled={disabled} onClick={() => void takeSelection(kind, k)} aria-label={`Use the selection for ${x.name}`}>
              Use selection
            </Button>
            <Button size="small" disabled={disabled} onClick={() => void wb?.select(x.address).catch(fail)} aria-label={`Go to ${x.name}`}>
              Go to
            </Button>
            <Button size="small" disabled={disabled} onClick={() => set(list.filter((_, i) => i !== k))} aria-label={`Remove ${x.name}`}>
              Remove
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );

  return (
    <div>
      <Status status={status} />
      {pending && (
        <MessageBar intent="warning" layout="multiline" aria-label="Inputs not restored">
          <MessageBarBody>{pending.text}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" disabled={running} onClick={() => void restoreNow()}>
              Restore inputs now
            </Button>
            <Button size="small" disabled={running} onClick={() => void discard()}>
              Discard the saved record
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Caption1>Sensitivities on your own formula model: each one writes shocked inputs, recalculates, reads the outputs and puts the inputs back — also after an error or a cancel.</Caption1>
      <section className={styles.section} aria-labelledby="inputs-heading">
        <Subtitle2 as="h2" id="inputs-heading">
          Inputs
        </Subtitle2>
        {namedList("input", inputs, setInputs)}
        <div className={styles.buttons}>
          <Button disabled={disabled} onClick={() => void pick("input")}>
            Add selected cells as input
          </Button>
        </div>
      </section>
      <section className={styles.section} aria-labelledby="outputs-heading">
        <Subtitle2 as="h2" id="outputs-heading">
          Outputs
        </Subtitle2>
        {namedList("output", outputs, setOutputs)}
        <div className={styles.buttons}>
          <Button disabled={disabled} onClick={() => void pick("output")}>
            Add selected cell as output
          </Button>
        </div>
      </section>
      <section className={styles.section} aria-labelledby="shocks-heading">
        <Subtitle2 as="h2" id="shocks-heading">
          Sensitivities
        </Subtitle2>
        <ul className={styles.list} aria-label="Sensitivities">
          {sensitivities.map((s, k) => {
            const update = (patch: Partial<SensitivityDraft>) => setSensitivities(sensitivities.map((x, i) => (i === k ? { ...x, ...patch } : x)));
            return (
              <li key={k} className={styles.shock}>
                <Field label="Name" className={styles.wide}>
                  <Input className={styles.fill} value={s.name} disabled={disabled} onChange={(_, d) => update({ name: d.value })} />
                </Field>
                <Field label="Input">
                  <Select className={styles.fill} value={s.input} disabled={disabled} onChange={(_, d) => update({ input: d.value })}>
                    {inputs.map((i) => (
                      <option key={i.name} value={i.name}>
                        {i.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label="Shock">
                  <Select className={styles.fill} value={s.kind} disabled={disabled} onChange={(_, d) => update({ kind: d.value as ShockKind })}>
                    <option value="add">+ add</option>
                    <option value="multiply">× by</option>
                    <option value="set">= set</option>
                  </Select>
                </Field>
                <Field label="Amount">
                  <Input className={styles.fill} value={s.amount} inputMode="decimal" disabled={disabled} onChange={(_, d) => update({ amount: d.value })} />
                </Field>
                <div className={styles.itemButtons}>
                  <Button size="small" disabled={disabled} onClick={() => setSensitivities(sensitivities.filter((_, i) => i !== k))} aria-label={`Remove ${s.name}`}>
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
        <div className={styles.buttons}>
          <Button disabled={disabled || inputs.length === 0} onClick={() => void suggest()}>
            Add standard shocks
          </Button>
          <Button disabled={disabled || inputs.length === 0} onClick={() => setSensitivities([...sensitivities, { name: `Sensitivity ${sensitivities.length + 1}`, input: inputs[0]?.name ?? "", kind: "multiply", amount: "1.1" }])}>
            Add sensitivity
          </Button>
        </div>
      </section>
      {running ? (
        <Progress {...progress} cancelling={cancelling} onCancel={() => (setCancelling(true), controller.current?.abort())} />
      ) : (
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={disabled || sensitivities.length === 0} onClick={() => void run()}>
            Run workbook sensitivities
          </Button>
        </div>
      )}
    </div>
  );
}
