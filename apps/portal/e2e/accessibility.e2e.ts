import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { openPortalAs } from "./portal-pages.js";

// The billing screens run axe in their own tests; these are the other screens of the portal.
const PUBLIC_SCREENS: [path: string, heading: string | RegExp][] = [
  ["/portal/login", "Sign in"],
  ["/portal/login/code", "Sign in with a code"],
  ["/portal/forgot", /password/i],
  ["/portal/reset", /link/i],
  ["/portal/invite/not-a-real-invitation", /invitation/i],
  ["/portal/s/not-a-real-link", /link/i],
  ["/portal/no-such-page", "Page not found"],
];

const ACCOUNT_SCREENS: [path: string, heading: string][] = [
  ["/portal/members", "Members"],
  ["/portal/account", "Security"],
  ["/portal/sessions", "Your sessions"],
];

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole("heading", { level: 1, name }).first().waitFor();

describe("accessibility of the portal's other screens", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it.each(PUBLIC_SCREENS)("%s has no serious or critical axe violation", async (path, name) => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}${path}`);
    await heading(page, name);
    await expectAccessible(page);
  });

  it("the signed-in account screens have none either", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await expectAccessible(page);
    for (const [path, name] of ACCOUNT_SCREENS) {
      await page.goto(`${baseUrl()}${path}`);
      await heading(page, name);
      await expectAccessible(page);
    }
  });
});
