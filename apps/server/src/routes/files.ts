import type { SecretKeyring } from "@portico/auth";
import {
  DOWNLOAD_KEY_PURPOSE,
  getCustomerFile,
  systemClock,
  verifyDownloadToken,
  type Clock,
} from "@portico/core";
import type { MikroORM } from "@portico/db";
import type { FastifyInstance } from "fastify";

export interface FilesRoutesOptions {
  orm: MikroORM;
  clock?: Clock | undefined;
  /** The encryption keyring; the link-signing key is derived from it. Null: every link is 404. */
  secretKeys: SecretKeyring | null;
}

/**
 * `GET /files/<token>`: the file a signed download link names (invoice PDFs, statements;
 * see @portico/core download-tokens.ts), with no session needed. An expired, altered or
 * unknown token, or a file that is not the named customer's, is the same plain 404 —
 * never a 500, never a hint which. Answers carry the file's type, its name as an
 * attachment, its SHA-256 as ETag (a matching If-None-Match gets 304), and
 * `Cache-Control: private, no-store`: no shared cache keeps a customer's document.
 */
export async function filesRoutes(app: FastifyInstance, options: FilesRoutesOptions): Promise<void> {
  const clock = options.clock ?? systemClock;
  const key = options.secretKeys?.deriveKey(DOWNLOAD_KEY_PURPOSE) ?? null;
  app.get<{ Params: { token: string } }>("/files/:token", async (req, reply) => {
    reply.header("cache-control", "private, no-store");
    const claims = key ? verifyDownloadToken(key, clock, req.params.token) : null;
    const file = claims
      ? await getCustomerFile(options.orm.em.fork(), {
          filePublicId: claims.fileId,
          customerPublicId: claims.customerId,
        })
      : null;
    if (!file) return reply.code(404).type("text/plain; charset=utf-8").send("Not found\n");
    const etag = `"${file.sha256}"`;
    reply.header("etag", etag);
    // Nothing here is meant to run in a browser, whatever its type.
    reply.header("content-security-policy", "default-src 'none'; sandbox");
    if (req.headers["if-none-match"] === etag) return reply.code(304).send();
    return reply
      .type(file.contentType)
      .header("content-disposition", contentDisposition(file.filename))
      .header("content-length", file.byteSize)
      .send(file.data);
  });
}

/** RFC 6266: an ASCII `filename` for old clients and the exact name as `filename*` (RFC 5987). */
export function contentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "_") || "download";
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
