import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";

const REPORT_DIR = resolve(import.meta.dirname, "../../../test-results/e2e");

/** What a failed test's page showed: a screenshot file, its URL, text and errors on stderr. */
export async function reportFailedPage(page: Page, testName: string, errors: string[] = []): Promise<void> {
  await mkdir(REPORT_DIR, { recursive: true });
  const file = join(REPORT_DIR, `${testName.replace(/[^\w-]+/g, "-").slice(0, 80)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  const text = await page
    .locator("body")
    .innerText({ timeout: 1_000 })
    .catch(() => "(no body)");
  console.error(
    `[e2e] "${testName}" failed on ${page.url()}\n[e2e] screenshot: ${file}\n[e2e] page text:\n${text.slice(0, 2_000)}`,
  );
  if (errors.length > 0) console.error(`[e2e] page errors:\n${errors.join("\n").slice(0, 4_000)}`);
}
