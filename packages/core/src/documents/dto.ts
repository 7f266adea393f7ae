import type { IStatement, StatementFormat, StatementStatus, StatementSummary } from "@portico/db";
import type { DownloadLinkDto } from "./download-links.js";

/** A statement as the API shows it: public ids, ISO 8601 instants, minor units. */
export interface StatementDto {
  id: string;
  /** `cus_…` */
  customer: string;
  /** The period covered is [periodStart, periodEnd). */
  periodStart: string;
  periodEnd: string;
  format: StatementFormat;
  status: StatementStatus;
  currency: string;
  /** Known once ready. */
  openingBalance: number | null;
  closingBalance: number | null;
  summary: StatementSummary | null;
  /** The language the file is written in. */
  locale: string | null;
  file: { filename: string; contentType: string; byteSize: number } | null;
  /** Why the last attempt failed (merchants only; customers see the status). */
  error?: string | null;
  /** `cu_…` of the portal user who asked for it. */
  requestedBy: string | null;
  readyAt: string | null;
  createdAt: string;
}

/** A statement and, once it is ready, a fresh signed link to its file. */
export interface StatementWithDownloadDto extends StatementDto {
  download: DownloadLinkDto | null;
}

export const STATEMENT_POPULATE = ["customer", "file", "requestedBy"] as const;

/** Needs STATEMENT_POPULATE loaded. `withError` adds the failure text (for merchants). */
export function toStatementDto(statement: IStatement, options: { withError?: boolean } = {}): StatementDto {
  const file = statement.file?.getEntity() ?? null;
  return {
    id: statement.publicId,
    customer: statement.customer.getEntity().publicId,
    periodStart: statement.periodStart.toISOString(),
    periodEnd: statement.periodEnd.toISOString(),
    format: statement.format,
    status: statement.status,
    currency: statement.currency,
    openingBalance: statement.openingBalance ?? null,
    closingBalance: statement.closingBalance ?? null,
    summary: statement.summary ?? null,
    locale: statement.locale ?? null,
    file: file ? { filename: file.filename, contentType: file.contentType, byteSize: file.byteSize } : null,
    ...(options.withError ? { error: statement.error ?? null } : {}),
    requestedBy: statement.requestedBy?.getEntity().publicId ?? null,
    readyAt: statement.readyAt?.toISOString() ?? null,
    createdAt: statement.createdAt.toISOString(),
  };
}
