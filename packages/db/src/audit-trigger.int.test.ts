import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEvent, Customer, Merchant } from "./entities/index.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

const REFUSED = /audit_event is append-only/;

describe("audit_event is append-only", () => {
  let db: TestDatabase;
  let eventId: number;
  let merchantId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "audit-co", name: "Audit Co" });
    const customer = em.create(Customer, { merchant, name: "Ada", currency: "EUR" });
    const event = em.create(AuditEvent, {
      merchant,
      customer,
      actorType: "customer_user",
      actorId: "cu_abc",
      action: "Auth.Login",
      ip: "203.0.113.7",
      data: { method: "password" },
    });
    await em.flush();
    eventId = event.id;
    merchantId = merchant.id;
  });
  afterAll(() => db?.close());

  const execute = (sql: string, params: unknown[] = []) => db.em().getConnection().execute(sql, params);

  it("inserts and reads back", async () => {
    const event = await db.em().findOneOrFail(AuditEvent, eventId);
    expect(event.publicId).toMatch(/^evt_[a-z2-7]{24}$/);
    expect(event.action).toBe("Auth.Login");
    expect(event.data).toEqual({ method: "password" });
  });

  it("refuses UPDATE, through SQL and through the ORM", async () => {
    await expect(
      execute(`update audit_event set action = 'Auth.Tampered' where id = ?`, [eventId]),
    ).rejects.toThrow(REFUSED);
    const em = db.em();
    const event = await em.findOneOrFail(AuditEvent, eventId);
    event.action = "Auth.Tampered";
    await expect(em.flush()).rejects.toThrow(REFUSED);
  });

  it("refuses DELETE, through SQL and through the ORM", async () => {
    await expect(execute(`delete from audit_event where id = ?`, [eventId])).rejects.toThrow(REFUSED);
    await expect(db.em().nativeDelete(AuditEvent, { id: eventId })).rejects.toThrow(REFUSED);
  });

  it("refuses TRUNCATE", async () => {
    await expect(execute(`truncate audit_event`)).rejects.toThrow(REFUSED);
    await expect(execute(`truncate merchant, customer, audit_event cascade`)).rejects.toThrow(REFUSED);
  });

  it("does not let a deleted merchant take its audit trail along", async () => {
    await expect(execute(`delete from merchant where id = ?`, [merchantId])).rejects.toThrow(/foreign key/);
  });

  it("leaves the row unchanged", async () => {
    const rows = await execute(`select action, actor_id, data from audit_event where id = ?`, [eventId]);
    expect(rows).toEqual([{ action: "Auth.Login", actor_id: "cu_abc", data: { method: "password" } }]);
    expect(await execute(`select count(*)::int as n from audit_event`)).toEqual([{ n: 1 }]);
  });

  it("still accepts new events", async () => {
    const em = db.em();
    em.create(AuditEvent, { actorType: "system", action: "System.Started" });
    await em.flush();
    expect(await execute(`select count(*)::int as n from audit_event`)).toEqual([{ n: 2 }]);
  });
});
