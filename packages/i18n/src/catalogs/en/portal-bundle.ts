import type { PortalArea } from "../../app-catalogs.js";
import type { Catalog } from "../en/index.js";
import { auth } from "./auth.js";
import { portalAccount } from "./portal-account.js";
import { portal } from "./portal.js";
import { portalHome } from "./portal-home.js";
import { portalInvoices } from "./portal-invoices.js";
import { portalPay } from "./portal-pay.js";
import { portalPayments } from "./portal-payments.js";
import { portalDocuments } from "./portal-documents.js";
import { portalProfile } from "./portal-profile.js";
import { sessions } from "./sessions.js";
import { throttle } from "./throttle.js";

/** The customer portal's areas in English: one chunk, all the portal fetches at start. */
export const portalBundle: Pick<Catalog, PortalArea> = {
  auth,
  throttle,
  sessions,
  portal,
  portalAccount,
  portalHome,
  portalInvoices,
  portalPay,
  portalPayments,
  portalDocuments,
  portalProfile,
};
