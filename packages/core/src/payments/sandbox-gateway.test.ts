import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import type { AppError } from "../errors.js";
import type { ChargeInput, MethodSource } from "./gateway.js";
import { SANDBOX_PROCESSING_SECONDS, SandboxGateway, SandboxLedger } from "./sandbox-gateway.js";
import { passesLuhn, SANDBOX_TEST_CARDS } from "./test-cards.js";
import { manualClock } from "./test/fixtures.js";

const customer = { publicId: "cus_test", name: "Globex", email: null, gatewayCustomerId: null };
const card = (
  number: string,
  over: Partial<Extract<MethodSource, { type: "test_card" }>> = {},
): MethodSource => ({
  type: "test_card",
  number,
  expMonth: 12,
  expYear: 2030,
  cvc: number.startsWith("37") ? "1234" : "123",
  ...over,
});

function sandbox(clock = fixedClock("2026-05-01T10:00:00Z"), salt = "mer_a", ledger = new SandboxLedger()) {
  return { gateway: new SandboxGateway(ledger, { clock, fingerprintSalt: salt }), ledger };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "accepted",
    (error: AppError) => `${error.code} ${error.reason}`,
  );
}

describe("sandbox gateway", () => {
  it("knows Luhn, and every test card passes it", () => {
    expect(passesLuhn("4242424242424242")).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
    for (const { number } of SANDBOX_TEST_CARDS) expect(passesLuhn(number)).toBe(true);
  });

  it("tokenizes test cards into random pm_sandbox_ tokens with brand, last4 and a per-merchant fingerprint", async () => {
    const { gateway } = sandbox();
    const visa = await gateway.attachMethod({ customer, source: card("4242 4242 4242 4242") });
    expect(visa).toMatchObject({
      type: "card",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      country: "US",
    });
    expect(visa.token).toMatch(/^pm_sandbox_[0-9a-f]{24}$/);
    expect(visa.token).not.toContain("4242");
    expect(visa.fingerprint).not.toContain("4242424242424242");
    const again = await gateway.attachMethod({ customer, source: card("4242-4242-4242-4242") });
    expect(again.token).not.toBe(visa.token);
    expect(again.fingerprint).toBe(visa.fingerprint);
    const elsewhere = await sandbox(undefined, "mer_b").gateway.attachMethod({
      customer,
      source: card("4242424242424242"),
    });
    expect(elsewhere.fingerprint).not.toBe(visa.fingerprint);
    expect(await gateway.attachMethod({ customer, source: card("5555 5555 5555 4444") })).toMatchObject({
      brand: "mastercard",
      last4: "4444",
    });
    expect(await gateway.attachMethod({ customer, source: card("3782 822463 10005") })).toMatchObject({
      brand: "amex",
      last4: "0005",
    });
  });

  it("refuses bad card details with a reason per field", async () => {
    const { gateway } = sandbox();
    const attach = (source: MethodSource) => reasonOf(gateway.attachMethod({ customer, source }));
    expect(await attach(card("4242 4242 4242 4241"))).toBe("BAD_REQUEST INVALID_CARD_NUMBER");
    expect(await attach(card("4242"))).toBe("BAD_REQUEST INVALID_CARD_NUMBER");
    expect(await attach(card("4111 1111 1111 1111"))).toBe("BAD_REQUEST TEST_CARD_REQUIRED");
    expect(await attach(card("4242424242424242", { expMonth: 13 }))).toBe("BAD_REQUEST INVALID_CARD_EXPIRY");
    expect(await attach(card("4242424242424242", { expMonth: 4, expYear: 2026 }))).toBe(
      "BAD_REQUEST CARD_EXPIRED",
    );
    expect(await attach(card("4242424242424242", { expMonth: 5, expYear: 26 }))).toBe("accepted");
    expect(await attach(card("4242424242424242", { cvc: "12" }))).toBe("BAD_REQUEST INVALID_CARD_CVC");
    expect(await attach(card("378282246310005", { cvc: "123" }))).toBe("BAD_REQUEST INVALID_CARD_CVC");
    expect(await attach({ type: "setup_intent", setupIntentId: "seti_1" })).toBe(
      "BAD_REQUEST METHOD_SOURCE_UNSUPPORTED",
    );
  });

  it("charges each test card with its documented outcome, once per idempotency key", async () => {
    const clock = manualClock("2026-05-01T10:00:00Z");
    const { gateway, ledger } = sandbox(clock);
    const charge = async (number: string, key: string) => {
      const method = await gateway.attachMethod({ customer, source: card(number) });
      const input: ChargeInput = {
        amount: 1000,
        currency: "EUR",
        method: { token: method.token, brand: method.brand, last4: method.last4 },
        customer,
        idempotencyKey: key,
        description: null,
        metadata: {},
      };
      return gateway.charge(input);
    };
    expect(await charge("4242424242424242", "k1")).toMatchObject({ status: "succeeded", failureCode: null });
    expect(await charge("5555555555554444", "k2")).toMatchObject({ status: "succeeded" });
    expect(await charge("378282246310005", "k3")).toMatchObject({ status: "succeeded" });
    expect(await charge("4000000000000002", "k4")).toMatchObject({
      status: "failed",
      failureCode: "card_declined",
    });
    expect(await charge("4000000000009995", "k5")).toMatchObject({
      status: "failed",
      failureCode: "insufficient_funds",
    });
    const processing = await charge("4000000000000259", "k6");
    expect(processing.status).toBe("processing");
    expect(ledger.charges).toHaveLength(4);

    const first = ledger.resultOf("k1");
    expect(await charge("4242424242424242", "k1")).toEqual(first);
    expect(ledger.chargesWithKey("k1")).toHaveLength(1);

    clock.advance(SANDBOX_PROCESSING_SECONDS - 1);
    expect((await gateway.retrieveCharge(processing.reference!)).status).toBe("processing");
    clock.advance(1);
    expect(await gateway.retrieveCharge(processing.reference!)).toMatchObject({
      status: "succeeded",
      reference: processing.reference,
    });
    // Another process (a fresh ledger) settles it the same way.
    const elsewhere = sandbox(clock).gateway;
    expect((await elsewhere.retrieveCharge(processing.reference!)).status).toBe("succeeded");
  });

  it("refunds once per idempotency key", async () => {
    const { gateway } = sandbox();
    const input = {
      chargeReference: "ch_sandbox_ab",
      amount: 500,
      currency: "EUR",
      idempotencyKey: "r1",
      reason: null,
    };
    const first = await gateway.refund(input);
    expect(first).toMatchObject({ status: "succeeded", reference: expect.stringMatching(/^re_sandbox_/) });
    expect(await gateway.refund(input)).toEqual(first);
  });
});
