import { LockMode } from "@mikro-orm/core";
import {
  Customer,
  Payment,
  StoredFile,
  type EntityManager,
  type IPayment,
  type IStoredFile,
} from "@portico/db";
import type { Clock } from "../clock.js";
import {
  downloadLink,
  type DownloadLinkDto,
  type DownloadLinkSettings,
} from "../documents/download-links.js";
import { fingerprintedPdfName, safeFileName } from "../documents/invoice-file.js";
import { deleteUnlistedFile, storeFile } from "../documents/stored-files.js";
import { AppError } from "../errors.js";
import { nextDocumentNumber } from "../invoices/numbering.js";
import { hasReceipt } from "./history.js";
import { getPayment } from "./queries.js";
import { loadReceiptDocument, receiptDocumentFingerprint } from "./receipt-document.js";
import { renderReceiptPdf } from "./receipt-pdf.js";
import type { PaymentScope } from "./scope.js";

/** `_` and `%` are LIKE wildcards; receipt numbers may hold `_`. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The receipt PDF of a payment in scope, drawn on demand and kept as a StoredFile named
 * after the receipt number and the fingerprint of what it shows (`ACME-RCPT-0007-3f9a2c1d07be.pdf`):
 * a refund or a branding change draws it again and the replaced file is deleted (unless the
 * documents library lists it). A payment that never went through (processing, failed,
 * canceled) is CONFLICT `RECEIPT_UNAVAILABLE`; one that succeeded without a number (older
 * data) is numbered first, gap-free from the merchant's receipt counter. Drawing happens
 * outside any transaction; storing it locks the payment, so two requests racing keep one file.
 */
export async function getPaymentReceipt(
  em: EntityManager,
  clock: Clock,
  scope: PaymentScope,
  paymentId: string,
): Promise<IStoredFile> {
  let payment = await getPayment(em, scope, paymentId);
  if (!hasReceipt(payment)) {
    throw new AppError("CONFLICT", "RECEIPT_UNAVAILABLE", "Only a payment that went through has a receipt.", {
      details: { status: payment.status },
    });
  }
  if (!payment.receiptNumber) {
    await numberReceipt(em, payment);
    payment = await getPayment(em, scope, paymentId);
  }
  const document = await loadReceiptDocument(em, payment);
  const base = safeFileName(document.number);
  const filename = fingerprintedPdfName(document.number, receiptDocumentFingerprint(document));
  const owner = { customer: payment.customer.id, purpose: "receipt" as const };
  const cached = await em.findOne(StoredFile, { ...owner, filename });
  if (cached) return cached;

  const data = await renderReceiptPdf(document);
  return em.transactional(async (tx) => {
    await tx.findOneOrFail(Payment, payment.id, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ["id"] });
    const current = await tx.findOne(StoredFile, { ...owner, filename });
    if (current) return current;
    const replaced = await tx.find(
      StoredFile,
      { ...owner, filename: { $like: `${likeLiteral(base)}-%.pdf` } },
      { fields: ["id"] },
    );
    const file = storeFile(tx, {
      merchantId: payment.merchant.id,
      customerId: payment.customer.id,
      purpose: "receipt",
      filename,
      contentType: "application/pdf",
      data,
      createdAt: clock.now(),
    });
    await tx.flush();
    for (const old of replaced) await deleteUnlistedFile(tx, old.id);
    return file;
  });
}

/** Gives a succeeded payment that has none its receipt number, under the payment's lock. */
async function numberReceipt(em: EntityManager, payment: IPayment): Promise<void> {
  await em.transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Payment, payment.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (locked.receiptNumber) return;
    const receiptNumber = await nextDocumentNumber(tx, locked.merchant.id, "receipt");
    // A native update: numbering the receipt is not a change of the payment (updatedAt stays).
    await tx.nativeUpdate(Payment, { id: locked.id }, { receiptNumber });
  });
}

/** A signed, expiring download link to the payment's receipt (see getPaymentReceipt). */
export async function getPaymentReceiptLink(
  em: EntityManager,
  clock: Clock,
  links: DownloadLinkSettings,
  scope: PaymentScope,
  paymentId: string,
): Promise<DownloadLinkDto> {
  const file = await getPaymentReceipt(em, clock, scope, paymentId);
  const customer = await em.findOneOrFail(Customer, file.customer!.id, { fields: ["publicId"] });
  return downloadLink(links, clock, file, customer.publicId);
}
