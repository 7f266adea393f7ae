import { useState } from "react";
import type { Status } from "../components/StatusNotice.js";
import { useReceiptDownload as usePaymentReceipts } from "../payments/use-receipt-download.js";

/**
 * "Download receipt": the receipt PDF of `payment` (`py_…`; null when there is none to
 * download), handed to the browser; `status` is the outcome of the last try.
 */
export function useReceiptDownload(payment: string | null) {
  const [status, setStatus] = useState<Status>(null);
  const receipts = usePaymentReceipts(setStatus, {
    started: "portalPay.receiptStarted",
    failed: "portalPay.receiptFailed",
  });

  async function download() {
    if (!payment) return;
    setStatus(null);
    await receipts.download(payment);
  }

  return { download, pending: receipts.pending !== null, status };
}
