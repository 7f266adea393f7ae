import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntities } from "./entities/index.js";
import { pendingMigrations, runMigrations } from "./migrate.js";
import { migrationsList } from "./migrations/index.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

/** Table name → its column names, as the database has them. */
async function readColumns(db: TestDatabase): Promise<Map<string, Set<string>>> {
  const rows = await db
    .em()
    .getConnection()
    .execute<{ table_name: string; column_name: string }[]>(
      `select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    );
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Set<string>();
    columns.add(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
}

/** Table name → column names, as the entity metadata expects them. */
function expectedColumns(db: TestDatabase): Map<string, string[]> {
  const metadata = db.orm.getMetadata();
  const expected = new Map<string, string[]>();
  for (const schema of allEntities) {
    const meta = metadata.get(schema.meta.className);
    const columns = meta.props
      .filter((prop) => prop.persist !== false && prop.fieldNames)
      .flatMap((prop) => prop.fieldNames);
    expected.set(meta.tableName, columns);
  }
  return expected;
}

describe("migrations from an empty database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db?.close());

  it("applies every migration, in order", async () => {
    expect(await pendingMigrations(db.orm)).toEqual(migrationsList.map((m) => m.name));
    const applied = await runMigrations(db.orm);
    expect(applied).toEqual(migrationsList.map((m) => m.name));
  });

  it("creates a table with every column of every entity", async () => {
    const actual = await readColumns(db);
    const expected = expectedColumns(db);
    expect(expected.size).toBe(allEntities.length);
    for (const [table, columns] of expected) {
      expect(actual.has(table), `table ${table}`).toBe(true);
      for (const column of columns) {
        expect(actual.get(table)?.has(column), `column ${table}.${column}`).toBe(true);
      }
    }
  });

  it("leaves nothing pending and nothing for the schema diff to generate", async () => {
    expect(await pendingMigrations(db.orm)).toEqual([]);
    // The migrations and the entities describe the same schema.
    expect((await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe("");
  });

  it("applies nothing when run again", async () => {
    expect(await runMigrations(db.orm)).toEqual([]);
  });

  it("reverts to an empty schema with down() and migrates up again", async () => {
    await db.orm.getMigrator().down({ to: 0 });
    const left = [...(await readColumns(db)).keys()].filter((table) => table !== "mikro_orm_migrations");
    expect(left).toEqual([]);
    const functions = await db
      .em()
      .getConnection()
      .execute(`select 1 from pg_proc where proname = 'audit_event_append_only'`);
    expect(functions).toHaveLength(0);

    expect(await runMigrations(db.orm)).toEqual(migrationsList.map((m) => m.name));
    expect((await readColumns(db)).size).toBe(allEntities.length + 1);
  });
});
