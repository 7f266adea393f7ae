import { p } from "@mikro-orm/core";
import { newPublicId, type IdPrefix } from "../ids.js";

/**
 * Property builders every table shares. Numeric `id` is the internal key (bigserial);
 * `publicId` is what leaves the server. Money columns are integer minor units (bigint
 * mapped to JS number: exact up to 2^53, i.e. 90 trillion in any currency).
 */
export const idColumn = () => p.bigint("number").primary().autoincrement();

export const publicIdColumn = (prefix: IdPrefix) =>
  p.string().length(40).unique().onCreate(() => newPublicId(prefix));

export const createdAtColumn = () => p.datetime().defaultRaw("now()").onCreate(() => new Date());

export const updatedAtColumn = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date())
    .onUpdate(() => new Date());

/** Integer minor units of `currency`. */
export const moneyColumn = () => p.bigint("number");

/** ISO-4217 code, upper case. */
export const currencyColumn = () => p.string().length(3);

/** Arbitrary merchant-supplied key/value data, as Stripe's `metadata`. */
export const metadataColumn = () => p.json<Record<string, string>>().defaultRaw("'{}'::jsonb").onCreate(() => ({}));
