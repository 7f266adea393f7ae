import { createHmac, randomBytes } from "node:crypto";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import type {
  AttachedMethod,
  ChargeInput,
  ChargeResult,
  Gateway,
  GatewayCustomer,
  MethodSource,
  RefundInput,
  RefundResult,
} from "./gateway.js";
import { readTestCard, sandboxOutcome } from "./test-cards.js";

/** Clock time after which a `processing` sandbox charge (card …0259) has succeeded. */
export const SANDBOX_PROCESSING_SECONDS = 60;

const random = () => randomBytes(12).toString("hex");

/** One charge the sandbox made, for tests to count. */
export interface SandboxCharge {
  reference: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
}

/**
 * What the sandbox remembers, shared by every merchant's sandbox in the process: the result
 * of each idempotency key (a retry gets the first answer, as from Stripe) and, for tests,
 * every charge made.
 */
export class SandboxLedger {
  readonly charges: SandboxCharge[] = [];
  private readonly results = new Map<string, ChargeResult>();
  private readonly refunds = new Map<string, RefundResult>();

  /** The charges made with one idempotency key: never more than one. */
  chargesWithKey(idempotencyKey: string): SandboxCharge[] {
    return this.charges.filter((charge) => charge.idempotencyKey === idempotencyKey);
  }

  resultOf(key: string): ChargeResult | undefined {
    return this.results.get(key);
  }

  record(key: string, charge: SandboxCharge | null, result: ChargeResult): ChargeResult {
    if (charge) this.charges.push(charge);
    this.results.set(key, result);
    return result;
  }

  refundOf(key: string): RefundResult | undefined {
    return this.refunds.get(key);
  }

  recordRefund(key: string, result: RefundResult): RefundResult {
    this.refunds.set(key, result);
    return result;
  }
}

/**
 * The default gateway: tokenizes test cards into `pm_sandbox_…` tokens (random, never derived
 * from the number) and charges them with Stripe's test-card outcomes (see test-cards.ts).
 * Deterministic under the injected clock: a processing charge carries in its reference the
 * instant it settles, so any process settles it the same way, `SANDBOX_PROCESSING_SECONDS`
 * after it was made.
 */
export class SandboxGateway implements Gateway {
  readonly name = "sandbox" as const;

  constructor(
    private readonly ledger: SandboxLedger,
    private readonly options: {
      clock: Clock;
      /**
       * Keys the fingerprint HMAC (the merchant's public id): the same card gets the same
       * fingerprint at one merchant and unrelated ones elsewhere.
       */
      fingerprintSalt: string;
    },
  ) {}

  async attachMethod(input: { customer: GatewayCustomer; source: MethodSource }): Promise<AttachedMethod> {
    const { source } = input;
    if (source.type !== "test_card") {
      throw new AppError(
        "BAD_REQUEST",
        "METHOD_SOURCE_UNSUPPORTED",
        "The sandbox gateway saves test cards only.",
      );
    }
    const card = readTestCard(source, this.options.clock.now());
    return {
      token: `pm_sandbox_${random()}`,
      type: "card",
      brand: card.brand,
      last4: card.digits.slice(-4),
      expMonth: source.expMonth,
      expYear: source.expYear < 100 ? 2000 + source.expYear : source.expYear,
      holderName: source.holderName?.trim() || null,
      country: card.country,
      fingerprint: createHmac("sha256", `sandbox-fingerprint:${this.options.fingerprintSalt}`)
        .update(card.digits)
        .digest("hex")
        .slice(0, 32),
    };
  }

  async detachMethod(): Promise<void> {}

  async charge(input: ChargeInput): Promise<ChargeResult> {
    const previous = this.ledger.resultOf(input.idempotencyKey);
    if (previous) return previous;
    const outcome = sandboxOutcome(input.method.brand, input.method.last4);
    if (outcome.kind === "fail") {
      // A declined card makes no charge; Stripe still names the attempt, and so does the sandbox.
      return this.ledger.record(input.idempotencyKey, null, {
        status: "failed",
        reference: `ch_sandbox_${random()}`,
        failureCode: outcome.code,
        failureMessage: outcome.message,
      });
    }
    const settlesAt = Math.floor(this.options.clock.now().getTime() / 1000) + SANDBOX_PROCESSING_SECONDS;
    const reference =
      outcome.kind === "processing" ? `ch_sandbox_async_${settlesAt}_${random()}` : `ch_sandbox_${random()}`;
    return this.ledger.record(
      input.idempotencyKey,
      { reference, idempotencyKey: input.idempotencyKey, amount: input.amount, currency: input.currency },
      {
        status: outcome.kind === "processing" ? "processing" : "succeeded",
        reference,
        failureCode: null,
        failureMessage: null,
      },
    );
  }

  async retrieveCharge(reference: string): Promise<ChargeResult> {
    const settled = { status: "succeeded", reference, failureCode: null, failureMessage: null } as const;
    const async = /^ch_sandbox_async_(\d+)_[0-9a-f]+$/.exec(reference);
    if (async) {
      const due = Number(async[1]) * 1000 <= this.options.clock.now().getTime();
      return due ? settled : { ...settled, status: "processing" };
    }
    if (/^ch_sandbox_[0-9a-f]+$/.test(reference)) {
      const known = this.ledger.charges.some((charge) => charge.reference === reference);
      if (known) return settled;
    }
    throw new AppError("NOT_FOUND", "GATEWAY_CHARGE_NOT_FOUND", "The sandbox has no such charge.");
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    const previous = this.ledger.refundOf(input.idempotencyKey);
    if (previous) return previous;
    return this.ledger.recordRefund(input.idempotencyKey, {
      status: "succeeded",
      reference: `re_sandbox_${random()}`,
      failureMessage: null,
    });
  }
}
