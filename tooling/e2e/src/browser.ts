import { type Browser, type BrowserContextOptions, type Page, chromium } from "playwright-core";
import { onTestFinished } from "vitest";
import { getCurrentTest } from "vitest/suite";
import { env } from "./env.js";
import { reportFailedPage } from "./failure-report.js";

// Quiet, deterministic headless Chromium: no GPU, no background network chatter.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserSession {
  browser: Browser;
  /**
   * A page in a fresh context (no shared cookies or storage), English and 1280×800 by default.
   * Called inside a test, the context is closed when the test ends, after a failure report.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium (CHROME_PATH overrides) through playwright-core. */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: env.chromePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    async newPage(options) {
      const context = await browser.newContext({
        locale: "en-US",
        viewport: { width: 1280, height: 800 },
        ...options,
      });
      const page = await context.newPage();
      // Uncaught errors and console errors of the page, for the failure report.
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.stack ?? error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      if (getCurrentTest()) {
        onTestFinished(async ({ task }) => {
          if (task.result?.state === "fail") await reportFailedPage(page, task.name, errors);
          await context.close();
        });
      }
      return page;
    },
    close: () => browser.close(),
  };
}
