import { useCallback } from "react";
import type { Status } from "../components/StatusNotice.js";
import { type DownloadMessages, useFileDownload } from "../components/use-file-download.js";
import { trpc } from "../trpc.js";

/**
 * Downloads payments' receipt PDFs by payment id (`py_…`), each time through a fresh signed
 * link; `pending` is the payment being prepared; the outcome, in `messages`' words, goes to
 * `onStatus`.
 */
export function useReceiptDownload(onStatus: (status: Status) => void, messages: DownloadMessages) {
  const client = trpc.useUtils().client;
  const fetchLink = useCallback(
    (payment: string) => client.portal.payments.receipt.query({ payment }),
    [client],
  );
  return useFileDownload(fetchLink, onStatus, messages);
}
