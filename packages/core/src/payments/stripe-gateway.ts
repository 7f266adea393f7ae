import type { PaymentMethodType } from "@portico/db";
import Stripe from "stripe";
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
import { stripeSecretKeyOf, type SecretSealer } from "./stripe-credentials.js";
import type { GatewayFactory } from "./registry.js";

/** The API version Portico speaks (the stripe package's own); the recorded fixtures are of it. */
export const STRIPE_API_VERSION = Stripe.API_VERSION;

export interface StripeClientOptions {
  /** Defaults to the global fetch; tests pass one that replays recorded responses. */
  fetch?: typeof fetch;
  /** Stripe's own retries of failed connections (POSTs carry our idempotency keys). Default 2. */
  maxNetworkRetries?: number;
  /** Milliseconds; default 30 s, so a charge never holds a request for Stripe's default 80 s. */
  timeout?: number;
}

/** A Stripe client for one secret key, its HTTP going through `fetch`. */
export function createStripeClient(secretKey: string, options: StripeClientOptions = {}): Stripe {
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    httpClient: Stripe.createFetchHttpClient(options.fetch ?? fetch),
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeout ?? 30_000,
    telemetry: false,
    appInfo: { name: "Portico" },
  });
}

const STRIPE_METHOD_TYPES: Partial<Record<string, PaymentMethodType>> = {
  card: "card",
  sepa_debit: "sepa_debit",
  us_bank_account: "us_bank_account",
};

const STRIPE_REFUND_REASONS = new Set(["duplicate", "fraudulent", "requested_by_customer"]);

const idOf = (value: string | { id: string } | null | undefined) =>
  value == null ? null : typeof value === "string" ? value : value.id;

/**
 * A Portico charge result from a PaymentIntent: succeeded; processing (also while Stripe
 * still works on it); requires_action (3-D Secure on an off-session charge) → failed
 * `authentication_required` with what the customer must do; requires_payment_method or
 * canceled → failed with Stripe's decline code, else its error code.
 */
export function stripeChargeResultOf(intent: Stripe.PaymentIntent): ChargeResult {
  const result = { reference: intent.id, failureCode: null, failureMessage: null };
  switch (intent.status) {
    case "succeeded":
      return { ...result, status: "succeeded" };
    case "requires_action":
      return {
        ...result,
        status: "failed",
        failureCode: "authentication_required",
        failureMessage: "The card issuer asks the customer to authenticate this payment.",
        nextAction: nextActionOf(intent),
      };
    case "requires_payment_method":
    case "canceled": {
      const error = intent.last_payment_error;
      return {
        ...result,
        status: "failed",
        failureCode:
          error?.decline_code ??
          error?.code ??
          (intent.status === "canceled" ? "canceled" : "payment_failed"),
        failureMessage: error?.message ?? null,
      };
    }
    default:
      return { ...result, status: "processing" };
  }
}

/** What the portal needs to let the customer finish a charge on-session with Stripe.js. */
function nextActionOf(intent: Stripe.PaymentIntent): Record<string, unknown> {
  return {
    type: "stripe_authentication",
    paymentIntent: intent.id,
    clientSecret: intent.client_secret,
    action: intent.next_action?.type ?? null,
    redirectUrl: intent.next_action?.redirect_to_url?.url ?? null,
  };
}

/** A Portico refund result from a Stripe Refund: pending and requires_action stay pending. */
export function stripeRefundResultOf(refund: Stripe.Refund): RefundResult {
  if (refund.status === "succeeded")
    return { status: "succeeded", reference: refund.id, failureMessage: null };
  if (refund.status === "failed" || refund.status === "canceled") {
    return { status: "failed", reference: refund.id, failureMessage: refund.failure_reason ?? refund.status };
  }
  return { status: "pending", reference: refund.id, failureMessage: null };
}

/** A declined charge's answer, from the card error Stripe returns (HTTP 402). */
function declinedResult(error: InstanceType<typeof Stripe.errors.StripeError>): ChargeResult {
  const intent = error.payment_intent;
  const code = error.decline_code ?? error.code ?? "card_declined";
  return {
    status: "failed",
    reference: intent?.id ?? null,
    failureCode: code,
    failureMessage: error.message,
    nextAction: code === "authentication_required" && intent ? nextActionOf(intent) : null,
  };
}

/**
 * The Stripe gateway: SetupIntents confirmed in the browser save methods, off-session
 * PaymentIntents charge them, refunds go back on the PaymentIntent. Every POST that moves
 * money or creates an object carries an idempotency key, so a retry after a timeout
 * returns Stripe's first answer. Card numbers never reach Portico.
 */
export class StripeGateway implements Gateway {
  readonly name = "stripe" as const;

  constructor(private readonly stripe: Stripe) {}

  async ensureCustomer(customer: GatewayCustomer): Promise<string> {
    if (customer.gatewayCustomerId) return customer.gatewayCustomerId;
    const created = await this.stripe.customers.create(
      {
        name: customer.name,
        ...(customer.email ? { email: customer.email } : {}),
        metadata: { portico_customer: customer.publicId },
      },
      { idempotencyKey: `portico_customer_${customer.publicId}` },
    );
    return created.id;
  }

  async createSetupIntent(customer: GatewayCustomer): Promise<{ id: string; clientSecret: string }> {
    if (!customer.gatewayCustomerId)
      throw new Error("a SetupIntent needs the Stripe customer (ensureCustomer)");
    const intent = await this.stripe.setupIntents.create({
      customer: customer.gatewayCustomerId,
      // The portal's card Element collects cards; they are charged later, off-session.
      allowed_payment_method_types: ["card"],
      usage: "off_session",
      metadata: { portico_customer: customer.publicId },
    });
    if (!intent.client_secret) throw new Error("Stripe returned a SetupIntent without a client secret");
    return { id: intent.id, clientSecret: intent.client_secret };
  }

  async attachMethod(input: { customer: GatewayCustomer; source: MethodSource }): Promise<AttachedMethod> {
    const { source, customer } = input;
    if (source.type !== "setup_intent") {
      throw new AppError(
        "BAD_REQUEST",
        "METHOD_SOURCE_UNSUPPORTED",
        "Stripe saves methods from SetupIntents confirmed with Stripe.js.",
      );
    }
    const setupIntent = await this.stripe.setupIntents
      .retrieve(source.setupIntentId, { expand: ["payment_method"] })
      .catch((error: unknown) => {
        throw missing(error, "SETUP_INTENT_NOT_FOUND", "No such SetupIntent.");
      });
    if (setupIntent.status !== "succeeded") {
      throw new AppError(
        "BAD_REQUEST",
        "SETUP_INTENT_NOT_SUCCEEDED",
        "The SetupIntent has not succeeded: confirm it with Stripe.js first.",
        { details: { status: setupIntent.status } },
      );
    }
    const owner = idOf(setupIntent.customer);
    // A SetupIntent made for another customer must not hand its card to this one.
    if (owner && owner !== customer.gatewayCustomerId) {
      throw new AppError(
        "BAD_REQUEST",
        "SETUP_INTENT_CUSTOMER_MISMATCH",
        "This SetupIntent is another customer's.",
      );
    }
    const method = setupIntent.payment_method;
    if (!method || typeof method === "string") {
      throw new AppError(
        "BAD_REQUEST",
        "SETUP_INTENT_NOT_SUCCEEDED",
        "The SetupIntent has no payment method.",
      );
    }
    const type = STRIPE_METHOD_TYPES[method.type];
    if (!type) {
      throw new AppError(
        "BAD_REQUEST",
        "PAYMENT_METHOD_TYPE_UNSUPPORTED",
        "This kind of payment method is not supported.",
        {
          details: { type: method.type },
        },
      );
    }
    if (!owner) {
      if (!customer.gatewayCustomerId)
        throw new Error("attachMethod needs the Stripe customer (ensureCustomer)");
      await this.stripe.paymentMethods.attach(method.id, { customer: customer.gatewayCustomerId });
    }
    const card = method.card;
    return {
      token: method.id,
      type,
      brand: card?.brand ?? null,
      last4: card?.last4 ?? method.sepa_debit?.last4 ?? method.us_bank_account?.last4 ?? null,
      expMonth: card?.exp_month ?? null,
      expYear: card?.exp_year ?? null,
      holderName: method.billing_details.name ?? null,
      country: card?.country ?? method.sepa_debit?.country ?? null,
      fingerprint:
        card?.fingerprint ?? method.sepa_debit?.fingerprint ?? method.us_bank_account?.fingerprint ?? null,
    };
  }

  async detachMethod(token: string): Promise<void> {
    await this.stripe.paymentMethods.detach(token);
  }

  async charge(input: ChargeInput): Promise<ChargeResult> {
    const customer = input.customer.gatewayCustomerId;
    if (!customer) throw new Error("a Stripe charge needs the customer's Stripe id");
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          customer,
          payment_method: input.method.token,
          off_session: true,
          confirm: true,
          ...(input.description ? { description: input.description } : {}),
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return stripeChargeResultOf(intent);
    } catch (error) {
      // A decline is an answer, not an outage: Stripe made (and failed) the PaymentIntent.
      if (error instanceof Stripe.errors.StripeCardError) return declinedResult(error);
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.payment_intent) {
        return declinedResult(error);
      }
      throw error;
    }
  }

  async retrieveCharge(reference: string): Promise<ChargeResult> {
    const intent = await this.stripe.paymentIntents.retrieve(reference).catch((error: unknown) => {
      throw missing(error, "GATEWAY_CHARGE_NOT_FOUND", "Stripe has no such PaymentIntent.");
    });
    return stripeChargeResultOf(intent);
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: input.chargeReference,
          amount: input.amount,
          ...(input.reason && STRIPE_REFUND_REASONS.has(input.reason)
            ? { reason: input.reason as Stripe.RefundCreateParams.Reason }
            : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return stripeRefundResultOf(refund);
    } catch (error) {
      // Stripe refusing the refund (already refunded, disputed…) is a failed refund.
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        return { status: "failed", reference: null, failureMessage: error.message };
      }
      throw error;
    }
  }
}

/** Stripe's 404 for an id as a typed NOT_FOUND-like refusal; anything else unchanged. */
function missing(error: unknown, reason: string, message: string): unknown {
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
    return new AppError("BAD_REQUEST", reason, message);
  }
  return error;
}

/**
 * The registry's factory for Stripe merchants: opens the merchant's secret key with the
 * server's keyring. A merchant without one (or whose key this server cannot open) is
 * SERVICE_UNAVAILABLE `GATEWAY_NOT_CONFIGURED`, as for a gateway the server lacks.
 */
export function stripeGatewayFactory(
  options: StripeClientOptions & { secrets: SecretSealer },
): GatewayFactory {
  return (merchant) => {
    const secretKey = stripeSecretKeyOf(merchant, options.secrets);
    if (!secretKey) {
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        "GATEWAY_NOT_CONFIGURED",
        "This merchant has no Stripe credentials configured.",
        { details: { gateway: "stripe" } },
      );
    }
    return new StripeGateway(createStripeClient(secretKey, options));
  };
}
