import { generateTOTP } from "@oslojs/otp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { normalizeRecoveryCode } from "./recovery-codes.js";
import {
  decodeTotpSecret,
  encodeTotpSecret,
  matchTotp,
  newTotpKey,
  totpCodeAt,
  totpKeyUri,
  totpQrCodeDataUrl,
  totpStep,
} from "./totp.js";

describe("totp", () => {
  afterEach(() => void vi.useRealTimers());

  it("computes the same codes as @oslojs/otp generateTOTP (SHA-1, 6 digits, 30 s)", () => {
    const key = newTotpKey();
    const now = new Date("2026-03-01T09:00:10Z");
    vi.useFakeTimers({ toFake: ["Date"], now });
    expect(totpCodeAt(key, totpStep(now))).toBe(generateTOTP(key, 30, 6));
  });

  it("passes the RFC 6238 SHA-1 test vector", () => {
    const key = new TextEncoder().encode("12345678901234567890");
    // T = 59 s → 94287082 with 8 digits; 6 digits keep the last six.
    expect(totpCodeAt(key, totpStep(new Date(59_000)))).toBe("287082");
  });

  it("accepts ±1 step, refuses ±2 and any step not after the last one used", () => {
    const key = newTotpKey();
    const now = new Date("2026-03-01T09:00:00Z");
    const step = totpStep(now);
    expect(matchTotp(key, totpCodeAt(key, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(key, totpCodeAt(key, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(key, totpCodeAt(key, step - 2), now, null)).toBeNull();
    expect(matchTotp(key, totpCodeAt(key, step + 2), now, null)).toBeNull();
    expect(matchTotp(key, totpCodeAt(key, step), now, step)).toBeNull();
    expect(matchTotp(key, totpCodeAt(key, step - 1), now, step - 1)).toBeNull();
    expect(matchTotp(key, "12345", now, null)).toBeNull();
  });

  it("round-trips the base32 secret and builds an otpauth URI and an SVG QR code", async () => {
    const key = newTotpKey();
    const secret = encodeTotpSecret(key);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeTotpSecret(secret)).toEqual(key);
    const uri = totpKeyUri("Acme & Co", "owner@acme.test", key);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=Acme+%26+Co");
    const qr = await totpQrCodeDataUrl(uri);
    expect(qr.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(Buffer.from(qr.split(",")[1]!, "base64").toString()).toContain("<svg");
  });

  it("normalises recovery codes", () => {
    expect(normalizeRecoveryCode(" ABCD-efgh-2345 ")).toBe("abcdefgh2345");
    expect(normalizeRecoveryCode("abcd-efgh-234")).toBeNull();
    expect(normalizeRecoveryCode("123456")).toBeNull();
  });
});
