import { Invoice, Payment, type EntityManager, type IPayment, type PaymentStatus } from "@portico/db";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import { PAYMENT_POPULATE } from "./dto.js";
import {
  customerInScope,
  invoiceNotFound,
  paymentNotFound,
  scopeFilter,
  type PaymentScope,
} from "./scope.js";

export interface ListPaymentsInput extends PageParams {
  /** `cus_…` or the merchant's external id. */
  customer?: string;
  /** `in_…` */
  invoice?: string;
  status?: PaymentStatus;
}

/** The scope's payments, newest first, a keyset page at a time. */
export async function listPayments(
  em: EntityManager,
  scope: PaymentScope,
  input: ListPaymentsInput,
): Promise<Page<IPayment>> {
  const limit = pageFetchLimit(input);
  const customer = input.customer === undefined ? null : await customerInScope(em, scope, input.customer);
  let invoiceId: number | null = null;
  if (input.invoice !== undefined) {
    const invoice = await em.findOne(
      Invoice,
      { publicId: input.invoice, ...scopeFilter(scope) },
      { fields: ["id"] },
    );
    if (!invoice) throw invoiceNotFound();
    invoiceId = invoice.id;
  }
  const after = await keysetAfter(em, "payment", scope.merchantId, input.startingAfter);
  const rows = await em.find(
    Payment,
    {
      ...scopeFilter(scope),
      ...(customer ? { customer: customer.id } : {}),
      ...(invoiceId === null ? {} : { invoice: invoiceId }),
      ...(input.status === undefined ? {} : { status: input.status }),
      ...after,
    },
    { orderBy: NEWEST_FIRST, limit, populate: PAYMENT_POPULATE },
  );
  return toPage(rows, input);
}

/** A payment in scope by `py_…`, or NOT_FOUND. */
export async function getPayment(em: EntityManager, scope: PaymentScope, id: string): Promise<IPayment> {
  const payment = await em.findOne(
    Payment,
    { publicId: id, ...scopeFilter(scope) },
    { populate: PAYMENT_POPULATE, refresh: true },
  );
  if (!payment) throw paymentNotFound();
  return payment;
}
