import "@portico/ui/styles.css";
import "./auth-screens.css";
import { portalCatalogs } from "@portico/i18n";
import { startSpa } from "@portico/ui/spa";
import { App } from "./App.js";
import { trpc } from "./trpc.js";

void startSpa({ catalogs: portalCatalogs, trpc, base: import.meta.env.BASE_URL, app: <App /> });
