import { Customer, type EntityManager, type IInvoice, queueAuditEvent } from "@portico/db";
import { type Actor, actorFields } from "../actor.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { emitEvent } from "../webhooks/emit.js";
import { nextDocumentNumber } from "./numbering.js";

const DAY_MS = 86_400_000;

export interface FinalizeOptions {
  /** For `send_invoice`: days until due; default the merchant's `defaultDaysUntilDue`. */
  daysUntilDue?: number | null;
  actor: Actor;
}

/**
 * draft → open: gives the invoice its gap-free number, snapshots the customer as printed,
 * sets the due date and settles it against the customer balance. The balance works as
 * Stripe's does: a credit (negative) pays what it can, a debt (positive) is added, and a
 * net credit invoice (negative total, e.g. a downgrade) goes back to the balance. An
 * invoice with nothing left to pay is `paid` at once. Runs in the caller's transaction.
 */
export async function finalizeInvoice(
  em: EntityManager,
  clock: Clock,
  invoice: IInvoice,
  options: FinalizeOptions,
): Promise<IInvoice> {
  if (invoice.status !== "draft") {
    throw new AppError("CONFLICT", "INVOICE_NOT_DRAFT", `Invoice is ${invoice.status}, not draft.`);
  }
  const now = clock.now();
  const customer = await em.findOneOrFail(Customer, invoice.customer.id, { populate: ["merchant"] });
  const merchant = customer.merchant.getEntity();

  const combined = customer.balance + invoice.total;
  const endingBalance = combined >= 0 ? 0 : combined;
  invoice.startingBalance = customer.balance;
  invoice.endingBalance = endingBalance;
  customer.balance = endingBalance;
  invoice.amountDue = Math.max(combined, 0);
  invoice.amountRemaining = invoice.amountDue;

  invoice.number = await nextDocumentNumber(em, merchant.id, "invoice");
  invoice.issuedAt = now;
  // As Stripe: only invoices the customer pays by hand have a due date. One charged
  // automatically is collected at once and then by dunning; it never shows as overdue.
  invoice.dueAt =
    invoice.collectionMethod === "send_invoice"
      ? new Date(now.getTime() + (options.daysUntilDue ?? merchant.defaultDaysUntilDue) * DAY_MS)
      : null;
  invoice.customerName = customer.name;
  invoice.customerEmail = customer.email;
  invoice.customerAddress = customer.address;
  invoice.customerTaxId = customer.taxId;
  if (invoice.amountDue === 0) {
    invoice.status = "paid";
    invoice.paidAt = now;
  } else {
    invoice.status = "open";
  }
  queueAuditEvent(em, {
    merchant: merchant.id,
    customer: customer.id,
    ...actorFields(options.actor),
    action: "Invoice.Finalized",
    targetType: "invoice",
    targetId: invoice.publicId,
    data: {
      number: invoice.number,
      total: invoice.total,
      amountDue: invoice.amountDue,
      balanceApplied: invoice.startingBalance - endingBalance,
    },
    at: now,
  });
  await emitEvent(em, { merchantId: merchant.id, type: "invoice.finalized", data: invoice, occurredAt: now });
  if (invoice.status === "paid") {
    await emitEvent(em, { merchantId: merchant.id, type: "invoice.paid", data: invoice, occurredAt: now });
  }
  return invoice;
}
