import { AppError, DOWNLOAD_KEY_PURPOSE, type DownloadLinkSettings } from "@portico/core";
import { publicUrl } from "../../procedures/integration.js";
import type { Context } from "../../trpc.js";

/**
 * How this server signs download links: an HMAC key derived from its encryption key (the
 * files route derives the same one to check them) and PUBLIC_URL. Without an encryption
 * key there is nothing to sign with: INTERNAL_SERVER_ERROR `ENCRYPTION_KEY_MISSING`, as MFA.
 */
export function downloadLinks(ctx: Pick<Context, "auth">): DownloadLinkSettings {
  const keys = ctx.auth.secretKeys;
  if (!keys) {
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      "ENCRYPTION_KEY_MISSING",
      "Downloads are unavailable: no encryption key is configured (PORTICO_ENCRYPTION_KEY).",
    );
  }
  return { signingKey: keys.deriveKey(DOWNLOAD_KEY_PURPOSE), publicUrl: publicUrl() };
}
