import {
  type AppCatalogs,
  type Area,
  I18nProvider,
  applyDocumentLocale,
  createCommonI18n,
  loadI18n,
  resolveLocale,
} from "@portico/i18n";
import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppShell } from "../AppShell.js";
import { PageLoadError } from "./page-states.js";
import { SpaProviders, type SpaTrpc } from "./SpaProviders.js";

export interface StartSpaOptions<A extends Area, TClient> {
  /** The app's copy, fetched in the viewer's locale before the first render. */
  catalogs: AppCatalogs<A>;
  trpc: SpaTrpc<TClient>;
  /** Vite's `import.meta.env.BASE_URL`. */
  base: string;
  app: ReactNode;
}

/**
 * Renders an SPA into `#root` once its copy has arrived. When it cannot be fetched at all,
 * the page says so in the viewer's language (the `common` copy needs no fetch) and offers
 * to reload, which also picks up a newer deploy's chunks.
 */
export async function startSpa<A extends Area, TClient>({
  catalogs,
  trpc,
  base,
  app,
}: StartSpaOptions<A, TClient>): Promise<void> {
  const element = document.getElementById("root");
  if (!element) throw new Error("index.html has no #root element");
  const root = createRoot(element);
  const wanted = resolveLocale(window.location.search, navigator.languages);
  try {
    const { i18n, locale } = await loadI18n(catalogs, wanted);
    applyDocumentLocale(locale);
    root.render(
      <StrictMode>
        <SpaProviders i18n={i18n} trpc={trpc} base={base}>
          {app}
        </SpaProviders>
      </StrictMode>,
    );
  } catch (error) {
    console.error("Could not load the app's messages", error);
    const i18n = createCommonI18n(wanted);
    applyDocumentLocale(wanted);
    root.render(
      <I18nProvider i18n={i18n}>
        <AppShell skipLinkLabel={i18n.t("common.skipToContent")}>
          <PageLoadError level={1} onRetry={() => window.location.reload()} />
        </AppShell>
      </I18nProvider>,
    );
  }
}
