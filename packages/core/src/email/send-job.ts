import { z } from "zod";
import { defineJobHandler } from "../jobs/handlers.js";
import type { Mailer } from "./mailer.js";

/** The job that delivers one outbox row (Mailer.send enqueues it, Mailer.deliver runs it). */
export const EMAIL_SEND_JOB = "email.send";

/** Runs before a message is given up: 15 s doubling, about half an hour in all. */
export const EMAIL_SEND_MAX_ATTEMPTS = 8;

export const ZEmailSendPayload = z.object({
  /** Public id (`eml_…`) of the outbox row. */
  emailId: z.string().min(1),
  /**
   * What the row keeps once SMTP has the message (or has failed for good): the body with
   * its secrets masked. Absent when the message holds no secret.
   */
  storedCopy: z
    .object({
      text: z.string(),
      html: z.string().optional(),
      templateData: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type TEmailSendPayload = z.infer<typeof ZEmailSendPayload>;

/**
 * Delivers through `mailer` outside any transaction: an SMTP exchange can take seconds and
 * must not hold the database (PGlite runs one transaction at a time). A failure throws, so
 * the queue retries it with backoff.
 */
export function emailSendJob(mailer: Mailer) {
  return defineJobHandler(
    EMAIL_SEND_JOB,
    ZEmailSendPayload,
    (ctx, payload) => mailer.deliver(ctx.em, { ...payload, finalAttempt: ctx.finalAttempt }),
    { transactional: false },
  );
}
