/** Applies pending migrations to DATABASE_URL or the embedded database. */
import { openDatabase } from "../database.js";

const db = await openDatabase({ migrate: false });
try {
  const { runMigrations } = await import("../migrate.js");
  const applied = await runMigrations(db.orm);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Schema is up to date.");
} finally {
  await db.close();
}
