import { z } from "zod";
import { ZTestCardInput } from "./payments.js";

/**
 * Inputs of `portal.paymentMethods`. The customer is always the session's, so unlike the
 * integration inputs there is no `customer` (and no merchant metadata).
 */
const portalMethodFields = {
  /** Make it the default (the customer's first method always is). */
  setDefault: z.boolean().optional(),
};

/** The sandbox gateway's test-card form, or a SetupIntent the browser confirmed with Stripe.js. */
export const ZPortalAddPaymentMethodInput = z.union([
  z.strictObject({ ...portalMethodFields, card: ZTestCardInput }),
  z.strictObject({
    ...portalMethodFields,
    setupIntent: z.string().regex(/^seti_\w{1,250}$/, "Expected a seti_… id."),
  }),
]);
export type TPortalAddPaymentMethodInput = z.infer<typeof ZPortalAddPaymentMethodInput>;
