import { Refund, type EntityManager, type IPayment, type RefundReason, type RefundStatus } from "@portico/db";
import type { Page } from "../common/keyset-page.js";
import { toPaymentDto, type PaymentDto } from "./dto.js";
import { listPayments, type ListPaymentsInput } from "./queries.js";
import type { PaymentScope } from "./scope.js";

/** A refund as the payment history shows it under its payment. */
export interface PaymentHistoryRefundDto {
  /** `re_…` */
  id: string;
  amount: number;
  status: RefundStatus;
  reason: RefundReason | null;
  createdAt: string;
  succeededAt: string | null;
}

/** A payment with what the history shows beside it: its invoice's number and its refunds. */
export interface PaymentHistoryEntryDto extends PaymentDto {
  /** `ACME-0042` of the invoice paid; null for wallet top-ups. */
  invoiceNumber: string | null;
  /** Oldest first. */
  refunds: PaymentHistoryRefundDto[];
  /** Whether `receiptFor` answers: the payment succeeded (it may have been refunded since). */
  receiptAvailable: boolean;
}

/** A payment that went through has a receipt, even after a refund. */
export function hasReceipt(payment: Pick<IPayment, "succeededAt">): boolean {
  return payment.succeededAt != null;
}

/**
 * The scope's payments newest first, a keyset page at a time, each with its refunds
 * (pending and failed ones too: the customer sees a refund on its way) read in one query
 * for the whole page.
 */
export async function listPaymentHistory(
  em: EntityManager,
  scope: PaymentScope,
  input: ListPaymentsInput,
): Promise<Page<PaymentHistoryEntryDto>> {
  const page = await listPayments(em, scope, input);
  const refunds =
    page.data.length === 0
      ? []
      : await em.find(
          Refund,
          { payment: { $in: page.data.map((p) => p.id) } },
          { orderBy: { createdAt: "asc", id: "asc" } },
        );
  const byPayment = new Map<number, PaymentHistoryRefundDto[]>();
  for (const refund of refunds) {
    const list = byPayment.get(refund.payment.id) ?? [];
    list.push({
      id: refund.publicId,
      amount: refund.amount,
      status: refund.status,
      reason: refund.reason ?? null,
      createdAt: refund.createdAt.toISOString(),
      succeededAt: refund.succeededAt?.toISOString() ?? null,
    });
    byPayment.set(refund.payment.id, list);
  }
  return {
    ...page,
    data: page.data.map((payment) => ({
      ...toPaymentDto(payment),
      invoiceNumber: payment.invoice?.getEntity().number ?? null,
      refunds: byPayment.get(payment.id) ?? [],
      receiptAvailable: hasReceipt(payment),
    })),
  };
}
