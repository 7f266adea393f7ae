import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startMailbox } from "./mailbox.js";
import { startServer } from "./server.js";

/**
 * One real server for the whole browser run, sending its e-mail to a real SMTP listener.
 * Tests reach the server through `baseUrl()`, the received messages through
 * `waitForEmail()` and the seeded API key through `createPortalLink()`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mailbox = await startMailbox();
  const demoApiKey = `sk_test_${randomBytes(16).toString("hex")}`;
  const server = await startServer({ smtpUrl: mailbox.url, demoApiKey }).catch(async (error: unknown) => {
    await mailbox.close();
    throw error;
  });
  project.provide("baseUrl", server.baseUrl);
  project.provide("mailboxDir", mailbox.dir);
  project.provide("demoApiKey", demoApiKey);
  return async () => {
    await server.stop();
    await mailbox.close();
  };
}
