import { type MessageKey, useTranslation } from "@portico/i18n";
import { useCallback, useState } from "react";
import { saveFile } from "./save-file.js";
import type { Status } from "./StatusNotice.js";

/** A fresh signed link to one file (they expire after ten minutes, so never cached). */
export type LinkFetcher = (id: string) => Promise<{ url: string; filename: string }>;

/** What the outcome says: `started` gets the file's name as `filename`. */
export interface DownloadMessages {
  started: MessageKey;
  failed: MessageKey;
}

/**
 * Downloads by id: asks the API for a signed link, then hands it to the browser. `pending`
 * is the id being prepared, so its button can say so; the outcome goes to `onStatus`.
 */
export function useFileDownload(
  fetchLink: LinkFetcher,
  onStatus: (status: Status) => void,
  { started, failed }: DownloadMessages,
) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const download = useCallback(
    async (id: string) => {
      setPending(id);
      try {
        const link = await fetchLink(id);
        saveFile(link);
        onStatus({ tone: "success", text: t(started, { filename: link.filename }) });
      } catch {
        onStatus({ tone: "error", text: t(failed) });
      } finally {
        setPending(null);
      }
    },
    [fetchLink, onStatus, t, started, failed],
  );
  return { pending, download };
}
