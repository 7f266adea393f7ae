import { useTranslation } from "@portico/i18n";
import { Button, Notice } from "@portico/ui";
import { useEffect, useRef, useState } from "react";

export interface RecoveryCodesProps {
  codes: string[];
  onDone(): void;
}

/** The recovery codes, shown this once: each signs in once when the authenticator app is lost. */
export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  // Move the focus (and a screen reader) to what must be saved now.
  useEffect(() => headingRef.current?.focus(), []);

  function copy() {
    navigator.clipboard.writeText(codes.join("\n")).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <div className="pt-record">
      <h3 ref={headingRef} tabIndex={-1}>
        {t("portalAccount.recoveryCodesTitle")}
      </h3>
      <p>{t("portalAccount.recoveryCodesDescription")}</p>
      <ol className="pt-code-list" aria-label={t("portalAccount.recoveryCodesTitle")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Notice tone={copied === false ? "error" : "success"}>
        {copied !== null && (
          <p>{t(copied ? "portalAccount.recoveryCodesCopied" : "portalAccount.recoveryCodesCopyFailed")}</p>
        )}
      </Notice>
      <div className="pt-actions">
        <Button variant="secondary" onClick={copy}>
          {t("portalAccount.recoveryCodesCopy")}
        </Button>
        <Button onClick={onDone}>{t("portalAccount.recoveryCodesDone")}</Button>
      </div>
    </div>
  );
}
