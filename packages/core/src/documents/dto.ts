import type { IStatement, StatementFormat, StatementStatus, StatementSummary } from "@portico/db";
import type { DownloadLinkDto } from "./download-links.js";
import { safeTimeZone } from "./format.js";
import { calendarDay } from "./statement-period.js";

/** A statement as the API shows it: public ids, ISO 8601 instants, minor units. */
export interface StatementDto {
  id: string;
  /** `cus_…` */
  customer: string;
  /** The period covered is [periodStart, periodEnd). */
  periodStart: string;
  periodEnd: string;
  /** The same period as calendar days (YYYY-MM-DD) in the merchant's time zone, the last one included. */
  firstDay: string;
  lastDay: string;
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

export const STATEMENT_POPULATE = ["merchant", "customer", "file", "requestedBy"] as const;

/** Needs STATEMENT_POPULATE loaded. `withError` adds the failure text (for merchants). */
export function toStatementDto(statement: IStatement, options: { withError?: boolean } = {}): StatementDto {
  const file = statement.file?.getEntity() ?? null;
  const timeZone = safeTimeZone(statement.merchant.getEntity().timezone);
  const lastInstant = Math.max(statement.periodStart.getTime(), statement.periodEnd.getTime() - 1);
  return {
    id: statement.publicId,
    customer: statement.customer.getEntity().publicId,
    periodStart: statement.periodStart.toISOString(),
    periodEnd: statement.periodEnd.toISOString(),
    firstDay: calendarDay(statement.periodStart, timeZone),
    lastDay: calendarDay(new Date(lastInstant), timeZone),
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
