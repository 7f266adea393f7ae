/** Separate cookies for the two subjects, so a portal login never acts in the console. */
export const PORTAL_SESSION_COOKIE = "portico_portal_session";
export const CONSOLE_SESSION_COOKIE = "portico_console_session";

export type SessionSurface = "portal" | "console";

export function sessionCookieName(surface: SessionSurface): string {
  return surface === "portal" ? PORTAL_SESSION_COOKIE : CONSOLE_SESSION_COOKIE;
}

export interface CookieAttributes {
  httpOnly: boolean;
  sameSite: "lax" | "strict" | "none";
  path: string;
  secure: boolean;
  /** Absent: a browser-session cookie. */
  expires?: Date;
}

/** True when users reach Portico over HTTPS, so cookies must be `Secure`. */
export function isSecureOrigin(publicUrl: string | null | undefined): boolean {
  return publicUrl?.startsWith("https:") ?? false;
}

/**
 * HttpOnly (scripts cannot read the token), SameSite=Lax (not sent on cross-site
 * sub-requests or POSTs), Path=/, Secure behind HTTPS; it expires with the session's
 * absolute lifetime (the idle timeout is enforced by the server).
 */
export function sessionCookieAttributes(options: { secure: boolean; expires?: Date }): CookieAttributes {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: options.secure, expires: options.expires };
}
