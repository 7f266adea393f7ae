import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReadiness } from "./readiness.js";

describe("checkReadiness", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("is ready on a migrated database", async () => {
    expect(await checkReadiness(db.orm)).toEqual({ database: true, pendingMigrations: [] });
  });

  it("lists a migration the database has not recorded as applied", async () => {
    const connection = db.em().getConnection();
    const [last] = await connection.execute<{ name: string }[]>(
      "select name from mikro_orm_migrations order by id desc limit 1",
    );
    await connection.execute("delete from mikro_orm_migrations where name = ?", [last!.name]);
    expect(await checkReadiness(db.orm)).toEqual({ database: true, pendingMigrations: [last!.name] });
  });

  it("reports the database as down once the connection pool is gone", async () => {
    await db.orm.close(true);
    const readiness = await checkReadiness(db.orm);
    expect(readiness).toMatchObject({ database: false, pendingMigrations: [] });
    expect(readiness.error).toEqual(expect.any(String));
  });
});
