import { Notice } from "@portico/ui";

/** What a screen last announced in its live region. */
export type Status = { tone: "success" | "error"; text: string } | null;

/** The live region of a screen's last outcome: a status when it went well, an alert when not. */
export function StatusNotice({ status }: { status: Status }) {
  return (
    <Notice tone={status?.tone === "error" ? "error" : "success"}>{status && <p>{status.text}</p>}</Notice>
  );
}
