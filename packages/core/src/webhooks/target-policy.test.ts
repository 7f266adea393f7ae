import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { checkWebhookUrl, isNonPublicAddress, publicAddressLookup } from "./target-policy.js";

const strict = { allowInsecure: false };
const insecure = { allowInsecure: true };

function reasonOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.reason : String(error);
  }
}

describe("webhook target policy", () => {
  it("classifies loopback, private, link-local and mapped addresses as non-public", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.5",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "::ffff:127.0.0.1",
      "::ffff:8.8.8.8",
      "fd00::1",
      "fe80::1",
      "not-an-ip",
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111"]) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });

  it("requires https on a public host unless insecure targets are allowed", () => {
    expect(checkWebhookUrl(" https://hooks.example.com/portico#frag ", strict)).toBe(
      "https://hooks.example.com/portico",
    );
    for (const url of [
      "http://hooks.example.com/portico",
      "https://127.0.0.1/hook",
      "https://localhost:8443/hook",
      "https://api.localhost/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.7/hook",
    ]) {
      expect(
        reasonOf(() => checkWebhookUrl(url, strict)),
        url,
      ).toBe("WEBHOOK_URL_NOT_ALLOWED");
    }
    expect(checkWebhookUrl("http://127.0.0.1:4000/hook", insecure)).toBe("http://127.0.0.1:4000/hook");
  });

  it("refuses what is no http(s) URL, and credentials in it, whatever the policy", () => {
    for (const url of [
      "not a url",
      "ftp://example.com/x",
      "https://user:pass@example.com/x",
      `https://e.com/${"a".repeat(2100)}`,
    ]) {
      expect(
        reasonOf(() => checkWebhookUrl(url, insecure)),
        url,
      ).toBe("WEBHOOK_URL_INVALID");
    }
  });

  it("refuses at connection time a host whose DNS answer is not public", async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicAddressLookup("localhost", { all: true }, (err) => resolve(err)),
    );
    expect(error?.code).toBe("WEBHOOK_TARGET_NOT_PUBLIC");
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback/);
  });
});
