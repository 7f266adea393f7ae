import { wrap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

type Stamped = { id: number; updatedAt: Date };

function isStamped(entity: object): entity is Stamped {
  return (entity as Partial<Stamped>).updatedAt instanceof Date;
}

/**
 * `em.flush()` that keeps the seed's `updatedAt` values. MikroORM resolves circular
 * references (invoice ↔ latest payment, invoice ↔ discount, self-referencing `invitedBy`)
 * with an UPDATE after the INSERTs, and that UPDATE runs the `onUpdate` hook, which stamps
 * the wall-clock time: the timeline would then show rows changed "now" (or, with an injected
 * clock, in its future). This writes the intended values back in one statement per table.
 * The entities in memory keep the hook's value; nothing in the seed reads it afterwards.
 */
export async function flushKeepingTimestamps(em: EntityManager): Promise<void> {
  const uow = em.getUnitOfWork();
  const intended = new Map<Stamped, number>();
  for (const entity of [...uow.getPersistStack(), ...uow.getIdentityMap().values()]) {
    if (isStamped(entity)) intended.set(entity, entity.updatedAt.getTime());
  }
  await em.flush();

  const byTable = new Map<string, [id: number, at: Date][]>();
  for (const [entity, at] of intended) {
    if (entity.updatedAt.getTime() === at) continue;
    const table = wrap(entity, true).__meta.tableName;
    const rows = byTable.get(table) ?? [];
    rows.push([entity.id, new Date(at)]);
    byTable.set(table, rows);
  }
  for (const [table, rows] of byTable) {
    const values = rows.map(() => "(?::bigint, ?::timestamptz)").join(", ");
    await em.execute(
      `update "${table}" as t set "updated_at" = v.at from (values ${values}) as v(id, at) where t."id" = v.id`,
      rows.flat(),
    );
  }
}
