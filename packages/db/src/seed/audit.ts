import {
  AuditEvent,
  type AuditActorType,
  type IApiKey,
  type IInvoice,
  type IMerchantUser,
  type ISubscription,
} from "../entities/index.js";
import type { SeedContext } from "./context.js";
import type { CustomerKey, DemoCustomer } from "./customers.js";
import { addMinutes } from "./dates.js";

const CONSOLE_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
const PORTAL_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

export interface AuditInput {
  merchantUsers: Record<"owner" | "admin" | "support", IMerchantUser>;
  apiKey: IApiKey;
  customers: Record<CustomerKey, DemoCustomer>;
  subscriptions: { initech: ISubscription; soylent: ISubscription; wayne: ISubscription };
  invoices: { globexOverdue: IInvoice; wayneUncollectible: IInvoice };
}

/**
 * A short, believable audit trail (append-only table: written once, never updated).
 * Actor and target ids are public ids, so this runs after the first flush.
 */
export function createAuditTrail(ctx: SeedContext, input: AuditInput): void {
  const { owner, admin } = input.merchantUsers;
  const { customers, subscriptions, invoices } = input;
  const event = (
    at: Date,
    action: string,
    actor: { type: AuditActorType; id: string | null; ip?: string; userAgent?: string },
    target: { type: string; id: string } | null,
    options: { customer?: DemoCustomer; data?: Record<string, unknown> } = {},
  ) =>
    ctx.em.create(AuditEvent, {
      merchant: ctx.merchant,
      customer: options.customer?.entity ?? null,
      actorType: actor.type,
      actorId: actor.id,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      data: options.data ?? {},
      createdAt: at,
    });
  const system = { type: "system" as const, id: null };
  const consoleUser = (user: IMerchantUser) => ({
    type: "merchant_user" as const,
    id: user.publicId,
    ip: "203.0.113.24",
    userAgent: CONSOLE_UA,
  });
  const portalUser = (customer: DemoCustomer) => ({
    type: "customer_user" as const,
    id: customer.admin.publicId,
    ip: "198.51.100.7",
    userAgent: PORTAL_UA,
  });

  const started = ctx.merchant.createdAt;
  event(
    started,
    "Merchant.Created",
    system,
    { type: "merchant", id: ctx.merchant.publicId },
    { data: { source: "demo_seed" } },
  );
  event(
    addMinutes(started, 5),
    "ApiKey.Created",
    consoleUser(owner),
    { type: "api_key", id: input.apiKey.publicId },
    { data: { mode: "test", prefix: input.apiKey.prefix } },
  );
  for (const user of [input.merchantUsers.admin, input.merchantUsers.support]) {
    event(
      user.createdAt,
      "MerchantUser.Invited",
      consoleUser(owner),
      { type: "merchant_user", id: user.publicId },
      { data: { role: user.role } },
    );
  }

  const wayne = customers.wayne;
  event(
    invoices.wayneUncollectible.markedUncollectibleAt ?? started,
    "Invoice.MarkedUncollectible",
    consoleUser(admin),
    { type: "invoice", id: invoices.wayneUncollectible.publicId },
    { customer: wayne, data: { number: invoices.wayneUncollectible.number } },
  );
  event(
    subscriptions.wayne.canceledAt ?? started,
    "Subscription.Canceled",
    portalUser(wayne),
    { type: "subscription", id: subscriptions.wayne.publicId },
    { customer: wayne, data: { mode: "immediately" } },
  );

  const soylent = customers.soylent;
  event(
    subscriptions.soylent.pausedAt ?? started,
    "Subscription.Paused",
    portalUser(soylent),
    { type: "subscription", id: subscriptions.soylent.publicId },
    { customer: soylent, data: { resumeAt: subscriptions.soylent.resumeAt?.toISOString() ?? null } },
  );

  const globex = customers.globex;
  event(
    invoices.globexOverdue.latestPayment?.unwrap().failedAt ?? started,
    "Payment.Failed",
    system,
    { type: "invoice", id: invoices.globexOverdue.publicId },
    {
      customer: globex,
      data: { failureCode: "card_declined", attempt: invoices.globexOverdue.attemptCount },
    },
  );

  const initech = customers.initech;
  event(
    subscriptions.initech.canceledAt ?? started,
    "Subscription.CancelScheduled",
    portalUser(initech),
    { type: "subscription", id: subscriptions.initech.publicId },
    { customer: initech, data: { cancelAt: subscriptions.initech.cancelAt?.toISOString() ?? null } },
  );

  const northwind = customers.northwind;
  event(
    northwind.admin.lastLoginAt ?? started,
    "Auth.Login",
    portalUser(northwind),
    { type: "customer_user", id: northwind.admin.publicId },
    { customer: northwind, data: { method: "password" } },
  );
  event(
    admin.lastLoginAt ?? started,
    "Auth.Login",
    consoleUser(admin),
    { type: "merchant_user", id: admin.publicId },
    { data: { method: "password" } },
  );
}
