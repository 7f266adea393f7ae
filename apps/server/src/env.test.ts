import { describe, expect, it } from "vitest";
import { readServerEnv } from "./env.js";

describe("readServerEnv", () => {
  it("has a safe default for every variable", () => {
    expect(readServerEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      PORTICO_SEED: "on",
      TRUST_PROXY: false,
    });
  });

  it("parses the values it is given and treats empty ones as unset", () => {
    const env = readServerEnv({
      PORT: "8080",
      PUBLIC_URL: "https://billing.example.com/",
      PORTICO_SEED: "off",
      PORTICO_DEMO_API_KEY: "",
      TRUST_PROXY: "10.0.0.0/8, 127.0.0.1",
    });
    expect(env).toMatchObject({
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
  });
});
