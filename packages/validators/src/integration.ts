import { z } from "zod";

/**
 * Inputs of the `integration` router (merchant backends, `sk_…` API key). Enumerations
 * mirror @portico/db (PORTAL_FLOW_TYPES, CUSTOMER_TOKEN_SCOPES); a test in @portico/api
 * keeps them equal.
 */

export const PORTAL_FLOW_TYPE_VALUES = [
  "subscription_cancel",
  "subscription_update",
  "subscription_update_confirm",
  "payment_method_update",
  "invoice_pay",
] as const;

export const CUSTOMER_TOKEN_SCOPE_VALUES = [
  "customer:read",
  "customer:write",
  "subscriptions:read",
  "subscriptions:write",
  "invoices:read",
  "payment_methods:read",
  "payment_methods:write",
  "usage:read",
  "credits:read",
] as const;

/** Portico's customer id (`cus_…`) or the merchant's own external id. */
export const ZCustomerRef = z.string().trim().min(1).max(255);

const ZHttpUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** A public id with the given prefix (`ps_…`, `cst_…`). */
export const publicIdOf = (prefix: string) =>
  z
    .string()
    .max(40)
    .regex(new RegExp(`^${prefix}_[a-z2-7]+$`), `Expected a ${prefix}_… id.`);

export const ZPortalFlow = z.object({
  type: z.enum(PORTAL_FLOW_TYPE_VALUES),
  subscription: z.string().max(40).optional(),
  invoice: z.string().max(40).optional(),
  items: z
    .array(
      z.object({ price: z.string().max(40), quantity: z.number().int().min(1).max(1_000_000).optional() }),
    )
    .min(1)
    .max(20)
    .optional(),
  afterCompletion: z
    .object({ type: z.enum(["portal_homepage", "redirect"]), redirectUrl: ZHttpUrl.optional() })
    .optional(),
});
export type TPortalFlow = z.infer<typeof ZPortalFlow>;

export const ZCreatePortalSessionInput = z.object({
  customer: ZCustomerRef,
  returnUrl: ZHttpUrl.optional(),
  /** A portal configuration id (`bpc_…`); omitted uses the merchant's default. */
  configuration: publicIdOf("bpc").optional(),
  flow: ZPortalFlow.optional(),
  /** BCP 47 tag, e.g. `en`, `fr-CA`. */
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Expected a BCP 47 language tag.")
    .max(35)
    .optional(),
  /** Seconds the link stays valid: 300 (5 min) to 86 400 (24 h); default 3 600. */
  expiresIn: z.number().int().min(300).max(86_400).optional(),
});
export type TCreatePortalSessionInput = z.infer<typeof ZCreatePortalSessionInput>;

export const ZRevokePortalSessionInput = z.object({ id: publicIdOf("ps") });
export type TRevokePortalSessionInput = z.infer<typeof ZRevokePortalSessionInput>;

export const ZCreateCustomerTokenInput = z.object({
  customer: ZCustomerRef,
  scopes: z.array(z.enum(CUSTOMER_TOKEN_SCOPE_VALUES)).min(1).max(CUSTOMER_TOKEN_SCOPE_VALUES.length),
  /** Seconds the token stays valid: 60 to 86 400 (24 h); default 3 600. */
  expiresIn: z.number().int().min(60).max(86_400).optional(),
});
export type TCreateCustomerTokenInput = z.infer<typeof ZCreateCustomerTokenInput>;

export const ZRevokeCustomerTokenInput = z.object({ id: publicIdOf("cst") });
export type TRevokeCustomerTokenInput = z.infer<typeof ZRevokeCustomerTokenInput>;
