import { Invoice, PaymentMethod, type EntityManager, type IPaymentMethod } from "@portico/db";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { payInvoice, type InvoicePayment } from "./pay-invoice.js";
import { invoiceNotFound, scopeFilter, type PaymentActor } from "./scope.js";

/** The merchant's partial-payment setting (PortalFeatures.partialPayments). */
export interface PartialPaymentPolicy {
  enabled: boolean;
  /** Least a partial payment may be, in minor units; null = any. */
  minimumAmount: number | null;
}

export interface PayCustomerInvoiceInput {
  /** `in_…` of one of the actor's customer's invoices; a draft is NOT_FOUND. */
  invoice: string;
  paymentMethod?: string | null;
  /** Less than what remains only when `partialPayments` allows it. */
  amount?: number | null;
  idempotencyKey: string;
  actor: PaymentActor;
  partialPayments: PartialPaymentPolicy;
}

/** A card is good through the last instant of its expiry month (UTC); other methods never expire. */
export function isCardExpired(method: Pick<IPaymentMethod, "expMonth" | "expYear">, now: Date): boolean {
  if (method.expMonth == null || method.expYear == null) return false;
  return Date.UTC(method.expYear, method.expMonth, 1) <= now.getTime();
}

/**
 * A customer pays one of their invoices (see payInvoice): drafts are invisible to them,
 * and a partial amount needs the merchant's consent — below `minimumAmount` it is
 * BAD_REQUEST `PARTIAL_PAYMENT_BELOW_MINIMUM`. A saved card past its expiry is BAD_REQUEST
 * `PAYMENT_METHOD_EXPIRED` (the portal offers only cards that have not expired).
 */
export async function payCustomerInvoice(
  em: EntityManager,
  clock: Clock,
  input: PayCustomerInvoiceInput,
): Promise<InvoicePayment> {
  const invoice = await em.findOne(Invoice, {
    publicId: input.invoice,
    ...scopeFilter(input.actor),
    status: { $ne: "draft" },
  });
  if (!invoice) throw invoiceNotFound();
  if (input.paymentMethod) {
    // Another customer's or a removed method is left to payInvoice: NOT_FOUND, as always.
    const method = await em.findOne(PaymentMethod, {
      publicId: input.paymentMethod,
      ...scopeFilter(input.actor),
      detachedAt: null,
    });
    if (method && isCardExpired(method, clock.now())) {
      throw new AppError("BAD_REQUEST", "PAYMENT_METHOD_EXPIRED", "This card has expired.", {
        details: { paymentMethod: method.publicId },
      });
    }
  }
  const { enabled, minimumAmount } = input.partialPayments;
  const partial = input.amount != null && input.amount < invoice.amountRemaining;
  if (partial && enabled && minimumAmount !== null && input.amount! < minimumAmount) {
    throw new AppError(
      "BAD_REQUEST",
      "PARTIAL_PAYMENT_BELOW_MINIMUM",
      "A partial payment must be at least the minimum amount.",
      { details: { minimumAmount, amountRemaining: invoice.amountRemaining } },
    );
  }
  return payInvoice(em, clock, {
    invoice,
    paymentMethod: input.paymentMethod,
    amount: input.amount,
    idempotencyKey: input.idempotencyKey,
    actor: input.actor,
    allowPartial: enabled,
  });
}
