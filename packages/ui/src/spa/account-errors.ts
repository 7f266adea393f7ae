import { type Translate, formatDate } from "@portico/i18n";
import { errorDetails, errorReason, localeTag, retryAfterSeconds } from "../api-errors.js";

export type { Translate };

/**
 * Copy for the refusals any sign-in or account form of either app can meet: a locked account
 * (with its unlock time) and a throttled request (with the time to try again). Null for any
 * other error: the form maps its own reasons, then falls back to its generic failure.
 */
export function accountErrorText(t: Translate, error: unknown): string | null {
  switch (errorReason(error)) {
    case "ACCOUNT_LOCKED": {
      const until = errorDetails(error).lockedUntil;
      return t("auth.accountLocked", { time: typeof until === "string" ? shortDateTime(until) : "" });
    }
    case "RATE_LIMITED": {
      const seconds = retryAfterSeconds(error);
      if (seconds === null) return t("throttle.tooManyAttemptsLater");
      return t("throttle.tooManyAttempts", { time: shortTime(Date.now() + seconds * 1000) });
    }
    default:
      return null;
  }
}

/** An instant as sign-in errors show it, in the viewer's locale ("Nov 21, 2026, 10:35 AM"). */
const shortDateTime = (value: string) =>
  formatDate(value, localeTag(), { dateStyle: "medium", timeStyle: "short" });

/** A moment within the next minutes: the time is enough ("10:35 AM"). */
const shortTime = (epochMs: number) => formatDate(epochMs, localeTag(), { timeStyle: "short" });
