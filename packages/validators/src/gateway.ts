import { z } from "zod";

/**
 * Input of the console's `admin.gateway.setStripe`. Only the shape is checked here (a
 * form can say "this is no secret key"); core checks the key's mode against the merchant.
 */
export const ZSetStripeCredentialsInput = z.object({
  /** `sk_test_…` / `sk_live_…`, or a restricted `rk_…` key. */
  secretKey: z
    .string()
    .trim()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{16,247}$/),
  /** The signing secret of the webhook endpoint registered in Stripe. */
  webhookSecret: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,200}$/),
  /** `pk_test_…` / `pk_live_…`, for Stripe.js to collect cards in the portal. */
  publishableKey: z
    .string()
    .trim()
    .regex(/^pk_(test|live)_[A-Za-z0-9]{16,247}$/)
    .optional(),
  /** Charge through Stripe from now on (default); false only stores the credentials. */
  activate: z.boolean().optional(),
});
export type TSetStripeCredentialsInput = z.infer<typeof ZSetStripeCredentialsInput>;
