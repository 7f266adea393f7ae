import { useTranslation } from "@portico/i18n";
import { Button } from "@portico/ui";
import { useEffect, useId, useRef } from "react";
import { CopyButton } from "../components/CopyButton.js";

const FILE_NAME = "portico-recovery-codes.txt";

function download(codes: string[]) {
  const url = URL.createObjectURL(new Blob([codes.join("\n") + "\n"], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = FILE_NAME;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Recovery codes, shown once: copy, download, then "I've saved them". The heading takes
 * focus when the codes appear, so keyboard and screen-reader users land on them.
 */
export function RecoveryCodes({
  codes,
  level,
  onDone,
}: {
  codes: string[];
  level: 2 | 3;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const Heading = `h${level}` as const;
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="pt-recovery-codes" aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {t("consoleAccount.recoveryCodesTitle")}
      </Heading>
      <p>{t("consoleAccount.recoveryCodesDescription", { count: codes.length })}</p>
      <p className="pt-warning">{t("consoleAccount.recoveryCodesOnce")}</p>
      <ol className="pt-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="pt-actions">
        <CopyButton
          text={codes.join("\n")}
          label={t("consoleAccount.recoveryCodesCopy")}
          copiedLabel={t("consoleAccount.copied")}
        />
        <Button variant="secondary" onClick={() => download(codes)}>
          {t("consoleAccount.recoveryCodesDownload")}
        </Button>
        <Button onClick={onDone}>{t("consoleAccount.recoveryCodesSaved")}</Button>
      </div>
    </section>
  );
}
