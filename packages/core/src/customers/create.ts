import {
  Customer,
  Merchant,
  newPublicId,
  queueAuditEvent,
  type EntityManager,
  type ICustomer,
} from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { normalizeCurrency } from "../common/currency.js";
import { flushOrConflict } from "../common/flush.js";
import { checkMetadata, type Metadata } from "../common/metadata.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { emitEvent } from "../webhooks/emit.js";
import {
  normalizeCustomerFields,
  normalizeExternalId,
  normalizeName,
  type CustomerFieldsInput,
} from "./fields.js";

export interface CreateCustomerInput extends CustomerFieldsInput {
  name: string;
  /** The merchant's own id for the customer, unique per merchant. */
  externalId?: string | null;
  /** ISO 4217; defaults to the merchant's default currency. */
  currency?: string;
  metadata?: Metadata;
}

export function customerExists(externalId: string, existing?: string): AppError {
  return new AppError("CONFLICT", "CUSTOMER_EXISTS", "A customer with this external id exists.", {
    details: { externalId, ...(existing ? { customer: existing } : {}) },
  });
}

/** CONFLICT when another customer of the merchant has `externalId` (deleting one releases it). */
export async function assertExternalIdFree(
  em: EntityManager,
  merchantId: number,
  externalId: string,
  exceptId?: number,
): Promise<void> {
  const holder = await em.findOne(Customer, {
    merchant: merchantId,
    externalId,
    ...(exceptId === undefined ? {} : { id: { $ne: exceptId } }),
  });
  if (holder) throw customerExists(externalId, holder.publicId);
}

/** A new customer of the actor's merchant. */
export async function createCustomer(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateCustomerInput,
): Promise<ICustomer> {
  const fields = normalizeCustomerFields(input);
  const name = normalizeName(input.name);
  const externalId = normalizeExternalId(input.externalId);
  const metadata = checkMetadata(input.metadata ?? {});
  const merchant = await em.findOneOrFail(Merchant, actor.merchantId);
  const currency = normalizeCurrency(input.currency ?? merchant.defaultCurrency);
  if (externalId !== null) await assertExternalIdFree(em, actor.merchantId, externalId);

  const now = clock.now();
  const customer = em.create(Customer, {
    publicId: newPublicId("cus"),
    merchant,
    name,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    address: fields.address ?? null,
    taxId: fields.taxId ?? null,
    taxExempt: fields.taxExempt ?? "none",
    locale: fields.locale ?? null,
    creditLimit: fields.creditLimit ?? null,
    externalId,
    currency,
    metadata,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Customer.Created",
      targetType: "customer",
      targetId: customer.publicId,
      customer,
      data: { externalId, currency },
      at: now,
    }),
  );
  await emitEvent(em, {
    merchantId: actor.merchantId,
    type: "customer.created",
    data: customer,
    occurredAt: now,
  });
  await flushOrConflict(em, () => customerExists(externalId ?? ""));
  return customer;
}
