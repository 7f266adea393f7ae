import { z } from "zod";
import { ZMetadata, pageOf } from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";

/**
 * Inputs of `integration.paymentMethods` and `integration.payments`. Enumerations mirror
 * @portico/db (PAYMENT_STATUSES, REFUND_REASONS); a test in @portico/api keeps them equal.
 * Card details are checked by core (Luhn, expiry, CVC), which answers with a reason per
 * field; here only their shape.
 */
export const PAYMENT_STATUS_VALUES = [
  "processing",
  "succeeded",
  "failed",
  "refunded",
  "partially_refunded",
  "canceled",
] as const;
export const REFUND_REASON_VALUES = ["duplicate", "fraudulent", "requested_by_customer", "other"] as const;

/** A caller's key for a money movement: retrying with it never moves money twice. */
export const ZIdempotencyKey = z.string().trim().min(1).max(255);

/** Minor units, at least 1. */
export const ZPositiveMinorUnits = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A sandbox test card as typed into a form (sandbox merchants only). */
export const ZTestCardInput = z.strictObject({
  number: z.string().max(30),
  expMonth: z.number().int().min(0).max(99),
  /** Four digits, or two (`30` → 2030). */
  expYear: z.number().int().min(0).max(9999),
  cvc: z.string().max(8),
  holderName: z.string().trim().max(200).optional(),
});
export type TTestCardInput = z.infer<typeof ZTestCardInput>;

const methodFields = {
  customer: ZCustomerRef,
  /** Make it the default (the customer's first method always is). */
  setDefault: z.boolean().optional(),
  metadata: ZMetadata.optional(),
};

/** A test card (sandbox gateway) or a SetupIntent the browser confirmed (Stripe gateway). */
export const ZAddPaymentMethodInput = z.union([
  z.strictObject({ ...methodFields, card: ZTestCardInput }),
  z.strictObject({
    ...methodFields,
    setupIntent: z.string().regex(/^seti_\w{1,250}$/, "Expected a seti_… id."),
  }),
]);
export type TAddPaymentMethodInput = z.infer<typeof ZAddPaymentMethodInput>;

export const ZListPaymentMethodsInput = z.strictObject({ customer: ZCustomerRef });
export type TListPaymentMethodsInput = z.infer<typeof ZListPaymentMethodsInput>;

export const ZPaymentMethodRefInput = z.strictObject({ paymentMethod: publicIdOf("pm") });
export type TPaymentMethodRefInput = z.infer<typeof ZPaymentMethodRefInput>;

export const ZListPaymentsInput = pageOf(publicIdOf("py")).extend({
  customer: ZCustomerRef.optional(),
  invoice: publicIdOf("in").optional(),
  status: z.enum(PAYMENT_STATUS_VALUES).optional(),
});
export type TListPaymentsInput = z.infer<typeof ZListPaymentsInput>;

export const ZPaymentRefInput = z.strictObject({ payment: publicIdOf("py") });
export type TPaymentRefInput = z.infer<typeof ZPaymentRefInput>;

export const ZRefundPaymentInput = z.strictObject({
  payment: publicIdOf("py"),
  /** Default: everything not yet refunded. */
  amount: ZPositiveMinorUnits.optional(),
  reason: z.enum(REFUND_REASON_VALUES).optional(),
  idempotencyKey: ZIdempotencyKey,
});
export type TRefundPaymentInput = z.infer<typeof ZRefundPaymentInput>;
