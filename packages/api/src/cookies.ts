import type { CookieAttributes } from "@portico/auth";

/**
 * How procedures read the request's cookies and set or clear cookies on the response.
 * The server implements it over @fastify/cookie; tests and server-side callers use
 * `memoryCookies()`.
 */
export interface CookieAdapter {
  get(name: string): string | undefined;
  set(name: string, value: string, attributes: CookieAttributes): void;
  clear(name: string, attributes: Pick<CookieAttributes, "path">): void;
}

export interface MemoryCookies extends CookieAdapter {
  /** What a browser would now hold: cleared cookies are removed. */
  readonly jar: Map<string, { value: string; attributes: CookieAttributes }>;
}

/** A cookie jar in a Map: what a browser would keep between requests. */
export function memoryCookies(initial: Record<string, string> = {}): MemoryCookies {
  const jar = new Map<string, { value: string; attributes: CookieAttributes }>();
  for (const [name, value] of Object.entries(initial)) {
    jar.set(name, { value, attributes: { httpOnly: true, sameSite: "lax", path: "/", secure: false } });
  }
  return {
    jar,
    get: (name) => jar.get(name)?.value,
    set: (name, value, attributes) => void jar.set(name, { value, attributes }),
    clear: (name) => void jar.delete(name),
  };
}
