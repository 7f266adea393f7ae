import { pendingMigrations, type MikroORM } from "@portico/db";

export interface Readiness {
  database: boolean;
  /** Empty when the schema is current (and when the database could not be asked). */
  pendingMigrations: string[];
  /** Why the database check failed, for logs (not for public responses). */
  error?: string;
}

export interface ReadinessOptions {
  /** A probe must answer promptly even when the pool waits for a dead server. */
  timeoutMs?: number;
}

/** Whether this process can serve requests: database reachable and schema up to date. */
export async function checkReadiness(orm: MikroORM, options: ReadinessOptions = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  try {
    const pending = await withTimeout(probe(orm), timeoutMs);
    return { database: true, pendingMigrations: pending };
  } catch (error) {
    return {
      database: false,
      pendingMigrations: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

async function probe(orm: MikroORM): Promise<string[]> {
  await orm.em.fork().getConnection().execute("select 1");
  return pendingMigrations(orm);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
