export { expectAccessible } from "./accessibility.js";
export { baseUrl } from "./base-url.js";
export { type BrowserSession, launchBrowser } from "./browser.js";
export type { ReceivedEmail } from "./mailbox.js";
export { type PortalLinkOptions, createPortalLink } from "./portal-links.js";
export { totpCode } from "./totp.js";
export { codeIn, type EmailQuery, linkIn, waitForEmail } from "./wait-for-email.js";
