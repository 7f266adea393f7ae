import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import { WebhookDelivery, WebhookEndpoint, type IInvoice } from "../entities/index.js";
import { newPublicId } from "../ids.js";
import { stamps, type SeedContext } from "./context.js";
import { addMinutes } from "./dates.js";

/**
 * One endpoint on the merchant's (fictional) backend and two deliveries: an `invoice.paid`
 * that went through and a `payment.failed` still being retried. The signing secret is
 * random per install (signing needs it in clear, so it is not derived from the demo seed).
 */
export function createWebhooks(ctx: SeedContext, invoices: { paid: IInvoice; failed: IInvoice }): void {
  const endpoint = ctx.em.create(WebhookEndpoint, {
    merchant: ctx.merchant,
    url: "https://acme.test/webhooks/portico",
    description: "Acme Cloud backend: provisioning and CRM sync",
    secret: `whsec_${encodeBase32LowerCaseNoPadding(randomBytes(24))}`,
    events: [
      "customer.updated",
      "subscription.updated",
      "subscription.canceled",
      "invoice.finalized",
      "invoice.paid",
      "payment.failed",
      "portal.session.completed",
    ],
    active: true,
    ...stamps(addMinutes(ctx.merchant.createdAt, 20)),
  });

  const paidAt = invoices.paid.paidAt ?? invoices.paid.updatedAt;
  ctx.em.create(WebhookDelivery, {
    merchant: ctx.merchant,
    endpoint,
    eventId: newPublicId("whevt"),
    eventType: "invoice.paid",
    payload: eventPayload("invoice.paid", paidAt, invoices.paid),
    status: "succeeded",
    attemptCount: 1,
    lastAttemptAt: addMinutes(paidAt, 0.1),
    responseStatus: 200,
    responseBody: '{"received":true}',
    durationMs: 84,
    deliveredAt: addMinutes(paidAt, 0.1),
    ...stamps(paidAt, addMinutes(paidAt, 0.1)),
  });

  const failedAt = invoices.failed.latestPayment?.unwrap().failedAt ?? ctx.now;
  ctx.em.create(WebhookDelivery, {
    merchant: ctx.merchant,
    endpoint,
    eventId: newPublicId("whevt"),
    eventType: "payment.failed",
    payload: eventPayload("payment.failed", failedAt, invoices.failed),
    status: "pending",
    attemptCount: 2,
    lastAttemptAt: addMinutes(failedAt, 5),
    nextAttemptAt: addMinutes(ctx.now, 25),
    responseStatus: 503,
    responseBody: "upstream connect error or disconnect/reset before headers",
    durationMs: 10_012,
    error: "HTTP 503 from endpoint",
    ...stamps(failedAt, addMinutes(failedAt, 5)),
  });
}

function eventPayload(type: string, at: Date, invoice: IInvoice): Record<string, unknown> {
  return {
    type,
    created: Math.floor(at.getTime() / 1000),
    livemode: false,
    data: {
      object: {
        object: "invoice",
        id: invoice.publicId,
        number: invoice.number,
        status: invoice.status,
        currency: invoice.currency,
        total: invoice.total,
        amountRemaining: invoice.amountRemaining,
      },
    },
  };
}
