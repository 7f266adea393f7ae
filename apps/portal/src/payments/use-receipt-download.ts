import { useTranslation } from "@portico/i18n";
import { useCallback, useState } from "react";
import { trpc } from "../trpc.js";

export type DownloadStatus = { tone: "success" | "error"; text: string };

/**
 * Downloads a payment's receipt: a fresh signed link each time (they expire after ten
 * minutes), handed to the browser, which saves the attachment and stays on the page.
 * `pending` is the payment being prepared; the outcome goes to `onStatus`.
 */
export function useReceiptDownload(onStatus: (status: DownloadStatus) => void) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState<string | null>(null);
  const download = useCallback(
    async (payment: string) => {
      setPending(payment);
      try {
        const link = await utils.client.portal.payments.receipt.query({ payment });
        const anchor = document.createElement("a");
        anchor.href = link.url;
        anchor.download = link.filename;
        anchor.rel = "noopener";
        document.body.append(anchor);
        anchor.click();
        anchor.remove();
        onStatus({ tone: "success", text: t("portalPayments.receiptStarted", { filename: link.filename }) });
      } catch {
        onStatus({ tone: "error", text: t("portalPayments.receiptFailed") });
      } finally {
        setPending(null);
      }
    },
    [utils, onStatus, t],
  );
  return { pending, download };
}
