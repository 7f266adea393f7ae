import type { IStoredFile } from "@portico/db";
import type { Clock } from "../clock.js";
import { createDownloadToken } from "./download-tokens.js";

/** What signing download links needs from the server. */
export interface DownloadLinkSettings {
  /** HMAC key derived from the server's encryption key (see download-tokens.ts). */
  signingKey: Uint8Array;
  /** Where this Portico is reached (PUBLIC_URL); links are `<publicUrl>/files/<token>`. */
  publicUrl: string;
  /** Default DOWNLOAD_LINK_SECONDS. */
  ttlSeconds?: number;
}

/** Long enough to click a link just handed out, short enough that a leaked one soon dies. */
export const DOWNLOAD_LINK_SECONDS = 10 * 60;

/** Where the server serves a token (apps/server/src/routes/files.ts). */
export const DOWNLOAD_PATH = "/files";

export interface DownloadLinkDto {
  url: string;
  /** ISO 8601; the link answers 404 from then on. */
  expiresAt: string;
  filename: string;
  contentType: string;
  byteSize: number;
}

/** A signed, expiring link to `file` of the customer `customerPublicId`. */
export function downloadLink(
  settings: DownloadLinkSettings,
  clock: Clock,
  file: Pick<IStoredFile, "publicId" | "filename" | "contentType" | "byteSize">,
  customerPublicId: string,
): DownloadLinkDto {
  const { token, expiresAt } = createDownloadToken(settings.signingKey, clock, {
    fileId: file.publicId,
    customerId: customerPublicId,
    expiresInSeconds: settings.ttlSeconds ?? DOWNLOAD_LINK_SECONDS,
  });
  return {
    url: `${settings.publicUrl.replace(/\/+$/, "")}${DOWNLOAD_PATH}/${token}`,
    expiresAt: expiresAt.toISOString(),
    filename: file.filename,
    contentType: file.contentType,
    byteSize: file.byteSize,
  };
}
