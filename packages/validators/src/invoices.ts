import { z } from "zod";
import { pageOf } from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";
import { ZIdempotencyKey, ZPositiveMinorUnits } from "./payments.js";

/** Inputs of `integration.invoices`. INVOICE_STATUS_VALUES mirrors @portico/db INVOICE_STATUSES. */
export const INVOICE_STATUS_VALUES = ["draft", "open", "paid", "void", "uncollectible"] as const;

export const ZListInvoicesInput = pageOf(publicIdOf("in")).extend({
  customer: ZCustomerRef.optional(),
  status: z.enum(INVOICE_STATUS_VALUES).optional(),
});
export type TListInvoicesInput = z.infer<typeof ZListInvoicesInput>;

export const ZInvoiceRefInput = z.strictObject({ invoice: publicIdOf("in") });
export type TInvoiceRefInput = z.infer<typeof ZInvoiceRefInput>;

export const ZPayInvoiceInput = z.strictObject({
  invoice: publicIdOf("in"),
  /** Default: the subscription's method, then the customer's default. */
  paymentMethod: publicIdOf("pm").optional(),
  /** Pay part now; default everything remaining. */
  amount: ZPositiveMinorUnits.optional(),
  idempotencyKey: ZIdempotencyKey,
});
export type TPayInvoiceInput = z.infer<typeof ZPayInvoiceInput>;

/** Mirrors @portico/db CREDIT_NOTE_REASONS. */
export const CREDIT_NOTE_REASON_VALUES = [
  "duplicate",
  "fraudulent",
  "order_change",
  "product_unsatisfactory",
  "downgrade",
] as const;

export const ZIssueCreditNoteInput = z.strictObject({
  invoice: publicIdOf("in"),
  amount: ZPositiveMinorUnits,
  reason: z.enum(CREDIT_NOTE_REASON_VALUES).optional(),
  memo: z.string().trim().min(1).max(500).optional(),
});
export type TIssueCreditNoteInput = z.infer<typeof ZIssueCreditNoteInput>;
