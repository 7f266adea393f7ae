import type { EntityManager } from "@portico/db";

/**
 * The ids of the merchant's live customers named by `refs` (Portico ids `cus_…` or the
 * merchant's external ids), in one lean query: a batch of usage events names up to a
 * thousand. When a ref is one customer's public id and another's external id, the public
 * id wins, as in `resolveCustomer`. Refs absent from the map name no customer of this
 * merchant (unknown, deleted or another merchant's).
 */
export async function resolveCustomerRefs(
  em: EntityManager,
  merchantId: number,
  refs: readonly string[],
): Promise<Map<string, number>> {
  const distinct = [...new Set(refs)];
  const resolved = new Map<string, number>();
  if (distinct.length === 0) return resolved;
  const rows = await em.execute<{ id: string | number; public_id: string; external_id: string | null }[]>(
    `select id, public_id, external_id from customer
     where merchant_id = ? and deleted_at is null and (public_id in (?) or external_id in (?))`,
    [merchantId, distinct, distinct],
  );
  for (const row of rows) {
    if (row.external_id !== null && !resolved.has(row.external_id))
      resolved.set(row.external_id, Number(row.id));
  }
  for (const row of rows) resolved.set(row.public_id, Number(row.id));
  return resolved;
}
