import type { SecretKeyring } from "@portico/auth";
import type { Clock } from "@portico/core";
import type { TestDatabase } from "@portico/db/testing";
import { memoryCookies, type MemoryCookies } from "../cookies.js";
import { createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";

export interface BrowserOptions {
  clock: Clock;
  /** The SPA's origin, the only one the server allows. */
  origin: string;
  jar?: MemoryCookies;
  ip?: string;
  userAgent?: string;
  /** The server's MFA secret keys; null is a server without one, omitted the default. */
  secretKeys?: SecretKeyring | null;
}

export interface Browser {
  jar: MemoryCookies;
  /** A new request from this browser, with its cookies. */
  call: () => ReturnType<typeof createCaller>;
}

/** A browser on `origin` that keeps its cookies between calls. */
export function openBrowser(db: TestDatabase, options: BrowserOptions): Browser {
  const jar = options.jar ?? memoryCookies();
  const call = () =>
    createCaller(
      createContextInner({
        orm: db.orm,
        clock: options.clock,
        cookies: jar,
        allowedOrigins: [options.origin],
        ...(options.secretKeys === undefined ? {} : { auth: { secretKeys: options.secretKeys } }),
        req: {
          origin: options.origin,
          ip: options.ip ?? "198.51.100.7",
          userAgent: options.userAgent ?? "vitest",
        },
      }),
    );
  return { jar, call };
}

/** A browser signed in to the console as `login.email`. */
export async function consoleBrowser(
  db: TestDatabase,
  options: BrowserOptions,
  login: { email: string; password: string; merchant?: string },
): Promise<Browser> {
  const signedIn = openBrowser(db, options);
  await signedIn.call().auth.console.login(login);
  return signedIn;
}
