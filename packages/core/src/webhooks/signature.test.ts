import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookPayload, verifyWebhookSignature } from "./signature.js";

const secret = "whsec_test_secret";
const body = '{"id":"whevt_1","type":"customer.updated"}';
const t = 1_780_000_000;
const now = new Date(t * 1000);

describe("webhook signatures", () => {
  it("signs t and the body with HMAC-SHA256 of the whole secret (Stripe's scheme)", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhookPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("accepts the header it produced, for string and byte bodies", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(header, body, secret, { now })).toEqual({ valid: true, timestamp: t });
    expect(verifyWebhookSignature(header, Buffer.from(body), secret, { now }).valid).toBe(true);
  });

  it("refuses an altered body, an altered timestamp or another secret", () => {
    const header = signWebhookPayload(secret, body, t);
    const refused = { valid: false, reason: "no_matching_signature" };
    expect(verifyWebhookSignature(header, body.replace("updated", "deleted"), secret, { now })).toEqual(
      refused,
    );
    expect(verifyWebhookSignature(header.replace(`t=${t}`, `t=${t + 1}`), body, secret, { now })).toEqual(
      refused,
    );
    expect(verifyWebhookSignature(header, body, "whsec_other", { now })).toEqual(refused);
  });

  it("refuses a timestamp outside the tolerance, either way", () => {
    const header = signWebhookPayload(secret, body, t);
    const at = (seconds: number) => new Date((t + seconds) * 1000);
    expect(verifyWebhookSignature(header, body, secret, { now: at(300) }).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, secret, { now: at(301) })).toEqual({
      valid: false,
      reason: "timestamp_out_of_tolerance",
    });
    expect(verifyWebhookSignature(header, body, secret, { now: at(-301) }).valid).toBe(false);
    expect(
      verifyWebhookSignature(header, body, secret, { now: at(3600), toleranceSeconds: 3600 }).valid,
    ).toBe(true);
  });

  it("accepts any of several v1 entries and any of several secrets (rotation)", () => {
    const fromOld = signWebhookPayload("whsec_old", body, t);
    const fromNew = signWebhookPayload("whsec_new", body, t);
    const both = `${fromNew},v1=${fromOld.split("v1=")[1]}`;
    expect(verifyWebhookSignature(both, body, "whsec_old", { now }).valid).toBe(true);
    expect(verifyWebhookSignature(both, body, "whsec_new", { now }).valid).toBe(true);
    expect(verifyWebhookSignature(fromOld, body, ["whsec_new", "whsec_old"], { now }).valid).toBe(true);
    expect(verifyWebhookSignature(fromOld, body, ["whsec_new"], { now }).valid).toBe(false);
  });

  it("tells a missing header from a malformed one", () => {
    expect(verifyWebhookSignature(undefined, body, secret, { now })).toEqual({
      valid: false,
      reason: "missing_header",
    });
    for (const header of ["t=abc,v1=00", `v1=${"a".repeat(64)}`, `t=${t}`, `t=${t},v1=xyz`, "garbage"]) {
      expect(verifyWebhookSignature(header, body, secret, { now })).toEqual({
        valid: false,
        reason: "malformed_header",
      });
    }
  });
});
