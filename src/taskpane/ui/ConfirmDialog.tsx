import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useCallback, useRef, useState, type ReactElement } from "react";
import type { Confirm } from "../assumptions/tables";

/**
 * The pane's one question before it overwrites or deletes anything: a modal dialog whose answer
 * resolves the `confirm` promise the logic layer awaits (Escape or Cancel answer no).
 */
export function useConfirmDialog(): [Confirm, ReactElement] {
  const [question, setQuestion] = useState<string>();
  const resolver = useRef<(answer: boolean) => void>(undefined);
  const confirm = useCallback<Confirm>(
    (message) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setQuestion(message);
      }),
    [],
  );
  const answer = (yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = undefined;
    setQuestion(undefined);
  };
  const dialog = (
    <Dialog open={question !== undefined} modalType="alert" onOpenChange={(_, data) => !data.open && answer(false)}>
      <DialogSurface aria-describedby="confirm-text">
        <DialogBody>
          <DialogTitle>Please confirm</DialogTitle>
          <DialogContent id="confirm-text">{question}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => answer(true)}>
              Yes, go ahead
            </Button>
            <Button appearance="secondary" onClick={() => answer(false)}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
  return [confirm, dialog];
}
