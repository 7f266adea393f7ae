import { describe, expect, it } from "vitest";
import { signWebhookPayload, verifyWebhookSignature } from "./index.js";

describe("@portico/client webhook verification", () => {
  const body = JSON.stringify({ id: "whevt_x", type: "invoice.paid", data: { object: { id: "in_x" } } });
  const t = Math.floor(Date.now() / 1000);

  it("verifies what Portico signs, against the raw body and the current time", () => {
    const header = signWebhookPayload("whsec_merchant", body, t);
    expect(verifyWebhookSignature(header, body, "whsec_merchant")).toEqual({ valid: true, timestamp: t });
    expect(verifyWebhookSignature(header, `${body} `, "whsec_merchant")).toEqual({
      valid: false,
      reason: "no_matching_signature",
    });
  });

  it("refuses a replay older than five minutes", () => {
    const header = signWebhookPayload("whsec_merchant", body, t - 301);
    expect(verifyWebhookSignature(header, body, "whsec_merchant")).toEqual({
      valid: false,
      reason: "timestamp_out_of_tolerance",
    });
  });
});
