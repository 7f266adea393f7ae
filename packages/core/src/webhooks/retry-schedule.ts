const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Waits before each retry of a failed delivery: 1 min, 5 min, 30 min, 2 h, 5 h, then 10 h
 * and 12 h apart — 12 attempts over about three days (71 h 36 min after the first), after
 * which the delivery is `failed`. The endpoint is not disabled; the merchant can resend.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  10 * HOUR,
  10 * HOUR,
  12 * HOUR,
  12 * HOUR,
];

/** Automatic attempts of one delivery, the first included. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** How long after failed attempt number `attempt` (1-based) the next one runs; null: none left. */
export function webhookRetryDelayMs(attempt: number): number | null {
  return WEBHOOK_RETRY_DELAYS_MS[attempt - 1] ?? null;
}
