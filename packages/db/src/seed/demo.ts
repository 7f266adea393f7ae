import type { EntityManager } from "@mikro-orm/postgresql";
import { createAuditTrail } from "./audit.js";
import { createCatalog } from "./catalog.js";
import { createSeedContext } from "./context.js";
import {
  CUSTOMER_KEYS,
  createNotificationPreferences,
  type CustomerKey,
  type DemoCustomer,
} from "./customers.js";
import { addHours, addDays, startOfUtcDay } from "./dates.js";
import { createDemoApiKey, createMerchant, createMerchantUsers } from "./demo-accounts.js";
import { createDocuments } from "./documents.js";
import { InvoiceBook } from "./invoices.js";
import { createCancellationFeedback, createPortalConfiguration, createRetentionOffer } from "./portal.js";
import { createMonthlyStatement } from "./statements.js";
import { createSubscriptionScenarios } from "./subscriptions.js";
import { createSupportTicket } from "./support.js";
import { createCreditsScenario } from "./wallets.js";
import { flushKeepingTimestamps } from "./timestamps.js";
import { createWebhooks } from "./webhooks.js";

export interface CreateDemoInput {
  now: Date;
  /** argon2id hashes of every demo password, by e-mail (hashed before the transaction opens). */
  hashes: ReadonlyMap<string, string>;
  /** The plain sandbox API key; only its SHA-256 is written. */
  apiKey: string;
}

/**
 * Writes the whole demo through `em` (the caller's transaction). Two flushes: the first
 * gives every row its public id, which the portal configuration, audit trail and webhook
 * payloads refer to.
 */
export async function createDemo(em: EntityManager, input: CreateDemoInput): Promise<void> {
  const merchant = createMerchant(em, addHours(addDays(startOfUtcDay(input.now), -430), 9));
  const ctx = createSeedContext(em, input.now, merchant);
  const merchantUsers = createMerchantUsers(ctx, input.hashes);
  const apiKey = createDemoApiKey(ctx, input.apiKey, {
    createdBy: merchantUsers.owner,
    createdAt: merchantUsers.owner.createdAt,
    lastUsedAt: ctx.day(-1, 14, 5),
  });
  const catalog = createCatalog(ctx);
  const book = new InvoiceBook(ctx);
  const deps = { ctx, book, catalog, hashes: input.hashes };

  const scenarios = createSubscriptionScenarios(deps);
  const credits = createCreditsScenario(deps);
  const customers = completeCustomers({ ...scenarios.customers, hooli: credits.customer });
  const subscription = (key: CustomerKey) => {
    const found = scenarios.subscriptions[key];
    if (!found) throw new Error(`The ${key} scenario has no subscription`);
    return found;
  };
  createNotificationPreferences(ctx, customers);
  book.assignNumbers();
  createDocuments(ctx, customers, credits.topUp);
  createMonthlyStatement(ctx, book, customers.northwind);
  await flushKeepingTimestamps(em);

  createPortalConfiguration(ctx, catalog);
  const offer = createRetentionOffer(ctx, catalog);
  createCancellationFeedback(ctx, offer, [
    { customer: customers.initech, subscription: subscription("initech") },
    { customer: customers.wayne, subscription: subscription("wayne") },
  ]);
  createSupportTicket(ctx, customers.globex, merchantUsers.support);
  createWebhooks(ctx, { paid: scenarios.invoices.northwindLatest, failed: scenarios.invoices.globexOverdue });
  createAuditTrail(ctx, {
    merchantUsers,
    apiKey,
    customers,
    subscriptions: {
      initech: subscription("initech"),
      soylent: subscription("soylent"),
      wayne: subscription("wayne"),
    },
    invoices: scenarios.invoices,
  });
  await flushKeepingTimestamps(em);
}

function completeCustomers(
  partial: Partial<Record<CustomerKey, DemoCustomer>>,
): Record<CustomerKey, DemoCustomer> {
  for (const key of CUSTOMER_KEYS) if (!partial[key]) throw new Error(`Demo customer ${key} was not created`);
  return partial as Record<CustomerKey, DemoCustomer>;
}
