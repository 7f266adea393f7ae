import { p } from "@mikro-orm/core";
import { newPublicId, type IdPrefix } from "../ids.js";

/**
 * Property builders every table shares. Numeric `id` is the internal key (bigserial);
 * `publicId` is what leaves the server. Money columns are integer minor units (bigint
 * mapped to JS number: exact up to 2^53, i.e. 90 trillion in any currency).
 *
 * Conventions for the whole model:
 * - Relations are `ManyToOne` with `.ref()` and are declared lazily (`() => p.manyToOne(X)`)
 *   so that modules may reference each other in any order.
 * - References stored inside JSON columns (portal features, scheduled changes, flows, …)
 *   hold **public ids** (`price_…`), never numeric keys: JSON cannot carry a foreign key,
 *   and those documents are shown to and edited through the API as they are.
 * - E-mail addresses are stored trimmed and lower-cased by the code that writes them.
 * - Keyset-pagination indexes are plain ascending b-trees on (owner, created_at, id):
 *   PostgreSQL scans a b-tree backwards for `ORDER BY created_at DESC, id DESC` and for the
 *   row comparison `(created_at, id) < ($1, $2)` just as fast as a DESC index, and plain
 *   indexes stay visible to the schema diff (expression indexes are compared by name
 *   only). Expression indexes are kept for what properties cannot say: partial and
 *   NULLS NOT DISTINCT indexes.
 */
export const idColumn = () => p.bigint("number").primary().autoincrement();

export const publicIdColumn = (prefix: IdPrefix) =>
  p
    .string()
    .length(40)
    .unique()
    .onCreate(() => newPublicId(prefix));

export const createdAtColumn = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date());

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
export const metadataColumn = () =>
  p
    .json<Record<string, string>>()
    .defaultRaw("'{}'::jsonb")
    .onCreate(() => ({}));

/** An e-mail address (RFC 5321 maximum length), stored lower-cased. */
export const emailColumn = () => p.string().length(320);

/**
 * A hash of a secret (SHA-256 hex of a token, or an argon2id PHC string for passwords and
 * recovery codes). Not-null secret columns add `.hidden()` so `toJSON()` leaves them out;
 * MikroORM's `Hidden` type swallows `null`, so nullable ones cannot, and rely on the DTO
 * mappers (outputs never expose raw entities).
 */
export const secretHashColumn = () => p.string().length(255);

/** A URL given by a merchant or integrator. */
export const urlColumn = () => p.string().length(2048);

/** BCP 47 language tag (`en`, `fr-CA`). */
export const localeColumn = () => p.string().length(35);

/** A non-negative counter starting at zero. */
export const counterColumn = () => p.integer().default(0);

/**
 * A usage quantity: usage can be fractional (GB, hours), so it is `numeric(24, 6)`,
 * exact in SQL aggregates, read as a JS number.
 */
export const quantityColumn = () => p.decimal("number").precision(24).scale(6);

/**
 * A unit price finer than the minor unit (Stripe's `unit_amount_decimal`): metered prices
 * such as 0.2 cents per call. In minor units, as a decimal string; amounts computed from it
 * are rounded to whole minor units.
 */
export const unitAmountDecimalColumn = () => p.decimal("string").precision(30).scale(12);

/** A postal address, as customers and merchants type it. */
export interface PostalAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string | null;
}

export const addressColumn = () => p.json<PostalAddress>().nullable();
