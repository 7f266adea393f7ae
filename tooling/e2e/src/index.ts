export { baseUrl } from "./base-url.js";
export { type BrowserSession, launchBrowser } from "./browser.js";
