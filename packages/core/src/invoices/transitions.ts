import {
  Customer,
  type EntityManager,
  type IInvoice,
  type InvoiceStatus,
  queueAuditEvent,
} from "@portico/db";
import { type Actor, actorFields } from "../actor.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { emitEvent } from "../webhooks/emit.js";

function expectStatus(invoice: IInvoice, allowed: readonly InvoiceStatus[], action: string): void {
  if (!allowed.includes(invoice.status)) {
    throw new AppError(
      "CONFLICT",
      "INVOICE_STATUS_CONFLICT",
      `A ${invoice.status} invoice cannot be ${action}.`,
      { details: { status: invoice.status } },
    );
  }
}

/**
 * open / uncollectible → void: nothing is owed any more, and the customer balance the
 * invoice used (credit or carried debt) goes back to the account. An invoice with money
 * paid against it is refunded through a credit note instead.
 */
export async function voidInvoice(
  em: EntityManager,
  clock: Clock,
  invoice: IInvoice,
  actor: Actor,
): Promise<IInvoice> {
  expectStatus(invoice, ["open", "uncollectible"], "voided");
  if (invoice.amountPaid > 0) {
    throw new AppError(
      "CONFLICT",
      "INVOICE_HAS_PAYMENTS",
      "This invoice has payments; issue a credit note to refund it instead.",
    );
  }
  const now = clock.now();
  const customer = await em.findOneOrFail(Customer, invoice.customer.id);
  customer.balance += invoice.startingBalance - (invoice.endingBalance ?? invoice.startingBalance);
  invoice.status = "void";
  invoice.voidedAt = now;
  invoice.amountRemaining = 0;
  invoice.nextPaymentAttemptAt = null;
  record(em, invoice, actor, "Invoice.Voided", now);
  await emitEvent(em, {
    merchantId: invoice.merchant.id,
    type: "invoice.voided",
    data: invoice,
    occurredAt: now,
  });
  return invoice;
}

/** open → uncollectible: written off, but still payable if the customer pays after all. */
export function markInvoiceUncollectible(
  em: EntityManager,
  clock: Clock,
  invoice: IInvoice,
  actor: Actor,
): IInvoice {
  expectStatus(invoice, ["open"], "marked uncollectible");
  const now = clock.now();
  invoice.status = "uncollectible";
  invoice.markedUncollectibleAt = now;
  invoice.nextPaymentAttemptAt = null;
  record(em, invoice, actor, "Invoice.MarkedUncollectible", now);
  return invoice;
}

/** `overdue` is not stored: an open invoice whose due date has passed. */
export function isOverdue(invoice: Pick<IInvoice, "status" | "dueAt">, now: Date): boolean {
  return invoice.status === "open" && invoice.dueAt != null && invoice.dueAt.getTime() < now.getTime();
}

function record(em: EntityManager, invoice: IInvoice, actor: Actor, action: string, at: Date): void {
  queueAuditEvent(em, {
    merchant: invoice.merchant.id,
    customer: invoice.customer.id,
    ...actorFields(actor),
    action,
    targetType: "invoice",
    targetId: invoice.publicId,
    data: { number: invoice.number },
    at,
  });
}
