import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { createDownloadToken, verifyDownloadToken } from "./download-tokens.js";

const key = randomBytes(32);
const clock = fixedClock("2026-03-10T12:00:00Z");
const claims = { fileId: "file_abcdefghijklmnopqrstuvwx", customerId: "cus_234567abcdefghijklmnopqr" };

describe("download tokens", () => {
  it("round-trips its claims until it expires", () => {
    const { token, expiresAt } = createDownloadToken(key, clock, { ...claims, expiresInSeconds: 600 });
    expect(expiresAt.toISOString()).toBe("2026-03-10T12:10:00.000Z");
    expect(token).toMatch(/^file_[a-z]+\.cus_[a-z2-7]+\.\d+\.[\w-]{43}$/);
    expect(verifyDownloadToken(key, clock, token)).toEqual({ ...claims, expiresAt });
    expect(verifyDownloadToken(key, fixedClock("2026-03-10T12:09:59Z"), token)).not.toBeNull();
    expect(verifyDownloadToken(key, fixedClock("2026-03-10T12:10:00Z"), token)).toBeNull();
  });

  it("refuses any change to the token and any other key", () => {
    const { token } = createDownloadToken(key, clock, { ...claims, expiresInSeconds: 600 });
    const [file, customer, expiry, signature] = token.split(".") as [string, string, string, string];
    const variants = [
      `${file}.cus_234567abcdefghijklmnopqs.${expiry}.${signature}`,
      `file_abcdefghijklmnopqrstuvwy.${customer}.${expiry}.${signature}`,
      `${file}.${customer}.${Number(expiry) + 1}.${signature}`,
      `${file}.${customer}.${expiry}.${signature.slice(1)}A`,
      `${token}.`,
      token.slice(0, -1),
      "",
      "a.b.c.d",
    ];
    for (const variant of variants) expect(verifyDownloadToken(key, clock, variant)).toBeNull();
    expect(verifyDownloadToken(randomBytes(32), clock, token)).toBeNull();
  });

  it("refuses keys too short to be keys, and claims that are not public ids", () => {
    expect(() => createDownloadToken(Buffer.alloc(16), clock, { ...claims, expiresInSeconds: 60 })).toThrow(
      /32 bytes/,
    );
    expect(() =>
      createDownloadToken(key, clock, {
        fileId: "file.x",
        customerId: claims.customerId,
        expiresInSeconds: 60,
      }),
    ).toThrow(/public id/);
  });
});
