import { EmailMessage, type EmailStatus, type EntityManager, type IEmailMessage } from "@portico/db";
import nodemailer from "nodemailer";
import { systemClock, type Clock } from "../clock.js";
import { AppError } from "../errors.js";

/**
 * Sends e-mail and keeps every message in the `email_message` outbox.
 *
 * - `smtpUrl` set (`smtp://user:pass@host:587`, `smtps://…:465`): the row is written as
 *   `queued`, the message goes out through nodemailer's SMTP transport, and the row becomes
 *   `sent` (with the SMTP Message-ID) or `failed` (with the error text). A failure REJECTS
 *   with `AppError("SERVICE_UNAVAILABLE", "EMAIL_DELIVERY_FAILED")` after the failed row is
 *   saved: callers that must answer the same way whatever happens (login-code requests)
 *   catch it themselves; nobody can miss a lost message by forgetting to read a result.
 * - no `smtpUrl`: the row stays `queued` as the outbox the console shows, and one log line
 *   names recipient, template and subject (never the body: it may hold a code or a link).
 *
 * The row is flushed with the caller's `em`. Inside `em.transactional` a rollback also
 * removes the row, so send after committing the change that caused the e-mail.
 */

export interface EmailLogFields {
  /** Public id (`eml_…`) of the outbox row. */
  emailId: string;
  to: string;
  subject: string;
  template: string | null;
  status: EmailStatus;
  /** Set when status is `failed`. */
  error?: string;
}

/** Receives one line per message; never given a body. Adapt to pino with `(msg, f) => log.info(f, msg)`. */
export type EmailLog = (message: string, fields: EmailLogFields) => void;

export interface MailerOptions {
  /** SMTP_URL. Unset or empty: outbox only. Never logged (it may hold a password). */
  smtpUrl?: string | undefined;
  /** EMAIL_FROM, e.g. `Portico <billing@example.com>`. */
  from: string;
  log: EmailLog;
  clock?: Clock;
  /** Milliseconds; defaults: connect 10 s, greeting 10 s, idle socket 30 s. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Display name shown before the address of `from` (the merchant's name). */
  fromName?: string;
  /** Internal ids of the merchant / customer the message concerns. */
  merchantId?: number;
  customerId?: number;
  template?: string;
  templateData?: Record<string, unknown>;
  /**
   * What the outbox keeps when SMTP delivers the message: the body and data with secrets
   * masked. Without SMTP the outbox is the delivery channel and keeps the real message.
   */
  storedCopy?: { text: string; html?: string; templateData?: Record<string, unknown> };
}

export interface EmailSendResult {
  /** Public id (`eml_…`) of the outbox row. */
  id: string;
  status: "sent" | "queued";
  /** SMTP Message-ID, when sent. */
  messageId?: string;
}

export interface Mailer {
  readonly mode: "smtp" | "outbox";
  send(em: EntityManager, email: OutgoingEmail): Promise<EmailSendResult>;
  /** Closes the SMTP connection(s). */
  close(): void;
}

const MAX_ERROR_LENGTH = 2000;

export function createMailer(options: MailerOptions): Mailer {
  const { log, clock = systemClock } = options;
  const fromAddress = addressOf(options.from);
  const smtpUrl = options.smtpUrl?.trim() || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\//i.test(smtpUrl)) {
    // Not echoing the value: it may contain a password.
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      "EMAIL_CONFIG_INVALID",
      "SMTP_URL must start with smtp:// or smtps://.",
    );
  }
  const transport = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: options.timeouts?.connection ?? 10_000,
        greetingTimeout: options.timeouts?.greeting ?? 10_000,
        socketTimeout: options.timeouts?.socket ?? 30_000,
      })
    : undefined;

  function fields(row: IEmailMessage): EmailLogFields {
    const out: EmailLogFields = {
      emailId: row.publicId,
      to: row.to,
      subject: row.subject,
      template: row.template ?? null,
      status: row.status,
    };
    if (row.error) out.error = row.error;
    return out;
  }

  return {
    mode: transport ? "smtp" : "outbox",

    async send(em, email) {
      const to = normalizeAddress(email.to);
      const from = email.fromName ? formatAddress(email.fromName, fromAddress) : options.from;
      const kept = transport && email.storedCopy ? email.storedCopy : email;
      const row = em.create(EmailMessage, {
        merchant: email.merchantId ?? null,
        customer: email.customerId ?? null,
        to,
        from,
        replyTo: email.replyTo ? normalizeAddress(email.replyTo) : null,
        subject: email.subject,
        text: kept.text,
        html: kept.html ?? null,
        template: email.template ?? null,
        templateData: kept.templateData ?? null,
        status: "queued",
      });
      await em.flush();

      if (!transport) {
        log("email queued in outbox (no SMTP_URL)", fields(row));
        return { id: row.publicId, status: "queued" };
      }

      try {
        const info = await transport.sendMail({
          from: email.fromName ? { name: email.fromName, address: fromAddress } : options.from,
          to,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          text: email.text,
          ...(email.html ? { html: email.html } : {}),
        });
        row.status = "sent";
        row.attempts += 1;
        row.messageId = info.messageId ? info.messageId.slice(0, 255) : null;
        row.sentAt = clock.now();
        row.error = null;
        await em.flush();
        log("email sent", fields(row));
        return { id: row.publicId, status: "sent", ...(row.messageId ? { messageId: row.messageId } : {}) };
      } catch (error) {
        row.status = "failed";
        row.attempts += 1;
        row.error = describeError(error);
        await em.flush();
        log("email delivery failed", fields(row));
        throw new AppError(
          "SERVICE_UNAVAILABLE",
          "EMAIL_DELIVERY_FAILED",
          `E-mail ${row.publicId} could not be sent.`,
          {
            details: { emailId: row.publicId },
            cause: error,
          },
        );
      }
    },

    close() {
      transport?.close();
    },
  };
}

/** Trimmed and lower-cased, as e-mail columns are stored. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** `Name <a@b>` → `a@b`; a bare address stays as it is. */
function addressOf(from: string): string {
  const match = /<([^<>]+)>\s*$/.exec(from);
  return (match?.[1] ?? from).trim();
}

/** RFC 5322 display name as a quoted string (quotes and backslashes escaped, no line breaks). */
function formatAddress(name: string, address: string): string {
  const quoted = name.replace(/[\r\n]+/g, " ").replace(/(["\\])/g, "\\$1");
  return `"${quoted}" <${address}>`;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
  return text.slice(0, MAX_ERROR_LENGTH);
}
