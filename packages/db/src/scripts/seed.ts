/** Seeds the demo merchant "Acme Cloud" into DATABASE_URL or the embedded database (idempotent). */
import { openDatabase } from "../database.js";
import { readDbEnv } from "../env.js";
import { seedDemo, type DemoSummary } from "../seed/index.js";

const env = readDbEnv();
const db = await openDatabase();
try {
  const started = Date.now();
  const demo = await seedDemo(db.orm, { apiKey: env.PORTICO_DEMO_API_KEY });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    demo.created
      ? `Seeded demo merchant "${demo.merchant.name}" (${demo.merchant.slug}) in ${seconds} s (${db.kind} database).`
      : `Demo merchant "${demo.merchant.name}" (${demo.merchant.slug}) already exists: nothing to seed.`,
  );
  printLogins(demo);
} catch (error) {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}

function printLogins(demo: DemoSummary): void {
  const email = Math.max(...demo.logins.map((login) => login.email.length));
  const password = Math.max(...demo.logins.map((login) => login.password.length));
  console.log("");
  for (const login of demo.logins) {
    console.log(
      `  ${login.surface.padEnd(8)} ${login.email.padEnd(email)}  ${login.password.padEnd(password)}  ${login.description}`,
    );
  }
  console.log("");
  console.log(
    demo.apiKey.value
      ? `  API key  ${demo.apiKey.value}`
      : `  API key  ${demo.apiKey.prefix}… (only its hash is stored; set PORTICO_DEMO_API_KEY to use a known key)`,
  );
}
