import { queueAuditEvent, type EntityManager } from "@portico/db";
import { actorFields, type Actor } from "../actor.js";

export interface MoneyEvent {
  merchantId: number;
  customerId: number;
  /** `Payment.Succeeded`, `PaymentMethod.Added`, `Wallet.CreditsGranted`, … */
  action: string;
  targetType: "payment" | "payment_method" | "refund" | "invoice" | "wallet" | "credit_note";
  targetId: string;
  /** Ids, amounts and codes only: never a card number, token or fingerprint. */
  data: Record<string, unknown>;
  at: Date;
}

/** Queues the audit event of a payment, method or wallet change, in the change's transaction. */
export function recordMoneyEvent(em: EntityManager, actor: Actor, event: MoneyEvent): void {
  queueAuditEvent(em, {
    merchant: event.merchantId,
    customer: event.customerId,
    ...actorFields(actor),
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    data: event.data,
    at: event.at,
  });
}
