import { describe, expect, it } from "vitest";
import { readServerEnv, webhookSettingsOf } from "./env.js";

describe("webhookSettingsOf", () => {
  it("allows insecure webhook targets in development and test, never by default in production", () => {
    expect(webhookSettingsOf(readServerEnv({}))).toEqual({ allowInsecure: true, timeoutMs: 10_000 });
    expect(webhookSettingsOf(readServerEnv({ NODE_ENV: "test" })).allowInsecure).toBe(true);
    expect(webhookSettingsOf(readServerEnv({ NODE_ENV: "production" })).allowInsecure).toBe(false);
  });

  it("follows WEBHOOK_ALLOW_INSECURE and WEBHOOK_TIMEOUT_MS when set", () => {
    expect(
      webhookSettingsOf(
        readServerEnv({ NODE_ENV: "production", WEBHOOK_ALLOW_INSECURE: "on", WEBHOOK_TIMEOUT_MS: "3000" }),
      ),
    ).toEqual({ allowInsecure: true, timeoutMs: 3000 });
    expect(webhookSettingsOf(readServerEnv({ WEBHOOK_ALLOW_INSECURE: "off" })).allowInsecure).toBe(false);
    expect(() => readServerEnv({ WEBHOOK_ALLOW_INSECURE: "yes" })).toThrow();
    expect(() => readServerEnv({ WEBHOOK_TIMEOUT_MS: "10" })).toThrow();
  });
});
