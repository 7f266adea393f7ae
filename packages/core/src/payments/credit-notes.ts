import { LockMode } from "@mikro-orm/core";
import {
  CreditNote,
  CreditNoteLine,
  Invoice,
  Payment,
  type CreditNoteReason,
  type EntityManager,
  type ICreditNote,
} from "@portico/db";
import { allocate } from "../billing/money.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { nextDocumentNumber } from "../invoices/numbering.js";
import { recordMoneyEvent } from "./audit.js";
import { markInvoicePaid } from "./charge.js";
import { getInvoice, paymentInProgress, type InvoiceWithPayments } from "./invoices.js";
import { invoiceNotFound, scopeFilter, type PaymentActor } from "./scope.js";

export interface IssueCreditNoteInput {
  invoice: string;
  /** Minor units taken off what the invoice still asks for. */
  amount: number;
  reason?: CreditNoteReason | null;
  memo?: string | null;
}

export interface IssuedCreditNote extends InvoiceWithPayments {
  creditNote: ICreditNote;
}

/**
 * A credit note on an unpaid invoice (Stripe's pre-payment credit note): it lowers what
 * the invoice asks for — `amountCredited` up, `amountRemaining` down — and an invoice
 * credited in full is paid. The tax share is split in proportion to the invoice's own.
 * Money already paid goes back through a refund (refundPayment), which issues its own note.
 * Numbered from the merchant's credit-note counter, under the invoice's lock.
 */
export async function issueCreditNote(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  input: IssueCreditNoteInput,
): Promise<IssuedCreditNote> {
  const creditNote = await em.transactional(async (tx) => {
    const invoice = await tx.findOne(
      Invoice,
      { publicId: input.invoice, ...scopeFilter(actor) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!invoice) throw invoiceNotFound();
    if (invoice.status !== "open" && invoice.status !== "uncollectible") {
      throw new AppError(
        "CONFLICT",
        "INVOICE_STATUS_CONFLICT",
        `A ${invoice.status} invoice cannot take a credit note; refund its payments instead.`,
        { details: { status: invoice.status } },
      );
    }
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > invoice.amountRemaining) {
      throw new AppError(
        "BAD_REQUEST",
        "CREDIT_AMOUNT_INVALID",
        `Credit between 1 and ${invoice.amountRemaining} (what the invoice still asks for).`,
        { details: { amountRemaining: invoice.amountRemaining } },
      );
    }
    const inFlight = await tx.findOne(Payment, { invoice: invoice.id, status: "processing" });
    if (inFlight) throw paymentInProgress(inFlight);

    const now = clock.now();
    const [taxAmount = 0] =
      invoice.total > 0
        ? allocate(input.amount, [
            Math.max(invoice.taxTotal, 0),
            Math.max(invoice.total - invoice.taxTotal, 0),
          ])
        : [0];
    const note = tx.create(CreditNote, {
      merchant: invoice.merchant.id,
      customer: invoice.customer.id,
      invoice,
      number: await nextDocumentNumber(tx, invoice.merchant.id, "credit_note"),
      reason: input.reason ?? null,
      currency: invoice.currency,
      subtotal: input.amount - taxAmount,
      taxAmount,
      amount: input.amount,
      memo: input.memo ?? null,
      issuedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    tx.create(CreditNoteLine, {
      merchant: invoice.merchant.id,
      creditNote: note,
      description: input.memo ?? `Credit on invoice ${invoice.number ?? invoice.publicId}`,
      amount: input.amount - taxAmount,
      taxAmount,
      createdAt: now,
    });
    invoice.amountCredited += input.amount;
    invoice.amountRemaining -= input.amount;
    invoice.updatedAt = now;
    recordMoneyEvent(tx, actor, {
      merchantId: invoice.merchant.id,
      customerId: invoice.customer.id,
      action: "CreditNote.Issued",
      targetType: "credit_note",
      targetId: note.publicId,
      data: {
        invoice: invoice.publicId,
        number: note.number,
        amount: input.amount,
        reason: input.reason ?? null,
      },
      at: now,
    });
    if (invoice.amountRemaining === 0) await markInvoicePaid(tx, clock, invoice, actor);
    await tx.flush();
    return note;
  });
  return { creditNote, ...(await getInvoice(em, actor, input.invoice)) };
}
