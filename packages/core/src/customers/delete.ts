import { LockMode } from "@mikro-orm/core";
import { Customer, Subscription, queueAuditEvent, type EntityManager } from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { emitEvent } from "../webhooks/emit.js";
import type { DeletedCustomerDto } from "./dto.js";
import { customerNotFound, resolveCustomer } from "./resolve.js";

/**
 * Soft-deletes a customer: the row stays for its invoices, payments and audit trail, but
 * reads treat it as gone, and its external id is released so the merchant may reuse it
 * (the audit event keeps it). Refused while a subscription has not ended (any status but
 * `canceled`). The customer row is locked first, so code that starts a subscription under
 * the same lock cannot race the check.
 */
export async function deleteCustomer(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  ref: string,
): Promise<DeletedCustomerDto> {
  return em.transactional(async (tx) => {
    const found = await resolveCustomer(tx, actor.merchantId, ref);
    const customer = await tx.findOne(
      Customer,
      { id: found.id, deletedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!customer) throw customerNotFound();
    const live = await tx.count(Subscription, { customer, status: { $ne: "canceled" } });
    if (live > 0) {
      throw new AppError(
        "CONFLICT",
        "CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS",
        "Cancel the customer's subscriptions before deleting it.",
        { details: { subscriptions: live } },
      );
    }
    const now = clock.now();
    const { externalId } = customer;
    await emitEvent(tx, {
      merchantId: actor.merchantId,
      type: "customer.deleted",
      data: customer,
      occurredAt: now,
    });
    tx.assign(customer, { deletedAt: now, externalId: null });
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "Customer.Deleted",
        targetType: "customer",
        targetId: customer.publicId,
        customer,
        data: { externalId },
        at: now,
      }),
    );
    return { id: customer.publicId, deleted: true };
  });
}
