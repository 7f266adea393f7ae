import type {
  IPayment,
  IPaymentMethod,
  IRefund,
  PaymentMethodType,
  PaymentPurpose,
  PaymentStatus,
  RefundReason,
  RefundStatus,
} from "@portico/db";

/**
 * Payment rows as the API shows them: public ids, ISO 8601 dates, minor units. A card is its
 * brand, last4 and expiry — never the gateway token or fingerprint.
 */

export interface PaymentMethodDto {
  id: string;
  /** `cus_…` */
  customer: string;
  type: PaymentMethodType;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  holderName: string | null;
  country: string | null;
  isDefault: boolean;
  metadata: Record<string, string>;
  createdAt: string;
}

/** Needs `customer` loaded or referenced (its public id is read). */
export function toPaymentMethodDto(method: IPaymentMethod): PaymentMethodDto {
  return {
    id: method.publicId,
    customer: method.customer.getEntity().publicId,
    type: method.type,
    brand: method.brand ?? null,
    last4: method.last4 ?? null,
    expMonth: method.expMonth ?? null,
    expYear: method.expYear ?? null,
    holderName: method.holderName ?? null,
    country: method.country ?? null,
    isDefault: method.isDefault,
    metadata: method.metadata,
    createdAt: method.createdAt.toISOString(),
  };
}

/** The method a payment went to, as a receipt prints it. */
export interface PaymentMethodSummaryDto {
  id: string;
  type: PaymentMethodType;
  brand: string | null;
  last4: string | null;
}

export interface PaymentDto {
  id: string;
  /** `cus_…` */
  customer: string;
  purpose: PaymentPurpose;
  /** `in_…` of an invoice payment. */
  invoice: string | null;
  paymentMethod: PaymentMethodSummaryDto | null;
  amount: number;
  currency: string;
  amountRefunded: number;
  status: PaymentStatus;
  failureCode: string | null;
  failureMessage: string | null;
  nextAction: Record<string, unknown> | null;
  /** `ACME-RCPT-0007` once it succeeded. */
  receiptNumber: string | null;
  description: string | null;
  createdAt: string;
  succeededAt: string | null;
  failedAt: string | null;
}

/** Needs `customer`, `invoice` and `paymentMethod` loaded (PAYMENT_POPULATE). */
export function toPaymentDto(payment: IPayment): PaymentDto {
  const method = payment.paymentMethod?.getEntity() ?? null;
  return {
    id: payment.publicId,
    customer: payment.customer.getEntity().publicId,
    purpose: payment.purpose,
    invoice: payment.invoice?.getEntity().publicId ?? null,
    paymentMethod: method
      ? { id: method.publicId, type: method.type, brand: method.brand ?? null, last4: method.last4 ?? null }
      : null,
    amount: payment.amount,
    currency: payment.currency,
    amountRefunded: payment.amountRefunded,
    status: payment.status,
    failureCode: payment.failureCode ?? null,
    failureMessage: payment.failureMessage ?? null,
    nextAction: payment.nextAction ?? null,
    receiptNumber: payment.receiptNumber ?? null,
    description: payment.description ?? null,
    createdAt: payment.createdAt.toISOString(),
    succeededAt: payment.succeededAt?.toISOString() ?? null,
    failedAt: payment.failedAt?.toISOString() ?? null,
  };
}

/** What loading a payment for its DTO needs. */
export const PAYMENT_POPULATE = ["customer", "invoice", "paymentMethod"] as const;

export interface RefundDto {
  id: string;
  /** `py_…` */
  payment: string;
  amount: number;
  currency: string;
  reason: RefundReason | null;
  status: RefundStatus;
  failureMessage: string | null;
  /** `cn_…` of the credit note issued with it (invoice payments). */
  creditNote: string | null;
  createdAt: string;
  succeededAt: string | null;
}

/** Needs `payment` and `creditNote` loaded. */
export function toRefundDto(refund: IRefund): RefundDto {
  return {
    id: refund.publicId,
    payment: refund.payment.getEntity().publicId,
    amount: refund.amount,
    currency: refund.currency,
    reason: refund.reason ?? null,
    status: refund.status,
    failureMessage: refund.failureMessage ?? null,
    creditNote: refund.creditNote?.getEntity().publicId ?? null,
    createdAt: refund.createdAt.toISOString(),
    succeededAt: refund.succeededAt?.toISOString() ?? null,
  };
}
