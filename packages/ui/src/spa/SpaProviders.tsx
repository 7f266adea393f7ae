import { type I18n, I18nProvider } from "@portico/i18n";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { type ComponentType, type ReactNode, useState } from "react";
import { Router } from "wouter";
import { createQueryClient } from "../query-client.js";

/**
 * What SpaProviders needs of an app's `createTRPCReact<AppRouter>()`, written structurally
 * so that this package does not depend on the API's types.
 */
export interface SpaTrpc<TClient> {
  createClient(options: { links: ReturnType<typeof httpBatchLink>[] }): TClient;
  Provider: ComponentType<{ client: TClient; queryClient: QueryClient; children: ReactNode }>;
}

export interface SpaProvidersProps<TClient> {
  i18n: I18n;
  trpc: SpaTrpc<TClient>;
  /** Vite's `import.meta.env.BASE_URL` ("/portal/"): where the app is served. */
  base: string;
  children: ReactNode;
}

/** Copy, the query cache, the tRPC client (cookies sent to /trpc) and the router under the app's base. */
export function SpaProviders<TClient>({ i18n, trpc, base, children }: SpaProvidersProps<TClient>) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    trpc.createClient({
      links: [
        httpBatchLink({
          url: "/trpc",
          fetch: (url, init) => fetch(url, { ...init, credentials: "include" }),
        }),
      ],
    }),
  );
  return (
    <I18nProvider i18n={i18n}>
      <trpc.Provider client={trpcClient} queryClient={queryClient}>
        <QueryClientProvider client={queryClient}>
          {/* wouter wants the base without its trailing slash. */}
          <Router base={base.replace(/\/$/, "")}>{children}</Router>
        </QueryClientProvider>
      </trpc.Provider>
    </I18nProvider>
  );
}
