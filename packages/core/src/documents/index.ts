export {
  addressLines,
  decodeLogo,
  loadDocumentBranding,
  type DocumentBranding,
  type DocumentLogo,
} from "./branding.js";
export {
  DOWNLOAD_LINK_SECONDS,
  DOWNLOAD_PATH,
  downloadLink,
  type DownloadLinkDto,
  type DownloadLinkSettings,
} from "./download-links.js";
export {
  createDownloadToken,
  DOWNLOAD_KEY_PURPOSE,
  verifyDownloadToken,
  type DownloadTokenClaims,
} from "./download-tokens.js";
export {
  STATEMENT_POPULATE,
  toStatementDto,
  type StatementDto,
  type StatementWithDownloadDto,
} from "./dto.js";
export { documentFormat, documentLocale, type DocumentFormat, type DocumentLocale } from "./format.js";
export {
  documentNotFound,
  getLibraryDocumentLink,
  listLibraryDocuments,
  toLibraryDocumentDto,
  type LibraryDocumentDto,
  type ListLibraryDocumentsInput,
} from "./library.js";
export { loadInvoiceDocument, type InvoiceDocument } from "./invoice-document.js";
export { getInvoicePdf, getInvoicePdfLink, type DocumentScope } from "./invoice-file.js";
export { renderInvoicePdf } from "./invoice-pdf.js";
export {
  computeStatementLedger,
  STATEMENT_ENTRY_KINDS,
  type StatementEntry,
  type StatementLedger,
} from "./statement-ledger.js";
export { loadStatementDocument, renderStatementFile } from "./statement-files.js";
export {
  generateStatement,
  STATEMENT_GENERATE_JOB,
  statementGenerateJob,
  type StatementJobDependencies,
} from "./statement-job.js";
export { MAX_STATEMENT_DAYS, statementPeriod } from "./statement-period.js";
export {
  getStatement,
  listStatements,
  MAX_PENDING_STATEMENTS,
  requestStatement,
  type ListStatementsInput,
  type RequestStatementInput,
} from "./statements.js";
export { getCustomerFile, type CustomerFile } from "./stored-files.js";
export { toWinAnsi } from "./win-ansi.js";
