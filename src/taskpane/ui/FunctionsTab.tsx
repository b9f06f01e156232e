import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { messageOf } from "./context";
import { parseFunctionsMetadata, type FunctionMetadata } from "./functionsList";
import { Status, type StatusMessage } from "./Status";

const useStyles = makeStyles({
  list: { margin: 0 },
  name: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, marginTop: "10px" },
  description: { margin: "2px 0 0" },
});

/** The functions registered in this build, read from the functions.json the build generates. */
export function FunctionsTab() {
  const styles = useStyles();
  const [functions, setFunctions] = useState<FunctionMetadata[]>();
  const [status, setStatus] = useState<StatusMessage>();
  useEffect(() => {
    fetch("functions.json", { cache: "no-cache" })
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json();
      })
      .then((json) => setFunctions(parseFunctionsMetadata(json)))
      .catch((e) => setStatus({ intent: "error", text: `Could not load the function list (functions.json): ${messageOf(e)}` }));
  }, []);
  return (
    <div>
      <Caption1>
        Type <code>=MCEV.</code> in a cell to use these functions; Excel shows the arguments as you type.
      </Caption1>
      <Status status={status ?? (functions ? { intent: "info", text: `${functions.length} function${functions.length === 1 ? "" : "s"}.` } : undefined)} />
      {functions && (
        <dl className={styles.list} aria-label="Functions">
          {functions.flatMap((f) => [
            <dt key={`${f.name}-t`} className={styles.name}>
              MCEV.{f.name}
            </dt>,
            <dd key={`${f.name}-d`} className={styles.description}>
              {f.description ?? ""}
            </dd>,
          ])}
        </dl>
      )}
    </div>
  );
}
