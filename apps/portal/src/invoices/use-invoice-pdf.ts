import { useTranslation } from "@portico/i18n";
import { useCallback, useState } from "react";
import type { Status } from "../components/StatusNotice.js";
import { trpc } from "../trpc.js";

/**
 * Downloads an invoice's PDF: asks for a fresh signed link (they expire within minutes, so
 * never cached) and opens it; the server answers it as an attachment, so the page stays.
 */
export function useInvoicePdf(invoice: string) {
  const { t } = useTranslation();
  const client = trpc.useUtils().client;
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const download = useCallback(async () => {
    setPending(true);
    setStatus(null);
    try {
      const link = await client.portal.documents.invoicePdf.query({ invoice });
      window.location.assign(link.url);
      setStatus({ tone: "success", text: t("portalInvoices.downloadStarted") });
    } catch {
      setStatus({ tone: "error", text: t("portalInvoices.downloadFailed") });
    } finally {
      setPending(false);
    }
  }, [client, invoice, t]);
  return { download, pending, status };
}
