import { raw, type EntityName, type FilterQuery, type FindOptions, type Loaded } from "@mikro-orm/core";
import type { EntityManager } from "@portico/db";
import { AppError } from "../errors.js";

/** Page size bounds of every list (Stripe's: 10 unless asked, at most 100). */
export const PAGE_LIMITS = { default: 10, max: 100 } as const;

export interface PageParams {
  limit?: number;
  /** Public id of the last row of the previous page. */
  startingAfter?: string;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
  /** What to pass as `startingAfter` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Lists are newest first; the id breaks ties between rows created in the same instant. */
export const NEWEST_FIRST = { createdAt: "desc", id: "desc" } as const;

/** How many rows to fetch for a page: one more than asked tells whether there are more. */
export function pageFetchLimit(params: PageParams): number {
  const limit = params.limit ?? PAGE_LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMITS.max) {
    throw new AppError("BAD_REQUEST", "INVALID_PAGE_LIMIT", `limit is 1 to ${PAGE_LIMITS.max}.`, {
      details: { max: PAGE_LIMITS.max },
    });
  }
  return limit + 1;
}

/**
 * The filter that keeps rows after the cursor in NEWEST_FIRST order: `(created_at, id) <`
 * the cursor row's key — a keyset, never OFFSET, so a page costs the same however deep it
 * is (on the `(merchant, created_at, id)` indexes) and rows inserted meanwhile shift
 * nothing. The cursor's key is read in SQL, at the database's full timestamp precision. A
 * cursor that is not one of the merchant's rows of `table` is BAD_REQUEST.
 */
export async function keysetAfter(
  em: EntityManager,
  table: string,
  merchantId: number,
  startingAfter: string | undefined,
): Promise<Record<string, []>> {
  if (startingAfter === undefined) return {};
  const [cursor] = await em.execute<{ id: number }[]>(
    `select "id" from "${table}" where "public_id" = ? and "merchant_id" = ?`,
    [startingAfter, merchantId],
  );
  if (!cursor) {
    throw new AppError("BAD_REQUEST", "INVALID_CURSOR", "startingAfter names no row of this list.", {
      details: { startingAfter },
    });
  }
  const condition = raw(
    (alias: string) =>
      `(${alias}."created_at", ${alias}."id") < (select k."created_at", k."id" from "${table}" k where k."id" = ?)`,
    [cursor.id],
  );
  return { [condition]: [] };
}

/** The page of `rows` fetched with `pageFetchLimit`. */
export function toPage<T extends { publicId: string }>(rows: T[], params: PageParams): Page<T> {
  const limit = pageFetchLimit(params) - 1;
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, hasMore, nextCursor: hasMore ? (data.at(-1)?.publicId ?? null) : null };
}

export interface PageQuery<T, P extends string> {
  /** The table of `entity`, where the cursor is looked up. */
  table: string;
  merchantId: number;
  /** The list's filter; it must itself keep to the merchant's rows. */
  where: FilterQuery<T>;
  populate?: FindOptions<T, P>["populate"];
}

/** One page of `entity` rows matching `query.where`, newest first, after `params.startingAfter`. */
export async function findPage<T extends { publicId: string }, P extends string = never>(
  em: EntityManager,
  entity: EntityName<T>,
  query: PageQuery<T, P>,
  params: PageParams,
): Promise<Page<Loaded<T, P>>> {
  const limit = pageFetchLimit(params);
  const after = await keysetAfter(em, query.table, query.merchantId, params.startingAfter);
  const rows = await em.find(
    entity,
    { ...query.where, ...after } as FilterQuery<T>,
    {
      orderBy: NEWEST_FIRST,
      limit,
      ...(query.populate === undefined ? {} : { populate: query.populate }),
    } as FindOptions<T, P>,
  );
  return toPage(rows, params);
}

/** A page with its rows mapped (entities → DTOs). */
export function mapPage<T, U>(page: Page<T>, map: (row: T) => U): Page<U> {
  return { ...page, data: page.data.map(map) };
}
