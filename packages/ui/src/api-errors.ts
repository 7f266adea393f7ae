/* Reading the API's typed errors in either SPA. */
import { TRPCClientError } from "@trpc/client";

/** The stable machine reason the API attaches to its errors (`ACCOUNT_LOCKED`, …). */
export function errorReason(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("reason" in data)) return null;
  return typeof data.reason === "string" ? data.reason : null;
}

/** The error's `details` object, or an empty one. */
export function errorDetails(error: unknown): Record<string, unknown> {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("details" in data)) return {};
  const details: unknown = data.details;
  return typeof details === "object" && details !== null ? (details as Record<string, unknown>) : {};
}

/**
 * Seconds a throttled request (reason RATE_LIMITED, HTTP 429) asks the user to wait; null
 * for any other error, or when the answer carried no wait time.
 */
export function retryAfterSeconds(error: unknown): number | null {
  if (errorReason(error) !== "RATE_LIMITED") return null;
  const seconds = errorDetails(error).retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** No (or no longer a) session: the caller should sign in. */
export function isSignedOut(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status: unknown = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return errorReason(error) === "SESSION_REQUIRED" || status === 401;
}

/** The BCP 47 tag the page is shown in (`<html lang>`), for Intl formatting. */
export function localeTag(): string {
  return document.documentElement.lang || "en";
}
