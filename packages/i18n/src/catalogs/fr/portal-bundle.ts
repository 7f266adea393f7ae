import type { PortalArea } from "../../app-catalogs.js";
import type { Catalog } from "../en/index.js";
import { auth } from "./auth.js";
import { portalAccount } from "./portal-account.js";
import { portal } from "./portal.js";
import { sessions } from "./sessions.js";
import { throttle } from "./throttle.js";

/** The customer portal's areas in French: one chunk, all the portal fetches at start. */
export const portalBundle: Pick<Catalog, PortalArea> = { auth, throttle, sessions, portal, portalAccount };
