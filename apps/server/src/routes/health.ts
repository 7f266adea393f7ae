import { checkReadiness, PORTICO_VERSION } from "@portico/core";
import type { MikroORM } from "@portico/db";
import type { FastifyInstance } from "fastify";

export interface HealthRoutesOptions {
  orm: MikroORM;
}

/**
 * Probes for load balancers and orchestrators. /livez and /healthz say the process
 * answers; /readyz also needs the database and an up-to-date schema. Their request logs
 * are kept at warn so a probe every few seconds does not flood the log.
 */
export async function healthRoutes(app: FastifyInstance, { orm }: HealthRoutesOptions): Promise<void> {
  const quiet = { logLevel: "warn" } as const;

  app.get("/livez", quiet, async () => ({ status: "ok" }));

  app.get("/healthz", quiet, async () => ({
    status: "ok",
    version: PORTICO_VERSION,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  app.get("/readyz", quiet, async (req, reply) => {
    const readiness = await checkReadiness(orm);
    const migrationsApplied = readiness.database && readiness.pendingMigrations.length === 0;
    const ready = readiness.database && migrationsApplied;
    if (readiness.error) req.log.warn({ error: readiness.error }, "readiness: database check failed");
    return reply.code(ready ? 200 : 503).send({
      status: ready ? "ready" : "unavailable",
      checks: {
        database: readiness.database ? "ok" : "unreachable",
        migrations: !readiness.database ? "unknown" : migrationsApplied ? "ok" : "pending",
      },
      pendingMigrations: readiness.pendingMigrations,
    });
  });
}
