import fastifyStatic, { type SetHeadersResponse } from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { existsSync } from "node:fs";
import path from "node:path";

export interface SpaRoutesOptions {
  /** Mount point without the trailing slash, e.g. "/portal" (Vite's `base` is "/portal/"). */
  basePath: string;
  /** Vite's output folder for this SPA. */
  distDir: string;
  /** Human name for the "not built" answer, e.g. "customer portal". */
  title: string;
}

/**
 * Serves one built SPA under `basePath/`. Unknown GETs fall back to index.html so client-side
 * routes survive a reload, except under `assets/`: a stale hashed bundle must be a 404,
 * not HTML the browser then fails to run as JavaScript.
 */
export async function spaRoutes(
  app: FastifyInstance,
  { basePath, distDir, title }: SpaRoutesOptions,
): Promise<void> {
  // Keep the query: portal links carry their one-time secret there.
  app.get(basePath, (req, reply) => reply.redirect(`${basePath}/${req.url.slice(basePath.length)}`));

  if (!existsSync(path.join(distDir, "index.html"))) {
    app.log.warn({ distDir }, `${title} is not built: ${basePath}/ answers 503`);
    app.get(`${basePath}/*`, (_req, reply) =>
      reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send(`The ${title} has not been built yet. Run "npm run build", then restart the server.\n`),
    );
    return;
  }

  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: distDir,
        prefix: "/",
        cacheControl: false,
        setHeaders: (res: SetHeadersResponse, filePath: string) =>
          res.setHeader("cache-control", cacheControl(distDir, filePath)),
      });
      scope.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
        const isPage =
          (req.method === "GET" || req.method === "HEAD") && !req.url.startsWith(`${basePath}/assets/`);
        if (!isPage) return reply.code(404).type("text/plain; charset=utf-8").send("Not found\n");
        return reply.sendFile("index.html");
      });
    },
    { prefix: basePath },
  );
}

// Vite puts content-hashed bundles under assets/: cache them for good, revalidate the rest.
function cacheControl(distDir: string, filePath: string): string {
  const hashed = path.relative(distDir, filePath).startsWith(`assets${path.sep}`);
  return hashed ? "public, max-age=31536000, immutable" : "no-cache";
}
