import { z } from "zod";

/**
 * Building blocks of the integration inputs (customers, catalog): formats only. Rules that
 * need the database or span fields (exactly one amount, unique keys) are core's, which
 * answers them with their own `reason`.
 */

/** ISO 4217 code in any case (`eur`); core upper-cases it and checks it is a real currency. */
export const ZCurrency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Expected an ISO 4217 currency code.");

/** An amount of integer minor units (cents), exact up to 2^53. */
export const ZMinorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** BCP 47 tag, e.g. `en`, `fr-CA`. */
export const ZLocale = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Expected a BCP 47 language tag.")
  .max(35);

export const ZEmailAddress = z.string().trim().max(320).pipe(z.email());

/** ISO 3166-1 alpha-2, any case. */
export const ZCountry = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Expected an ISO 3166-1 alpha-2 country code.");

/** Stripe's metadata limits: 50 keys of up to 40 characters (no square brackets), values up to 500. */
const ZMetadataKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[^[\]]+$/, "Metadata keys cannot contain square brackets.");
const MAX_METADATA_KEYS = 50;

export const ZMetadata = z
  .record(ZMetadataKey, z.string().max(500))
  .refine((value) => Object.keys(value).length <= MAX_METADATA_KEYS, "At most 50 metadata keys.");

/** Merged into the current metadata: a key set to null or "" is removed. */
export const ZMetadataPatch = z
  .record(ZMetadataKey, z.string().max(500).nullable())
  .refine((value) => Object.keys(value).length <= 2 * MAX_METADATA_KEYS, "Too many metadata keys.");

/** Keyset pagination of a list: `limit` 1–100 (default 10), after the row `startingAfter`. */
export const pageOf = (idPattern: z.ZodType<string>) =>
  z.strictObject({
    limit: z.number().int().min(1).max(100).optional(),
    /** The previous page's `nextCursor` (the public id of its last row). */
    startingAfter: idPattern.optional(),
  });
