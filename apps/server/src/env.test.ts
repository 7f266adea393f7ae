import { describe, expect, it } from "vitest";
import { allowedOriginsOf, readServerEnv } from "./env.js";

describe("readServerEnv", () => {
  it("has a safe default for every variable", () => {
    expect(readServerEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      PORTICO_SEED: "on",
      TRUST_PROXY: false,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      LOCKOUT_MAX_ATTEMPTS: 5,
      LOCKOUT_MINUTES: 15,
      ALLOWED_ORIGINS: [],
      EMAIL_FROM: "Portico <no-reply@localhost>",
      THROTTLE_SCALE: 1,
      JOB_WORKER: "on",
      JOB_POLL_INTERVAL_MS: 1000,
      BILLING_SWEEP_INTERVAL_MS: 60_000,
    });
  });

  it("allows PUBLIC_URL's origin and ALLOWED_ORIGINS for mutations", () => {
    expect(allowedOriginsOf(readServerEnv({ PORT: "4000", NODE_ENV: "production" }))).toEqual([
      "http://localhost:4000",
      "http://127.0.0.1:4000",
    ]);
    expect(allowedOriginsOf(readServerEnv({}))).toContain("http://localhost:5173");
    const env = readServerEnv({
      NODE_ENV: "production",
      PUBLIC_URL: "https://billing.example.com/portico",
      ALLOWED_ORIGINS: "http://localhost:5173/, https://app.example.com",
      LOCKOUT_MAX_ATTEMPTS: "3",
    });
    expect(allowedOriginsOf(env)).toEqual([
      "https://billing.example.com",
      "http://localhost:5173",
      "https://app.example.com",
    ]);
    expect(env.LOCKOUT_MAX_ATTEMPTS).toBe(3);
    expect(() => readServerEnv({ ALLOWED_ORIGINS: "not an origin" })).toThrow();
  });

  it("parses the values it is given and treats empty ones as unset", () => {
    const env = readServerEnv({
      PORT: "8080",
      PUBLIC_URL: "https://billing.example.com/",
      PORTICO_SEED: "off",
      PORTICO_DEMO_API_KEY: "",
      TRUST_PROXY: "10.0.0.0/8, 127.0.0.1",
      SMTP_URL: "smtps://user:pass@mail.example.com:465",
      EMAIL_FROM: "Acme Billing <billing@example.com>",
    });
    expect(env).toMatchObject({
      SMTP_URL: "smtps://user:pass@mail.example.com:465",
      EMAIL_FROM: "Acme Billing <billing@example.com>",
      PORT: 8080,
      PUBLIC_URL: "https://billing.example.com",
      PORTICO_SEED: "off",
      TRUST_PROXY: "10.0.0.0/8, 127.0.0.1",
    });
    expect(env.PORTICO_DEMO_API_KEY).toBeUndefined();
    expect(readServerEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
  });

  it("refuses nonsense rather than starting half-configured", () => {
    expect(() => readServerEnv({ PORT: "http" })).toThrow();
    expect(() => readServerEnv({ PORTICO_SEED: "yes" })).toThrow();
    expect(() => readServerEnv({ PUBLIC_URL: "not a url" })).toThrow();
    expect(() => readServerEnv({ SMTP_URL: "mail.example.com:25" })).toThrow();
    expect(() => readServerEnv({ REDIS_URL: "127.0.0.1:6379" })).toThrow();
    expect(() => readServerEnv({ THROTTLE_SCALE: "0" })).toThrow();
    expect(() => readServerEnv({ JOB_WORKER: "maybe" })).toThrow();
    expect(() => readServerEnv({ JOB_POLL_INTERVAL_MS: "0" })).toThrow();
  });
});
