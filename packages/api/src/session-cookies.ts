import {
  isLive,
  sessionCookieAttributes,
  sessionCookieName,
  validateSessionToken,
  type SessionSurface,
} from "@portico/auth";
import type { IAuthSession } from "@portico/db";
import type { Context } from "./trpc.js";

/** Which session subjects each cookie may carry: a portal cookie never opens the console. */
const SUBJECTS: Record<SessionSurface, readonly IAuthSession["subjectType"][]> = {
  portal: ["customer_user", "portal_link"],
  console: ["merchant_user"],
};

export function readSessionToken(ctx: Context, surface: SessionSurface): string | undefined {
  return ctx.cookies.get(sessionCookieName(surface));
}

/** The live session behind the surface's cookie, or null (absent, invalid, ended, wrong subject). */
export async function sessionFromCookie(ctx: Context, surface: SessionSurface): Promise<IAuthSession | null> {
  const token = readSessionToken(ctx, surface);
  if (!token) return null;
  const session = await validateSessionToken(ctx.em, ctx.clock, token, ctx.auth);
  if (!session || !SUBJECTS[surface].includes(session.subjectType)) return null;
  return isLive(session, ctx.clock.now()) ? session : null;
}

export function setSessionCookie(
  ctx: Context,
  surface: SessionSurface,
  token: string,
  session: IAuthSession,
): void {
  ctx.cookies.set(
    sessionCookieName(surface),
    token,
    sessionCookieAttributes({ secure: ctx.secureCookies, expires: session.absoluteExpiresAt }),
  );
}

export function clearSessionCookie(ctx: Context, surface: SessionSurface): void {
  ctx.cookies.clear(sessionCookieName(surface), { path: "/" });
}
