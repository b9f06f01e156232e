import { Button, Field, ProgressBar, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "flex-end", gap: "8px" },
  bar: { flexGrow: 1 },
});

/** A run's progress bar with its step and a Cancel button. */
export function Progress({ done, total, label, onCancel, cancelling }: { done: number; total: number; label: string; onCancel: () => void; cancelling: boolean }) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field className={styles.bar} label={`${label} (${Math.min(done + 1, total)} of ${total})`} validationState="none">
        <ProgressBar value={total > 0 ? done / total : undefined} max={1} aria-label="Run progress" />
      </Field>
      <Button onClick={onCancel} disabled={cancelling}>
        {cancelling ? "Cancelling…" : "Cancel"}
      </Button>
    </div>
  );
}
