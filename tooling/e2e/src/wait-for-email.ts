import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { inject } from "vitest";
import type { ReceivedEmail } from "./mailbox.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Directory where the global setup's SMTP listener writes each received message. */
    mailboxDir: string;
  }
}

export interface EmailQuery {
  /** Recipient address (case-insensitive). */
  to: string;
  /** A part of the subject, or a pattern it must match. */
  subject?: string | RegExp;
  /** Only messages received at or after this moment: take it before the action that sends. */
  since?: Date;
  /** Give up after this long; default 10 s. */
  timeoutMs?: number;
}

const POLL_MS = 100;

function matches(email: ReceivedEmail, query: EmailQuery): boolean {
  if (!email.to.includes(query.to.toLowerCase())) return false;
  if (query.since && Date.parse(email.receivedAt) < query.since.getTime()) return false;
  if (query.subject === undefined) return true;
  return typeof query.subject === "string"
    ? email.subject.includes(query.subject)
    : query.subject.test(email.subject);
}

/**
 * Waits until the server under test has sent a message matching `query` (through the real
 * SMTP listener the harness points SMTP_URL at) and returns the newest such message.
 *
 * ```ts
 * const since = new Date();
 * await page.getByRole("button", { name: "Email me a code" }).click();
 * const mail = await waitForEmail({ to: "ann@example.test", subject: "sign-in code", since });
 * const code = codeIn(mail);
 * ```
 */
export async function waitForEmail(query: EmailQuery): Promise<ReceivedEmail> {
  const dir = inject("mailboxDir");
  const timeoutMs = query.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const seen = new Map<string, ReceivedEmail>();
  for (;;) {
    // In-flight files start with a dot; file names sort in arrival order.
    const names = (await readdir(dir)).filter((name) => name.endsWith(".json") && !name.startsWith("."));
    for (const name of names.sort()) {
      if (!seen.has(name))
        seen.set(name, JSON.parse(await readFile(join(dir, name), "utf8")) as ReceivedEmail);
    }
    const found = [...seen.values()].filter((email) => matches(email, query));
    if (found.length > 0) return found[found.length - 1]!;
    if (Date.now() >= deadline) {
      const subject = query.subject === undefined ? "" : ` with subject ${String(query.subject)}`;
      throw new Error(`no e-mail to ${query.to}${subject} within ${timeoutMs / 1000} s`);
    }
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

/** The 6-digit code on a line of its own in a login-code e-mail. */
export function codeIn(email: ReceivedEmail): string {
  const code = /^\s*(\d{6})\s*$/m.exec(email.text)?.[1];
  if (!code) throw new Error(`no 6-digit code in the e-mail "${email.subject}"`);
  return code;
}

/** The first link in the message's text whose path starts with `pathPrefix` (e.g. "/portal/reset"). */
export function linkIn(email: ReceivedEmail, pathPrefix = "/"): URL {
  for (const [match] of email.text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = new URL(match);
    if (url.pathname.startsWith(pathPrefix)) return url;
  }
  throw new Error(`no link to ${pathPrefix}… in the e-mail "${email.subject}"`);
}
