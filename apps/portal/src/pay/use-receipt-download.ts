import { useTranslation } from "@portico/i18n";
import { useState } from "react";
import { saveFile } from "../documents/save-file.js";
import { trpc } from "../trpc.js";

/**
 * "Download receipt": a fresh signed link to the receipt PDF of `payment` (`py_…`; null
 * when there is none to download), handed to the browser.
 */
export function useReceiptDownload(payment: string | null) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function download() {
    if (!payment) return;
    setPending(true);
    setStatus(null);
    try {
      // Links expire after minutes: always ask for a new one.
      saveFile(await utils.portal.payments.receipt.fetch({ payment }, { staleTime: 0 }));
      setStatus({ tone: "success", text: t("portalPay.receiptStarted") });
    } catch {
      setStatus({ tone: "error", text: t("portalPay.receiptFailed") });
    } finally {
      setPending(false);
    }
  }

  return { download, pending, status };
}
