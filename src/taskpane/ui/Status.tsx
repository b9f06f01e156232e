import { MessageBar, MessageBarBody } from "@fluentui/react-components";

export type StatusIntent = "info" | "success" | "warning" | "error";

export interface StatusMessage {
  intent: StatusIntent;
  text: string;
}

/** A polite live region with the outcome of the last action. */
export function Status({ status }: { status?: StatusMessage }) {
  return (
    <div aria-live="polite" role="status">
      {status && (
        <MessageBar intent={status.intent} layout="multiline">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
