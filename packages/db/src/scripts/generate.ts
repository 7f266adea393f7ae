/**
 * Fills DATABASE_URL (or the embedded database) with a large synthetic data set:
 *
 *   npm run db:generate -- --customers 10000 --invoices 1000000 --usage-events 10000000
 *
 * Options: --customers, --invoices, --usage-events, --batch-size, --seed, --merchant <slug>
 * (appends when it exists), --as-of <ISO date> (the data set's "now"; default today 00:00 UTC).
 * Ctrl-C stops after the running statement and leaves consistent data; twice exits at once.
 */
import { MultiBar, Presets } from "cli-progress";
import { parseArgs } from "node:util";
import { openDatabase } from "../database.js";
import {
  DEFAULT_BATCH_SIZE,
  GENERATED_TABLES,
  generateDataset,
  type GeneratedTable,
} from "../generate/index.js";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    invoices: { type: "string", default: "1000000" },
    "usage-events": { type: "string", default: "10000000" },
    "batch-size": { type: "string", default: String(DEFAULT_BATCH_SIZE) },
    seed: { type: "string", default: "1" },
    merchant: { type: "string" },
    "as-of": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(
    "npm run db:generate -- [--customers N] [--invoices N] [--usage-events N] [--batch-size N] [--seed N] [--merchant slug] [--as-of ISO-date]",
  );
  process.exit(0);
}

const count = (name: string, text: string | undefined): number => {
  const n = Number(text?.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer (got ${text})`);
    process.exit(2);
  }
  return n;
};

const controller = new AbortController();
let firstInterrupt = 0;
process.on("SIGINT", () => {
  // One Ctrl-C can arrive more than once: from the terminal's process group and relayed
  // by npm and tsx. Only a press a second or more after the first counts as a second one.
  const now = Date.now();
  if (firstInterrupt === 0) {
    firstInterrupt = now;
    console.error("\nStopping after the running statement (Ctrl-C again to exit at once)…");
    controller.abort();
  } else if (now - firstInterrupt > 1000) {
    console.error("\nInterrupted twice: exiting now (the running statement is rolled back).");
    process.exit(130);
  }
});

const started = performance.now();
const db = await openDatabase();
const openSeconds = (performance.now() - started) / 1000;
const bars = new MultiBar(
  {
    format: " {table} |{bar}| {percentage}% | {value}/{total} rows | {rate} rows/s | {duration_formatted}",
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    noTTYOutput: true,
    notTTYSchedule: 15_000,
    etaBuffer: 50,
  },
  Presets.shades_classic,
);
const tableWidth = Math.max(...GENERATED_TABLES.map((t) => t.length));
const state = new Map<GeneratedTable, { bar: ReturnType<MultiBar["create"]>; since: number }>();
const rate = (done: number, since: number) => {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? Math.round(done / seconds).toLocaleString("en-US") : "-";
};

try {
  console.log(`Database: ${db.kind === "server" ? "PostgreSQL server (DATABASE_URL)" : "embedded PGlite"}`);
  const result = await generateDataset(
    db.orm,
    {
      customers: count("customers", values.customers),
      invoices: count("invoices", values.invoices),
      usageEvents: count("usage-events", values["usage-events"]),
      batchSize: count("batch-size", values["batch-size"]),
      seed: count("seed", values.seed),
      merchant: values.merchant,
      asOf: values["as-of"] ? new Date(values["as-of"]) : undefined,
      signal: controller.signal,
    },
    ({ table, done, total }) => {
      let entry = state.get(table);
      if (!entry) {
        if (total === 0 && done === 0) return;
        entry = {
          bar: bars.create(total, 0, { table: table.padEnd(tableWidth), rate: "-" }),
          since: performance.now(),
        };
        state.set(table, entry);
      }
      entry.bar.setTotal(total);
      entry.bar.update(done, { rate: rate(done, entry.since) });
    },
  );
  bars.stop();
  const [size] = (await db.orm.em
    .getConnection()
    .execute<{ size: string }[]>("select pg_size_pretty(pg_database_size(current_database())) as size")) as {
    size: string;
  }[];
  console.log("");
  console.log(
    `Merchant ${result.merchant.slug} (${result.merchant.publicId})${result.merchant.created ? ", new" : ", appended"}; seed ${result.seed}; as of ${result.asOf.toISOString()}`,
  );
  console.log(
    `  ${"table".padEnd(tableWidth)} ${"rows".padStart(12)} ${"phase s".padStart(9)} ${"rows/s".padStart(10)}`,
  );
  for (const table of GENERATED_TABLES) {
    const rows = result.counts[table];
    if (rows === 0) continue;
    const seconds = result.tableSeconds[table];
    const perSecond = seconds > 0 ? Math.round(rows / seconds).toLocaleString("en-US") : "-";
    console.log(
      `  ${table.padEnd(tableWidth)} ${rows.toLocaleString("en-US").padStart(12)} ${seconds.toFixed(1).padStart(9)} ${perSecond.padStart(10)}`,
    );
  }
  console.log(`Database size: ${size?.size ?? "?"}`);
  if (result.interrupted)
    console.log("Interrupted: the rows above are committed and consistent; later phases were skipped.");
  console.log(`(opening the database and migrating took ${openSeconds.toFixed(1)} s)`);
  console.log(
    `Generated ${result.totalRows} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.totalRows / result.seconds)} rows/s)`,
  );
  process.exitCode = result.interrupted ? 130 : 0;
} catch (error) {
  bars.stop();
  throw error;
} finally {
  await db.close();
}
