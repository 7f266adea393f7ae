import { LockMode } from "@mikro-orm/core";
import { Customer, Invoice, StoredFile, type EntityManager, type IStoredFile } from "@portico/db";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { invoiceNotFound, scopeFilter, type PaymentScope } from "../payments/scope.js";
import { downloadLink, type DownloadLinkDto, type DownloadLinkSettings } from "./download-links.js";
import { invoiceDocumentFingerprint, loadInvoiceDocument } from "./invoice-document.js";
import { renderInvoicePdf } from "./invoice-pdf.js";
import { deleteUnlistedFile, storeFile } from "./stored-files.js";

/** Whose documents a caller may read: a merchant's (integration) or one customer's (portal). */
export type DocumentScope = PaymentScope;

/**
 * The PDF of a finalized invoice in scope, drawn on demand and cached as a StoredFile on
 * `invoice.pdfFile`. The cached file's name carries the fingerprint of what it shows
 * (`INV-0007-3f9a2c1d07be.pdf`): when the invoice, its payments or credit notes, its overdue
 * state, the branding or the layout change, the fingerprint does too and the PDF is drawn
 * again; the replaced file is deleted unless a documents-library entry lists it. Drawing
 * happens outside any transaction; storing it locks the invoice, so two requests racing
 * keep one file. A draft is NOT_FOUND for a customer (they never see drafts) and CONFLICT
 * `INVOICE_NOT_FINALIZED` for the merchant.
 */
export async function getInvoicePdf(
  em: EntityManager,
  clock: Clock,
  scope: DocumentScope,
  invoiceId: string,
): Promise<IStoredFile> {
  const invoice = await em.findOne(
    Invoice,
    { publicId: invoiceId, ...scopeFilter(scope) },
    { refresh: true },
  );
  if (!invoice) throw invoiceNotFound();
  if (invoice.status === "draft") {
    if (scope.customerId != null) throw invoiceNotFound();
    throw new AppError("CONFLICT", "INVOICE_NOT_FINALIZED", "A draft invoice has no PDF; finalize it first.");
  }
  const document = await loadInvoiceDocument(em, invoice, clock.now());
  const filename = fingerprintedPdfName(document.number, invoiceDocumentFingerprint(document));
  const cached = invoice.pdfFile ? await em.findOne(StoredFile, invoice.pdfFile.id) : null;
  if (cached?.filename === filename) return cached;

  const data = await renderInvoicePdf(document);
  return em.transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Invoice, invoice.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    const current = locked.pdfFile ? await tx.findOne(StoredFile, locked.pdfFile.id) : null;
    if (current?.filename === filename) return current;
    const file = storeFile(tx, {
      merchantId: invoice.merchant.id,
      customerId: invoice.customer.id,
      purpose: "invoice_pdf",
      filename,
      contentType: "application/pdf",
      data,
      createdAt: clock.now(),
    });
    await tx.flush();
    // A native update: pointing at the new file is not a change of the invoice (updatedAt stays).
    await tx.nativeUpdate(Invoice, { id: invoice.id }, { pdfFile: file.id });
    if (current) await deleteUnlistedFile(tx, current.id);
    return file;
  });
}

/** A signed, expiring download link to the invoice's PDF (see getInvoicePdf). */
export async function getInvoicePdfLink(
  em: EntityManager,
  clock: Clock,
  links: DownloadLinkSettings,
  scope: DocumentScope,
  invoiceId: string,
): Promise<DownloadLinkDto> {
  const file = await getInvoicePdf(em, clock, scope, invoiceId);
  const customer = await em.findOneOrFail(Customer, file.customer!.id, { fields: ["publicId"] });
  return downloadLink(links, clock, file, customer.publicId);
}

/** How many hex digits of the fingerprint a cached document's file name carries. */
const FINGERPRINT_DIGITS = 12;

/**
 * The file name of a cached PDF drawn from a numbered document (`ACME-0007-3f9a2c1d07be.pdf`):
 * a new fingerprint, for a changed document, is a new name.
 */
export function fingerprintedPdfName(number: string, fingerprint: string): string {
  return `${safeFileName(number)}-${fingerprint.slice(0, FINGERPRINT_DIGITS)}.pdf`;
}

/** Invoice numbers come from a merchant prefix: keep file names to safe characters. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "document";
}
