import { z } from "zod";
import { ZCountry, ZEmailAddress, ZLocale } from "./common.js";

/**
 * Inputs of `portal.profile` (the customer's billing details) and `portal.notifications`.
 * Formats only: which fields the configuration lets the customer edit, whether a country
 * code is assigned and whether Portico speaks a language are core's to answer.
 */

/** Digits with the usual separators (`+33 1 23 45 67 89`, `(555) 010-2000`): 6 to 15 digits, E.164's maximum. */
export const ZPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ().-]+$/, "Expected a phone number: digits, spaces and + ( ) . - only.")
  .refine((value) => {
    const digits = value.replace(/\D/g, "").length;
    return digits >= 6 && digits <= 15;
  }, "Expected a phone number of 6 to 15 digits.");

/** VAT, EIN, ABN…: letters and digits, with spaces, dots, dashes or slashes between them. */
export const ZTaxId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9 ./-]*[A-Za-z0-9])?$/, "Expected a tax ID of letters and digits.");

const ZLine = z.string().trim().max(200).nullable().optional();

export const ZPortalAddress = z.strictObject({
  line1: ZLine,
  line2: ZLine,
  city: ZLine,
  state: ZLine,
  postalCode: z.string().trim().max(20).nullable().optional(),
  country: ZCountry.nullable().optional(),
});

/**
 * The billing details a customer changes; null clears an optional field. The e-mail is
 * not here: it changes through requestEmailChange / confirmEmailChange.
 */
export const ZPortalUpdateProfileInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    phone: ZPhone.nullable().optional(),
    address: ZPortalAddress.nullable().optional(),
    taxId: ZTaxId.nullable().optional(),
    locale: ZLocale.nullable().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, "Give at least one field to change.");
export type TPortalUpdateProfileInput = z.infer<typeof ZPortalUpdateProfileInput>;

export const ZPortalRequestEmailChangeInput = z.strictObject({ email: ZEmailAddress });
export type TPortalRequestEmailChangeInput = z.infer<typeof ZPortalRequestEmailChangeInput>;

export const ZPortalConfirmEmailChangeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Expected the 6-digit code."),
});
export type TPortalConfirmEmailChangeInput = z.infer<typeof ZPortalConfirmEmailChangeInput>;

/** The categories the portal lets customers turn off; mirrors core's PORTAL_NOTIFICATION_CATEGORIES. */
export const PORTAL_NOTIFICATION_CATEGORY_VALUES = [
  "invoices",
  "receipts",
  "payment_failures",
  "usage_alerts",
] as const;

/** Only the categories given change; the others keep their setting. */
export const ZPortalUpdateNotificationsInput = z.strictObject({
  preferences: z
    .partialRecord(z.enum(PORTAL_NOTIFICATION_CATEGORY_VALUES), z.boolean())
    .refine((value) => Object.keys(value).length > 0, "Give at least one category."),
});
export type TPortalUpdateNotificationsInput = z.infer<typeof ZPortalUpdateNotificationsInput>;
