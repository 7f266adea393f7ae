import type { AppRouter } from "@portico/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

export interface PorticoClientOptions {
  /** Where Portico runs, e.g. `https://billing.example.com` (the client adds `/trpc`). */
  baseUrl: string;
  /** A secret `sk_…` API key, sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** A fetch implementation, for runtimes or tests that need their own. */
  fetch?: typeof globalThis.fetch;
}

/** A typed client for Portico's API: `await client.system.health.query()`. */
export function createPorticoClient(options: PorticoClientOptions) {
  const { apiKey } = options;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.baseUrl.replace(/\/+$/, "")}/trpc`,
        headers: () => (apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type PorticoClient = ReturnType<typeof createPorticoClient>;
export type { AppRouter, RouterInputs, RouterOutputs } from "@portico/api";
export { TRPCClientError } from "@trpc/client";
export * from "./webhooks.js";
