import { useTranslation } from "@portico/i18n";
import { Button } from "@portico/ui";
import { useState } from "react";

/** Copies `text` to the clipboard and says so in a live region beside the button. */
export function CopyButton({
  text,
  label,
  copiedLabel,
}: {
  text: string;
  label: string;
  copiedLabel: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // No clipboard access (permissions, insecure origin): the text stays on screen to select.
      setState("failed");
    }
  }
  return (
    <>
      <Button variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="pt-copy-status">
        {state === "copied" ? copiedLabel : state === "failed" ? t("consoleAccount.copyFailed") : ""}
      </span>
    </>
  );
}
