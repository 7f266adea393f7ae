import { z } from "zod";
import {
  ZCountry,
  ZCurrency,
  ZEmailAddress,
  ZLocale,
  ZMetadata,
  ZMetadataPatch,
  ZMinorUnits,
  pageOf,
} from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";

/** Inputs of `integration.customers`. TAX_EXEMPT_VALUES mirrors @portico/db TAX_EXEMPT_STATUSES. */
export const TAX_EXEMPT_VALUES = ["none", "exempt", "reverse"] as const;

const ZLine = z.string().trim().max(200).nullable().optional();

export const ZPostalAddress = z.strictObject({
  line1: ZLine,
  line2: ZLine,
  city: ZLine,
  state: ZLine,
  postalCode: ZLine,
  country: ZCountry.nullable().optional(),
});
export type TPostalAddress = z.infer<typeof ZPostalAddress>;

const ZExternalId = z.string().trim().min(1).max(255);

/** The profile fields both create and update take; null clears a field on update. */
const customerFields = {
  email: ZEmailAddress.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  address: ZPostalAddress.nullable().optional(),
  taxId: z.string().trim().max(64).nullable().optional(),
  taxExempt: z.enum(TAX_EXEMPT_VALUES).optional(),
  locale: ZLocale.nullable().optional(),
  /** Minor units of the customer's currency; null tracks no limit. */
  creditLimit: ZMinorUnits.nullable().optional(),
};

export const ZCreateCustomerInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** The merchant's own id for the customer, unique per merchant. */
  externalId: ZExternalId.optional(),
  /** Defaults to the merchant's default currency. */
  currency: ZCurrency.optional(),
  metadata: ZMetadata.optional(),
  ...customerFields,
});
export type TCreateCustomerInput = z.infer<typeof ZCreateCustomerInput>;

export const ZUpdateCustomerInput = z.strictObject({
  /** Portico's id (`cus_…`) or the merchant's external id. */
  customer: ZCustomerRef,
  name: z.string().trim().min(1).max(200).optional(),
  externalId: ZExternalId.nullable().optional(),
  currency: ZCurrency.optional(),
  metadata: ZMetadataPatch.optional(),
  ...customerFields,
});
export type TUpdateCustomerInput = z.infer<typeof ZUpdateCustomerInput>;

export const ZCustomerRefInput = z.strictObject({ customer: ZCustomerRef });
export type TCustomerRefInput = z.infer<typeof ZCustomerRefInput>;

export const ZListCustomersInput = pageOf(publicIdOf("cus")).extend({
  email: ZEmailAddress.optional(),
  externalId: ZExternalId.optional(),
});
export type TListCustomersInput = z.infer<typeof ZListCustomersInput>;
