import { type I18n, I18nProvider } from "@portico/i18n";
import { QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { type ReactNode, useState } from "react";
import { Router } from "wouter";
import { createQueryClient } from "@portico/ui";
import { trpc } from "./trpc.js";

// Vite's base is "/portal/"; the router wants it without the trailing slash.
const ROUTER_BASE = import.meta.env.BASE_URL.replace(/\/$/, "");

export function Providers({ i18n, children }: { i18n: I18n; children: ReactNode }) {
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
          <Router base={ROUTER_BASE}>{children}</Router>
        </QueryClientProvider>
      </trpc.Provider>
    </I18nProvider>
  );
}
