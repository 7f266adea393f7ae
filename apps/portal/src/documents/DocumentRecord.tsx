import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Badge, Button } from "@portico/ui";
import type { KeyboardEvent } from "react";
import { Link } from "wouter";
import { date } from "../format.js";
import { fileSize } from "./file-size.js";

type LibraryDocument = RouterOutputs["portal"]["documents"]["library"]["data"][number];

export interface DocumentRecordProps {
  document: LibraryDocument;
  downloading: boolean;
  onDownload(id: string): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** One entry of the library: kind, title, date, related invoice, file, and its download. */
export function DocumentRecord({ document, downloading, onDownload, onKeyDown }: DocumentRecordProps) {
  const { t } = useTranslation();
  return (
    <li className="pt-record" data-list-item data-download={document.id} tabIndex={0} onKeyDown={onKeyDown}>
      <div className="pt-record-head">
        <h3 className="pt-docs-record-title">{document.title}</h3>
        <Badge>{t(`portalDocuments.kind_${document.kind}`)}</Badge>
      </div>
      {document.description && <p className="pt-docs-description">{document.description}</p>}
      <dl>
        <dt>{t("portalDocuments.dateLabel")}</dt>
        <dd>{date(document.createdAt)}</dd>
        {document.invoice && (
          <>
            <dt>{t("portalDocuments.invoiceLabel")}</dt>
            <dd>
              <Link href={`/invoices/${document.invoice.id}`}>
                {document.invoice.number ?? document.invoice.id}
              </Link>
            </dd>
          </>
        )}
        <dt>{t("portalDocuments.fileLabel")}</dt>
        <dd>
          {document.file.filename} · {fileSize(document.file.byteSize)}
        </dd>
      </dl>
      <div className="pt-actions">
        <Button
          variant="secondary"
          disabled={downloading}
          aria-label={t("portalDocuments.downloadDocument", { title: document.title })}
          onClick={() => onDownload(document.id)}
        >
          {t("portalDocuments.download")}
        </Button>
      </div>
    </li>
  );
}
