import { simpleParser } from "mailparser";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

/** One message the server under test sent, as `waitForEmail` hands it to a test. */
export interface ReceivedEmail {
  /** When the listener received it (ISO 8601). */
  receivedAt: string;
  /** The From header, e.g. `Acme Cloud <no-reply@localhost>`. */
  from: string;
  /** The SMTP envelope's recipients, lower-cased. */
  to: string[];
  subject: string;
  /** The plain-text part. */
  text: string;
  html: string | null;
}

export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`: the SMTP_URL of the server under test. */
  url: string;
  /** Where each message lands as a JSON file (`ReceivedEmail`) for the test workers. */
  dir: string;
  close(): Promise<void>;
}

/**
 * A real SMTP listener on 127.0.0.1 (no TLS, no auth) for the browser run. Tests run in
 * other processes, so every message is written to its own JSON file in a temp dir: written
 * under a dot-name first and renamed, so a reader never sees half a message.
 */
export async function startMailbox(): Promise<Mailbox> {
  const dir = await mkdtemp(join(tmpdir(), "portico-e2e-mail-"));
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(stream)
        .then(async (mail) => {
          const email: ReceivedEmail = {
            receivedAt: new Date().toISOString(),
            from: mail.from?.text ?? "",
            to: recipients,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : null,
          };
          const name = `${Date.now()}-${String(++sequence).padStart(6, "0")}.json`;
          await writeFile(join(dir, `.${name}`), JSON.stringify(email));
          await rename(join(dir, `.${name}`), join(dir, name));
        })
        .then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
