import { z } from "zod";
import { pageOf } from "./common.js";
import { publicIdOf } from "./integration.js";
import { PAYMENT_STATUS_VALUES, ZIdempotencyKey, ZPositiveMinorUnits } from "./payments.js";

/**
 * Inputs of `portal.invoices` and `portal.payments`: never a customer (the session's is
 * implied) and never a draft. `overdue` is derived by core: open and past its due date.
 */
export const PORTAL_INVOICE_STATUS_VALUES = ["open", "overdue", "paid", "void", "uncollectible"] as const;

const ZInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const ZPortalListInvoicesInput = pageOf(publicIdOf("in")).extend({
  status: z.enum(PORTAL_INVOICE_STATUS_VALUES).optional(),
  /** Issued at or after this instant. */
  issuedFrom: ZInstant.optional(),
  /** Issued before this instant. */
  issuedBefore: ZInstant.optional(),
  /** Part of the invoice number. */
  number: z.string().trim().min(1).max(64).optional(),
});
export type TPortalListInvoicesInput = z.infer<typeof ZPortalListInvoicesInput>;

export const ZPortalInvoiceRefInput = z.strictObject({ invoice: publicIdOf("in") });
export type TPortalInvoiceRefInput = z.infer<typeof ZPortalInvoiceRefInput>;

/** One attempt to pay: the client makes a new idempotency key per attempt, reused on resubmit. */
export const ZPortalPayInvoiceInput = z.strictObject({
  invoice: publicIdOf("in"),
  /** One of the customer's methods; default the subscription's, then the customer's default. */
  paymentMethod: publicIdOf("pm").optional(),
  /** A partial amount, when the merchant allows it; default everything remaining. */
  amount: ZPositiveMinorUnits.optional(),
  idempotencyKey: ZIdempotencyKey,
});
export type TPortalPayInvoiceInput = z.infer<typeof ZPortalPayInvoiceInput>;

export const ZPortalListPaymentsInput = pageOf(publicIdOf("py")).extend({
  invoice: publicIdOf("in").optional(),
  status: z.enum(PAYMENT_STATUS_VALUES).optional(),
});
export type TPortalListPaymentsInput = z.infer<typeof ZPortalListPaymentsInput>;

/** One of the customer's payments, by `py_…` (its receipt). */
export const ZPortalPaymentRefInput = z.strictObject({ payment: publicIdOf("py") });
export type TPortalPaymentRefInput = z.infer<typeof ZPortalPaymentRefInput>;
