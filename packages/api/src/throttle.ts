import type { MfaSubject, ThrottleAction } from "@portico/auth";
import type { Context } from "./trpc.js";

/**
 * Counts one attempt at `action` from this request's IP and for `subject` (the e-mail as
 * typed, or the signed-in user for MFA); throws TOO_MANY_REQUESTS / RATE_LIMITED, with
 * `details.retryAfterSeconds` for the Retry-After header, before the procedure does any work.
 */
export function throttle(ctx: Context, action: ThrottleAction, subject: string | MfaSubject | null) {
  const key = typeof subject === "object" && subject !== null ? `${subject.type}:${subject.userId}` : subject;
  return ctx.throttle.hit(action, { ip: ctx.req.ip, subject: key });
}
