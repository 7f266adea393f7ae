import { PORTICO_VERSION } from "@portico/core";
import type { DemoSummary } from "@portico/db";
import type { FastifyInstance } from "fastify";
import { renderLandingPage } from "../landing-page.js";

export interface LandingRoutesOptions {
  demo: DemoSummary | null;
}

export async function landingRoutes(app: FastifyInstance, { demo }: LandingRoutesOptions): Promise<void> {
  // Rendered once: its only inputs are fixed for the life of the process.
  const html = renderLandingPage({ version: PORTICO_VERSION, demo });
  app.get("/", (_req, reply) =>
    reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(html),
  );
}
