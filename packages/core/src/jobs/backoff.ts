/** How long a failed job waits before its next run: base · 2^(attempts − 1), at most `maxMs`. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 15_000, maxMs: 60 * 60_000 };

/** `attempts`: runs so far, the failed one included (1 after the first failure). */
export function retryDelayMs(attempts: number, policy: Partial<RetryPolicy> = {}): number {
  const { baseMs, maxMs } = { ...DEFAULT_RETRY_POLICY, ...policy };
  const exponent = Math.max(0, attempts - 1);
  // 2^31 · base would overflow long before the cap matters: stop doubling past it.
  return exponent > 30 ? maxMs : Math.min(maxMs, baseMs * 2 ** exponent);
}
