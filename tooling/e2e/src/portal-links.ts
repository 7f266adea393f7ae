import { inject } from "vitest";
import { baseUrl } from "./base-url.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The demo merchant's sandbox API key the server was seeded with. */
    demoApiKey: string;
  }
}

export interface PortalLinkOptions {
  /** Portico's customer id or the merchant's external id, e.g. `acct_initech`. */
  customer: string;
  returnUrl?: string;
}

/**
 * A portal link (`/portal/s/<secret>`) for a demo customer, made the way a merchant's backend
 * makes one: `integration.portalSessions.create` with the seeded API key.
 */
export async function createPortalLink(options: PortalLinkOptions): Promise<URL> {
  const response = await fetch(`${baseUrl()}/trpc/integration.portalSessions.create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${inject("demoApiKey")}` },
    body: JSON.stringify(options),
  });
  if (!response.ok)
    throw new Error(`portalSessions.create answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { result: { data: { url: string } } };
  return new URL(body.result.data.url);
}
