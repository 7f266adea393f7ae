import type { EntityManager, IPaymentMethod, PaymentMethodType } from "@portico/db";
import type { Clock } from "../clock.js";
import type { MethodSource } from "../payments/gateway.js";
import {
  addPaymentMethod,
  listPaymentMethods,
  removePaymentMethod,
  setDefaultPaymentMethod,
} from "../payments/methods.js";
import { startPaymentMethodSetup, type MethodSetupDto } from "../payments/setup.js";
import { portalCustomer, type PortalActor, type PortalScope } from "./scope.js";

/**
 * The customer's own saved methods, through the payments module with the customer pinned in
 * the scope: another customer's `pm_…` is NOT_FOUND, and removing the last method a
 * subscription charges is CONFLICT `PAYMENT_METHOD_REQUIRED`.
 */

/** A saved method as the portal shows it: brand, last4 and expiry — no holder, country or metadata. */
export interface PortalPaymentMethodDto {
  id: string;
  type: PaymentMethodType;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
  createdAt: string;
}

export function toPortalPaymentMethodDto(method: IPaymentMethod): PortalPaymentMethodDto {
  return {
    id: method.publicId,
    type: method.type,
    brand: method.brand ?? null,
    last4: method.last4 ?? null,
    expMonth: method.expMonth ?? null,
    expYear: method.expYear ?? null,
    isDefault: method.isDefault,
    createdAt: method.createdAt.toISOString(),
  };
}

/** The default first, then newest. */
export async function listPortalPaymentMethods(
  em: EntityManager,
  scope: PortalScope,
): Promise<PortalPaymentMethodDto[]> {
  const customer = await portalCustomer(em, scope);
  return (await listPaymentMethods(em, scope, customer.publicId)).map(toPortalPaymentMethodDto);
}

/** How the portal collects a new card for the merchant's gateway (see startPaymentMethodSetup). */
export async function setupPortalPaymentMethod(
  em: EntityManager,
  clock: Clock,
  scope: PortalScope,
): Promise<MethodSetupDto> {
  const customer = await portalCustomer(em, scope);
  return startPaymentMethodSetup(em, clock, scope, customer.publicId);
}

export async function addPortalPaymentMethod(
  em: EntityManager,
  clock: Clock,
  actor: PortalActor,
  input: { source: MethodSource; setDefault?: boolean },
): Promise<PortalPaymentMethodDto> {
  const customer = await portalCustomer(em, actor);
  const method = await addPaymentMethod(em, clock, actor, {
    customer: customer.publicId,
    source: input.source,
    setDefault: input.setDefault,
  });
  return toPortalPaymentMethodDto(method);
}

export async function setDefaultPortalPaymentMethod(
  em: EntityManager,
  clock: Clock,
  actor: PortalActor,
  id: string,
): Promise<PortalPaymentMethodDto> {
  return toPortalPaymentMethodDto(await setDefaultPaymentMethod(em, clock, actor, id));
}

export async function removePortalPaymentMethod(
  em: EntityManager,
  clock: Clock,
  actor: PortalActor,
  id: string,
): Promise<PortalPaymentMethodDto> {
  return toPortalPaymentMethodDto(await removePaymentMethod(em, clock, actor, id));
}
