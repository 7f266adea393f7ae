import { EmailMessage, type EmailStatus, type EntityManager, type IEmailMessage } from "@portico/db";
import nodemailer from "nodemailer";
import { systemClock, type Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { EMAIL_SEND_JOB, EMAIL_SEND_MAX_ATTEMPTS, type TEmailSendPayload } from "./send-job.js";

/**
 * E-mail goes through the `email_message` outbox and the job queue, never inside a request.
 *
 * - `send` writes the row as `queued` and enqueues its `email.send` job with the caller's
 *   `em` (inside `em.transactional` both commit or vanish with the change that caused the
 *   e-mail), then returns: no SMTP round trip, so an answer takes as long whether or not a
 *   message was written, and an SMTP outage fails no request.
 * - `deliver` (the job, see send-job.ts), with `smtpUrl` set (`smtp://user:pass@host:587`,
 *   `smtps://…:465`): nodemailer sends the row, which becomes `sent` with the SMTP
 *   Message-ID, and its secret-bearing body gives way to the masked `storedCopy`. A failure
 *   counts an attempt, keeps the error text and throws, so the queue retries; after the
 *   last attempt the row is `failed` (and masked: the secret will never be delivered).
 * - without `smtpUrl` the outbox IS the delivery: the row stays `queued` with its real body
 *   for the console to show, and one log line names recipient, template and subject.
 *
 * Log lines never carry a body: it may hold a code or a link.
 */

export interface EmailLogFields {
  /** Public id (`eml_…`) of the outbox row. */
  emailId: string;
  to: string;
  subject: string;
  template: string | null;
  status: EmailStatus;
  /** Set after a failed SMTP attempt. */
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
  /** Sets when queued messages fall due and `sent_at`: the server's (or a test's) clock. */
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
   * What the outbox keeps once SMTP has the message: the body and data with secrets masked.
   * Until then, and for good without SMTP (the outbox is the delivery), it keeps the real one.
   */
  storedCopy?: { text: string; html?: string; templateData?: Record<string, unknown> };
}

export interface EmailSendResult {
  /** Public id (`eml_…`) of the outbox row. */
  id: string;
  /** Always `queued`: delivery happens in the `email.send` job. */
  status: "queued";
}

export interface EmailDelivery extends TEmailSendPayload {
  /** No retry follows: a failure leaves the row `failed`. */
  finalAttempt: boolean;
}

export interface Mailer {
  readonly mode: "smtp" | "outbox";
  /** Queues the message (outbox row + `email.send` job) with the caller's `em`. */
  send(em: EntityManager, email: OutgoingEmail): Promise<EmailSendResult>;
  /** Delivers one queued row: the `email.send` job. Throws when SMTP fails. */
  deliver(em: EntityManager, delivery: EmailDelivery): Promise<void>;
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
      const row = em.create(EmailMessage, {
        merchant: email.merchantId ?? null,
        customer: email.customerId ?? null,
        to,
        from: email.fromName ? formatAddress(email.fromName, fromAddress) : options.from,
        replyTo: email.replyTo ? normalizeAddress(email.replyTo) : null,
        subject: email.subject,
        text: email.text,
        html: email.html ?? null,
        template: email.template ?? null,
        templateData: email.templateData ?? null,
        status: "queued",
      });
      // Flushed first: outside a transaction the job is written at once and may run at once.
      await em.flush();
      const payload: TEmailSendPayload = { emailId: row.publicId };
      if (email.storedCopy) payload.storedCopy = email.storedCopy;
      await enqueueJob(em, {
        name: EMAIL_SEND_JOB,
        payload,
        runAt: clock.now(),
        maxAttempts: EMAIL_SEND_MAX_ATTEMPTS,
        merchant: email.merchantId ?? null,
      });
      return { id: row.publicId, status: "queued" };
    },

    async deliver(em, delivery) {
      const row = await em.findOne(EmailMessage, { publicId: delivery.emailId });
      // Gone, or already sent by a run that crashed before completing its job: nothing to do.
      if (!row || row.status !== "queued") return;
      if (!transport) {
        log("email kept in the outbox (no SMTP_URL)", fields(row));
        return;
      }
      row.attempts += 1;
      let messageId: string | undefined;
      try {
        const info = await transport.sendMail({
          from: row.from ?? options.from,
          to: row.to,
          ...(row.replyTo ? { replyTo: row.replyTo } : {}),
          subject: row.subject,
          text: row.text,
          ...(row.html ? { html: row.html } : {}),
        });
        messageId = info.messageId;
      } catch (error) {
        row.error = describeError(error);
        if (delivery.finalAttempt) {
          row.status = "failed";
          keepOnly(row, delivery.storedCopy);
        }
        await em.flush();
        log(
          delivery.finalAttempt ? "email delivery failed" : "email delivery failed, will retry",
          fields(row),
        );
        throw new AppError(
          "SERVICE_UNAVAILABLE",
          "EMAIL_DELIVERY_FAILED",
          `E-mail ${row.publicId} could not be sent: ${row.error}`,
          { details: { emailId: row.publicId }, cause: error },
        );
      }
      row.status = "sent";
      row.messageId = messageId ? messageId.slice(0, 255) : null;
      row.sentAt = clock.now();
      row.error = null;
      keepOnly(row, delivery.storedCopy);
      await em.flush();
      log("email sent", fields(row));
    },

    close() {
      transport?.close();
    },
  };
}

/** Replaces the delivered (or abandoned) body by its masked copy, when it has a secret. */
function keepOnly(row: IEmailMessage, copy: TEmailSendPayload["storedCopy"]): void {
  if (!copy) return;
  row.text = copy.text;
  row.html = copy.html ?? null;
  if (copy.templateData) row.templateData = copy.templateData;
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
