import { createHash } from "node:crypto";

/**
 * SQL fragments shared by the generator's statements. Everything random is a pure
 * function of (seed, stream, row number), computed inside PostgreSQL with
 * `hashint8extended` (the stable hash PostgreSQL itself uses for hash partitioning), so
 * the same seed gives the same rows on every run and no statement depends on the order
 * in which the server happens to evaluate `random()`.
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** The 32-letter alphabet of `src/ids.ts` (`a–z2–7`), twice: base64 digits fold onto it two to one. */
const BASE32_TWICE = "abcdefghijklmnopqrstuvwxyz234567".repeat(2);

/**
 * A string constant for SQL text built from the generator's own tables and validated
 * options (standard_conforming_strings: quotes doubled; backslashes and NUL refused).
 */
export function literal(text: string): string {
  if (/[\\\0]/.test(text)) throw new Error(`unsupported character in SQL literal: ${JSON.stringify(text)}`);
  return `'${text.replaceAll("'", "''")}'`;
}

/** A finite number written into SQL text (validated, never user text). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** A 64-bit hash seed for one stream of draws, derived from the run's seed material. */
export function streamSeed(seedBase: string, stream: string): string {
  return createHash("sha256").update(`${seedBase}/${stream}`).digest().readBigInt64BE(0).toString();
}

/** A uniform draw in [0, 1) for row `keyExpr` (a bigint SQL expression) of `stream`. */
export function uniform(seedBase: string, stream: string, keyExpr: string): string {
  return `(((hashint8extended((${keyExpr})::bigint, (${streamSeed(seedBase, stream)})::bigint) >> 11) & 9007199254740991)::float8 / 9007199254740992::float8)`;
}

/**
 * A public id as `src/ids.ts` makes them: `prefix_` + 24 characters of `a–z2–7`
 * (120 bits), here the first 18 bytes of SHA-256(idBase:prefix:key) in base64 with each
 * base64 digit folded onto the base32 alphabet (64 → 32 symbols, two to one, so every
 * character stays uniform). Unique for distinct keys, like a random id.
 */
export function publicIdSql(idBase: string, prefix: string, keyExpr: string): string {
  return `(${literal(`${prefix}_`)} || translate(encode(substring(sha256(convert_to(${literal(`${idBase}:${prefix}:`)} || (${keyExpr})::text, 'UTF8')) from 1 for 18), 'base64'), '${BASE64}', '${BASE32_TWICE}'))`;
}

/** The same derivation in Node, for the ids made outside SQL (kept in step by a test). */
export function derivePublicId(idBase: string, prefix: string, key: string): string {
  const digest = createHash("sha256").update(`${idBase}:${prefix}:${key}`).digest().subarray(0, 18);
  const folded = [...digest.toString("base64")].map((c) => BASE32_TWICE[BASE64.indexOf(c)]).join("");
  return `${prefix}_${folded}`;
}

/** A UUID-shaped string from md5(idBase:scope:key): idempotency keys as clients send them. */
export function uuidSql(idBase: string, scope: string, keyExpr: string): string {
  return `md5(${literal(`${idBase}:${scope}:`)} || (${keyExpr})::text)::uuid::text`;
}

/**
 * A UUIDv7-shaped string (RFC 9562: 48-bit Unix milliseconds, version 7, variant, then
 * 74 bits from md5(idBase:scope:key)), as many clients generate idempotency keys. Being
 * time-ordered, a batch of them lands at the right edge of the unique index instead of
 * 100 000 random places in a multi-hundred-megabyte b-tree.
 */
export function uuidV7Sql(idBase: string, scope: string, keyExpr: string, epochSecondsExpr: string): string {
  const h = `md5(${literal(`${idBase}:${scope}:`)} || (${keyExpr})::text)`;
  return `(lpad(to_hex(floor((${epochSecondsExpr}) * 1000)::bigint), 12, '0') || '7' || substr(${h}, 1, 3) || '8' || substr(${h}, 4, 15))::uuid::text`;
}

/** `prefix-0042`: at least four digits, never truncated. */
export function numberedSql(prefixExpr: string, numberExpr: string): string {
  return `(${prefixExpr} || '-' || lpad((${numberExpr})::text, greatest(4, length((${numberExpr})::text)), '0'))`;
}

/** `case` over a small JS table: `pick(expr, ["a", "b"])` → element `expr` (0-based). */
export function pick(indexExpr: string, values: readonly string[]): string {
  return `(case ${indexExpr} ${values.map((v, i) => `when ${i} then ${v}`).join(" ")} end)`;
}

/** An element of a text array by a uniform draw: `(array[...])[1 + floor(u × n)]`. */
export function pickText(uniformExpr: string, values: readonly string[]): string {
  return `(array[${values.map(literal).join(", ")}])[1 + floor(${uniformExpr} * ${values.length})::int]`;
}
