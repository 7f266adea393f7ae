import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { randomBytes } from "node:crypto";
import QRCode from "qrcode";

/**
 * TOTP (RFC 6238) as every authenticator app reads it: HMAC-SHA-1, 6 digits, 30-second
 * steps. A code is accepted for the current step and one step either side (clock drift),
 * and only for a step later than the last one accepted, so a code (or an older one) can
 * never be used twice. Built on @oslojs/otp's HOTP with the step computed from the
 * injected clock, so tests control time without faking `Date`.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW_STEPS = 1;

/** A new 160-bit key (RFC 4226 recommends the HMAC-SHA-1 output length). */
export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** Upper-case base32 without padding: what authenticator apps expect when typed by hand. */
export function encodeTotpSecret(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key);
}

export function decodeTotpSecret(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret.toUpperCase());
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a step (tests and tools; the server only verifies). */
export function totpCodeAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/** Six digits, spaces allowed ("123 456"); anything else is not a TOTP code. */
export function normalizeTotpCode(code: string): string | null {
  const digits = code.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step `code` belongs to within the window around `now`, later than `lastUsedStep`;
 * null when it matches none. Compared in constant time by verifyHOTP.
 */
export function matchTotp(
  key: Uint8Array,
  code: string,
  now: Date,
  lastUsedStep: number | null | undefined,
): number | null {
  const normalized = normalizeTotpCode(code);
  if (normalized === null) return null;
  const current = totpStep(now);
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (lastUsedStep != null && step <= lastUsedStep) continue;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, normalized)) return step;
  }
  return null;
}

/** `otpauth://totp/<issuer>:<account>?…` for the QR code and manual entry. */
export function totpKeyUri(issuer: string, accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/**
 * The URI drawn as a QR code by the `qrcode` library, as an SVG data URL: the SPA shows it
 * in an `<img>`, so no markup from the server is ever injected into the page.
 */
export async function totpQrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
