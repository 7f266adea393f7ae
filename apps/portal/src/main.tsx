import "@portico/ui/styles.css";
import { applyDocumentLocale, createI18n, resolveLocale } from "@portico/i18n";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { Providers } from "./Providers.js";

const locale = resolveLocale(window.location.search, navigator.languages);
applyDocumentLocale(locale);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <Providers i18n={createI18n(locale)}>
      <App />
    </Providers>
  </StrictMode>,
);
