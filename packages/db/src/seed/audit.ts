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

interface Actor {
  type: AuditActorType;
  id: string | null;
  ip?: string;
  userAgent?: string;
}

interface AuditEntry {
  /** Falls back to the merchant's creation when the moment is unset. */
  at: Date | null | undefined;
  action: string;
  actor: Actor;
  /** The customer the event concerns, if any. */
  customer?: DemoCustomer;
  target: { type: string; id: string };
  data: Record<string, unknown>;
}

/**
 * A short, believable audit trail (append-only table: written once, never updated), in
 * this order. Actor and target ids are public ids, so this runs after the first flush.
 */
export function createAuditTrail(ctx: SeedContext, input: AuditInput): void {
  const { owner, admin, support } = input.merchantUsers;
  const { customers, subscriptions, invoices } = input;
  const started = ctx.merchant.createdAt;
  const system: Actor = { type: "system", id: null };
  const consoleUser = (user: IMerchantUser): Actor => ({
    type: "merchant_user",
    id: user.publicId,
    ip: "203.0.113.24",
    userAgent: CONSOLE_UA,
  });
  /** An action of the customer's admin in the portal. */
  const inPortal = (customer: DemoCustomer) => ({
    customer,
    actor: {
      type: "customer_user" as const,
      id: customer.admin.publicId,
      ip: "198.51.100.7",
      userAgent: PORTAL_UA,
    },
  });
  const on = (type: string, entity: { publicId: string }) => ({ type, id: entity.publicId });
  const login = (
    at: AuditEntry["at"],
    actor: ReturnType<typeof inPortal> | { actor: Actor },
    target: AuditEntry["target"],
  ) => ({ at, action: "Auth.Login", ...actor, target, data: { method: "password" } }) satisfies AuditEntry;

  const { wayneUncollectible: writtenOff, globexOverdue: overdue } = invoices;
  const { wayne: canceled, soylent: paused, initech: canceling } = subscriptions;
  const northwind = customers.northwind;
  const entries: AuditEntry[] = [
    {
      at: started,
      action: "Merchant.Created",
      actor: system,
      target: on("merchant", ctx.merchant),
      data: { source: "demo_seed" },
    },
    {
      at: addMinutes(started, 5),
      action: "ApiKey.Created",
      actor: consoleUser(owner),
      target: on("api_key", input.apiKey),
      data: { mode: "test", prefix: input.apiKey.prefix },
    },
    ...[admin, support].map((user) => ({
      at: user.createdAt,
      action: "MerchantUser.Invited",
      actor: consoleUser(owner),
      target: on("merchant_user", user),
      data: { role: user.role },
    })),
    {
      at: writtenOff.markedUncollectibleAt,
      action: "Invoice.MarkedUncollectible",
      actor: consoleUser(admin),
      customer: customers.wayne,
      target: on("invoice", writtenOff),
      data: { number: writtenOff.number },
    },
    {
      at: canceled.canceledAt,
      action: "Subscription.Canceled",
      ...inPortal(customers.wayne),
      target: on("subscription", canceled),
      data: { mode: "immediately" },
    },
    {
      at: paused.pausedAt,
      action: "Subscription.Paused",
      ...inPortal(customers.soylent),
      target: on("subscription", paused),
      data: { resumeAt: iso(paused.resumeAt) },
    },
    {
      at: overdue.latestPayment?.unwrap().failedAt,
      action: "Payment.Failed",
      actor: system,
      customer: customers.globex,
      target: on("invoice", overdue),
      data: { failureCode: "card_declined", attempt: overdue.attemptCount },
    },
    {
      at: canceling.canceledAt,
      action: "Subscription.CancelScheduled",
      ...inPortal(customers.initech),
      target: on("subscription", canceling),
      data: { cancelAt: iso(canceling.cancelAt) },
    },
    login(northwind.admin.lastLoginAt, inPortal(northwind), on("customer_user", northwind.admin)),
    login(admin.lastLoginAt, { actor: consoleUser(admin) }, on("merchant_user", admin)),
  ];
  for (const entry of entries) {
    ctx.em.create(AuditEvent, {
      merchant: ctx.merchant,
      customer: entry.customer?.entity ?? null,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      ip: entry.actor.ip ?? null,
      userAgent: entry.actor.userAgent ?? null,
      data: entry.data,
      createdAt: entry.at ?? started,
    });
  }
}

function iso(date: Date | null | undefined): string | null {
  return date?.toISOString() ?? null;
}
