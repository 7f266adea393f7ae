import {
  Merchant,
  PaymentMethod,
  Subscription,
  type EntityManager,
  type ICustomer,
  type IPaymentMethod,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { checkMetadata } from "../common/metadata.js";
import { AppError } from "../errors.js";
import { recordMoneyEvent } from "./audit.js";
import type { GatewayCustomer, MethodSource } from "./gateway.js";
import { gatewayFor } from "./registry.js";
import {
  customerInScope,
  lockCustomer,
  paymentMethodNotFound,
  scopeFilter,
  type PaymentActor,
  type PaymentScope,
} from "./scope.js";

/** Subscriptions that charge a saved method and so need one (Stripe's rule). */
const CHARGING_STATUSES = ["active", "trialing", "past_due"] as const;

/** Attached methods first by default flag, then newest. */
const DEFAULT_FIRST = [{ isDefault: "desc" }, { createdAt: "desc" }, { id: "desc" }] as const;

export function gatewayCustomerOf(customer: ICustomer): GatewayCustomer {
  return {
    publicId: customer.publicId,
    name: customer.name,
    email: customer.email ?? null,
    gatewayCustomerId: customer.gatewayCustomerId ?? null,
  };
}

export interface AddPaymentMethodInput {
  /** `cus_…` or the merchant's external id. */
  customer: string;
  source: MethodSource;
  /** Make it the default (the first method always is). */
  setDefault?: boolean;
  metadata?: Record<string, string>;
}

/**
 * Tokenizes a method through the merchant's gateway and saves what came back (token,
 * brand, last4, expiry, fingerprint — never the number). The customer's first method (of
 * the merchant's gateway) is its default. The same card twice (same fingerprint) is CONFLICT
 * `PAYMENT_METHOD_ALREADY_SAVED` naming the saved one. Test cards are for sandbox merchants
 * only (the sandbox gateway accepts nothing else; Stripe takes SetupIntents).
 */
export async function addPaymentMethod(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  input: AddPaymentMethodInput,
): Promise<IPaymentMethod> {
  const metadata = checkMetadata(input.metadata ?? {});
  const customer = await customerInScope(em, actor, input.customer);
  const merchant = await em.findOneOrFail(Merchant, actor.merchantId);
  if (input.source.type === "test_card" && merchant.gateway !== "sandbox") {
    throw new AppError(
      "BAD_REQUEST",
      "TEST_CARDS_SANDBOX_ONLY",
      "Card details are accepted in sandbox mode only.",
    );
  }
  const gateway = gatewayFor(merchant, clock);
  if (gateway.ensureCustomer && !customer.gatewayCustomerId) {
    customer.gatewayCustomerId = await gateway.ensureCustomer(gatewayCustomerOf(customer));
    await em.flush();
  }
  const attached = await gateway.attachMethod({
    customer: gatewayCustomerOf(customer),
    source: input.source,
  });
  const now = clock.now();
  try {
    return await em.transactional(async (tx) => {
      await lockCustomer(tx, customer.id);
      const saved = await tx.find(PaymentMethod, { customer: customer.id, detachedAt: null });
      const twin = attached.fingerprint
        ? saved.find((m) => m.fingerprint === attached.fingerprint)
        : undefined;
      if (twin) {
        throw new AppError("CONFLICT", "PAYMENT_METHOD_ALREADY_SAVED", "This card is already saved.", {
          details: { paymentMethod: twin.publicId },
        });
      }
      // The first method of the merchant's gateway becomes the default (after a move to
      // Stripe, a sandbox card's flag does not keep the new card from being charged).
      const isDefault =
        input.setDefault === true || !saved.some((m) => m.isDefault && m.gateway === merchant.gateway);
      if (isDefault) await clearDefault(tx, customer.id);
      const method = tx.create(PaymentMethod, {
        merchant: actor.merchantId,
        customer: customer.id,
        gateway: merchant.gateway,
        gatewayToken: attached.token,
        type: attached.type,
        brand: attached.brand,
        last4: attached.last4,
        expMonth: attached.expMonth,
        expYear: attached.expYear,
        holderName: attached.holderName,
        country: attached.country,
        fingerprint: attached.fingerprint,
        isDefault,
        metadata,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();
      recordMoneyEvent(tx, actor, {
        merchantId: actor.merchantId,
        customerId: customer.id,
        action: "PaymentMethod.Added",
        targetType: "payment_method",
        targetId: method.publicId,
        data: { type: method.type, brand: method.brand ?? null, isDefault },
        at: now,
      });
      await tx.flush();
      await tx.populate(method, ["customer"]);
      return method;
    });
  } catch (error) {
    // Nothing references the new token: take it back from the gateway (best effort).
    await gateway.detachMethod(attached.token).catch(() => undefined);
    throw error;
  }
}

/** A customer's attached methods, the default first, then newest. */
export async function listPaymentMethods(
  em: EntityManager,
  scope: PaymentScope,
  customerRef: string,
): Promise<IPaymentMethod[]> {
  const customer = await customerInScope(em, scope, customerRef);
  return em.find(
    PaymentMethod,
    { customer: customer.id, detachedAt: null },
    { orderBy: [...DEFAULT_FIRST], populate: ["customer"] },
  );
}

/** An attached method in scope by `pm_…`, or NOT_FOUND. */
export async function getPaymentMethod(
  em: EntityManager,
  scope: PaymentScope,
  id: string,
): Promise<IPaymentMethod> {
  const method = await em.findOne(
    PaymentMethod,
    { publicId: id, detachedAt: null, ...scopeFilter(scope) },
    { populate: ["customer"] },
  );
  if (!method) throw paymentMethodNotFound();
  return method;
}

/** Clears the customer's default flag now, before another row takes it (the index checks per row). */
async function clearDefault(em: EntityManager, customerId: number): Promise<void> {
  await em.nativeUpdate(PaymentMethod, { customer: customerId, isDefault: true }, { isDefault: false });
}

/**
 * Makes a method the customer's default: the old flag is cleared and the new one set in one
 * transaction under the customer's lock, so the one-default index is never violated and a
 * concurrent change waits.
 */
export async function setDefaultPaymentMethod(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  id: string,
): Promise<IPaymentMethod> {
  return em.transactional(async (tx) => {
    const found = await getPaymentMethod(tx, actor, id);
    await lockCustomer(tx, found.customer.id);
    const method = await tx.findOneOrFail(PaymentMethod, found.id, { refresh: true, populate: ["customer"] });
    if (method.detachedAt) throw paymentMethodNotFound();
    if (method.isDefault) return method;
    const now = clock.now();
    await clearDefault(tx, method.customer.id);
    method.isDefault = true;
    method.updatedAt = now;
    recordMoneyEvent(tx, actor, {
      merchantId: actor.merchantId,
      customerId: method.customer.id,
      action: "PaymentMethod.DefaultSet",
      targetType: "payment_method",
      targetId: method.publicId,
      data: { brand: method.brand ?? null },
      at: now,
    });
    await tx.flush();
    return method;
  });
}

/**
 * Detaches a method. The last one cannot go while the customer has a subscription that
 * charges it automatically (active, trialing, past due): CONFLICT `PAYMENT_METHOD_REQUIRED`.
 * Removing the default makes the most recent other method the default; subscriptions that
 * named it fall back to the customer's default. The gateway forgets the token after the
 * database does.
 */
export async function removePaymentMethod(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  id: string,
): Promise<IPaymentMethod> {
  const removed = await em.transactional(async (tx) => {
    const found = await getPaymentMethod(tx, actor, id);
    const customerId = found.customer.id;
    await lockCustomer(tx, customerId);
    const method = await tx.findOneOrFail(PaymentMethod, found.id, { refresh: true, populate: ["customer"] });
    if (method.detachedAt) throw paymentMethodNotFound();
    const others = await tx.find(
      PaymentMethod,
      { customer: customerId, detachedAt: null, id: { $ne: method.id } },
      { orderBy: { createdAt: "desc", id: "desc" } },
    );
    if (others.length === 0) {
      const charging = await tx.count(Subscription, {
        customer: customerId,
        status: { $in: [...CHARGING_STATUSES] },
        collectionMethod: "charge_automatically",
      });
      if (charging > 0) {
        throw new AppError(
          "CONFLICT",
          "PAYMENT_METHOD_REQUIRED",
          "A subscription charges this payment method; add another one before removing it.",
          { details: { subscriptions: charging } },
        );
      }
    }
    const now = clock.now();
    const wasDefault = method.isDefault;
    method.isDefault = false;
    method.detachedAt = now;
    method.updatedAt = now;
    await tx.nativeUpdate(Subscription, { defaultPaymentMethod: method.id }, { defaultPaymentMethod: null });
    await tx.flush();
    const promoted = wasDefault ? (others[0] ?? null) : null;
    if (promoted) {
      promoted.isDefault = true;
      promoted.updatedAt = now;
    }
    recordMoneyEvent(tx, actor, {
      merchantId: actor.merchantId,
      customerId,
      action: "PaymentMethod.Removed",
      targetType: "payment_method",
      targetId: method.publicId,
      data: { brand: method.brand ?? null, wasDefault, newDefault: promoted?.publicId ?? null },
      at: now,
    });
    await tx.flush();
    return method;
  });
  const merchant = await em.findOneOrFail(Merchant, actor.merchantId);
  // A method Portico no longer lists is never charged; a gateway that fails to forget it is harmless.
  await gatewayFor(merchant, clock, removed.gateway)
    .detachMethod(removed.gatewayToken)
    .catch(() => undefined);
  return removed;
}
