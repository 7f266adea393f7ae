import { useTranslation } from "@portico/i18n";
import { useRef } from "react";
import type { Status } from "../components/StatusNotice.js";
import { useDownloadRowKeys } from "../components/use-download-row-keys.js";
import { type LinkFetcher, useFileDownload } from "../components/use-file-download.js";

/**
 * The downloads of a documents or statements list: by button, by Enter on a row and by `d`
 * (offered while `enabled`). Put `list` on the list and `rowKeyDown` on each row; `pending`
 * is the id being prepared; the outcome goes to `onStatus`.
 */
export function useDocumentDownloads(
  fetchLink: LinkFetcher,
  onStatus: (status: Status) => void,
  enabled: boolean,
) {
  const { t } = useTranslation();
  const { pending, download } = useFileDownload(fetchLink, onStatus, {
    started: "portalDocuments.downloadStarted",
    failed: "portalDocuments.downloadFailed",
  });
  const list = useRef<HTMLUListElement>(null);
  const rowKeyDown = useDownloadRowKeys(
    list,
    (id) => void download(id),
    t("portalDocuments.shortcutDownload"),
    enabled,
  );
  return { list, pending, download, rowKeyDown };
}
