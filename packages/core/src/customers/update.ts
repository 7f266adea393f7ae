import { Invoice, Subscription, queueAuditEvent, type EntityManager, type ICustomer } from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { normalizeCurrency } from "../common/currency.js";
import { flushOrConflict } from "../common/flush.js";
import { applyMetadataPatch, type MetadataPatch } from "../common/metadata.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { emitEvent } from "../webhooks/emit.js";
import { assertExternalIdFree, customerExists } from "./create.js";
import { normalizeCustomerFields, normalizeExternalId, type CustomerFieldsInput } from "./fields.js";
import { resolveCustomer } from "./resolve.js";

export interface UpdateCustomerInput extends CustomerFieldsInput {
  /** Portico's id (`cus_…`) or the merchant's external id of the customer to change. */
  customer: string;
  /** A new external id; null removes it. */
  externalId?: string | null;
  /** Only while the customer has no balance, subscription or invoice in the current one. */
  currency?: string;
  /** Merged into the current metadata; a key set to null or "" is removed. */
  metadata?: MetadataPatch;
}

/**
 * Changes the fields given and leaves the others. Everything is validated before anything
 * is written: a bad field changes nothing.
 */
export async function updateCustomer(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: UpdateCustomerInput,
): Promise<ICustomer> {
  const { customer: ref, externalId: rawExternalId, currency: rawCurrency, metadata: patch } = input;
  const changes: Partial<ICustomer> = normalizeCustomerFields(input);
  const customer = await resolveCustomer(em, actor.merchantId, ref);

  if (rawExternalId !== undefined) {
    const externalId = normalizeExternalId(rawExternalId);
    if (externalId !== null) await assertExternalIdFree(em, actor.merchantId, externalId, customer.id);
    changes.externalId = externalId;
  }
  if (rawCurrency !== undefined) {
    const currency = normalizeCurrency(rawCurrency);
    if (currency !== customer.currency) await assertCurrencyChangeable(em, customer);
    changes.currency = currency;
  }
  if (patch !== undefined) changes.metadata = applyMetadataPatch(customer.metadata, patch);

  const now = clock.now();
  em.assign(customer, changes);
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Customer.Updated",
      targetType: "customer",
      targetId: customer.publicId,
      customer,
      // Which fields changed, not their values: profiles hold personal data.
      data: { fields: Object.keys(changes).sort() },
      at: now,
    }),
  );
  await emitEvent(em, {
    merchantId: actor.merchantId,
    type: "customer.updated",
    data: customer,
    occurredAt: now,
  });
  await flushOrConflict(em, () => customerExists(changes.externalId ?? ""));
  return customer;
}

/** Balances, subscriptions and invoices are in the customer's currency: it is fixed once used. */
async function assertCurrencyChangeable(em: EntityManager, customer: ICustomer): Promise<void> {
  const used =
    customer.balance !== 0 ||
    (await em.count(Subscription, { customer })) > 0 ||
    (await em.count(Invoice, { customer })) > 0;
  if (used) {
    throw new AppError(
      "CONFLICT",
      "CUSTOMER_CURRENCY_LOCKED",
      "The currency of a customer with a balance, subscriptions or invoices cannot change.",
      { details: { currency: customer.currency } },
    );
  }
}
