import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `Portico-Signature` header of outbound webhooks: `t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256 keyed with the endpoint's whole `whsec_…` secret over `"<t>.<raw body>"`
 * (Stripe's scheme). The timestamp is signed too, so a captured request cannot be replayed
 * once it falls outside the receiver's tolerance.
 *
 * This module imports nothing but node:crypto: @portico/client re-exports it for merchants.
 */

export const WEBHOOK_SIGNATURE_HEADER = "Portico-Signature";

/** Receivers refuse a timestamp further than this from their clock (5 minutes, as Stripe). */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

type Body = string | Uint8Array;

function hmacHex(secret: string, timestamp: number, body: Body): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** The header value for `body` sent at `timestamp` (unix seconds). */
export function signWebhookPayload(secret: string, body: Body, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type WebhookSignatureFailure =
  "missing_header" | "malformed_header" | "timestamp_out_of_tolerance" | "no_matching_signature";

export type WebhookSignatureCheck =
  { valid: true; timestamp: number } | { valid: false; reason: WebhookSignatureFailure };

export interface VerifyWebhookSignatureOptions {
  /** Largest accepted distance between `t` and now; default 300. `Infinity` turns the check off. */
  toleranceSeconds?: number;
  /** The receiver's "now"; defaults to the system time. */
  now?: Date | number;
}

/**
 * Checks a `Portico-Signature` header against the raw request body, exactly as received
 * (before any JSON parsing). `secret` may list several secrets (the new and the old one
 * while rotating); the header may carry several `v1` entries. Any match is enough. Every
 * comparison is constant-time.
 */
export function verifyWebhookSignature(
  header: string | null | undefined,
  body: Body,
  secret: string | readonly string[],
  options: VerifyWebhookSignatureOptions = {},
): WebhookSignatureCheck {
  if (!header) return { valid: false, reason: "missing_header" };
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part
      .trim()
      .split("=", 2)
      .map((s) => s.trim());
    if (key === "t" && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value !== undefined && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(Buffer.from(value, "hex"));
    }
  }
  if (timestamp === null || signatures.length === 0) return { valid: false, reason: "malformed_header" };

  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  const nowMs = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (Math.abs(nowMs / 1000 - timestamp) > tolerance) {
    return { valid: false, reason: "timestamp_out_of_tolerance" };
  }

  const secrets = typeof secret === "string" ? [secret] : secret;
  let matched = false;
  for (const key of secrets) {
    const expected = Buffer.from(hmacHex(key, timestamp, body), "hex");
    // No early exit: the time taken does not depend on which entry matched.
    for (const candidate of signatures) matched = timingSafeEqual(expected, candidate) || matched;
  }
  return matched ? { valid: true, timestamp } : { valid: false, reason: "no_matching_signature" };
}
