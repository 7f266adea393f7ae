import { useTranslation } from "@portico/i18n";
import { useCallback, useState } from "react";
import { saveFile } from "./save-file.js";
import type { Status } from "./status.js";

/** A fresh signed link to one file (they expire after ten minutes, so never cached). */
export type LinkFetcher = (id: string) => Promise<{ url: string; filename: string }>;

/**
 * Downloads by id: asks the API for a signed link, then hands it to the browser. `pending`
 * is the id being prepared, so its button can say so; the outcome goes to `onStatus`.
 */
export function useDownload(fetchLink: LinkFetcher, onStatus: (status: Status) => void) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const download = useCallback(
    async (id: string) => {
      setPending(id);
      try {
        const link = await fetchLink(id);
        saveFile(link);
        onStatus({
          tone: "success",
          text: t("portalDocuments.downloadStarted", { filename: link.filename }),
        });
      } catch {
        onStatus({ tone: "error", text: t("portalDocuments.downloadFailed") });
      } finally {
        setPending(null);
      }
    },
    [fetchLink, onStatus, t],
  );
  return { pending, download };
}
