import { AppError, receiveStripeWebhook, systemClock, type Clock, type SecretSealer } from "@portico/core";
import type { MikroORM } from "@portico/db";
import type { FastifyInstance } from "fastify";

export interface StripeWebhookRoutesOptions {
  orm: MikroORM;
  clock?: Clock | undefined;
  /** Opens the merchants' webhook signing secrets. Null: no merchant takes webhooks (404). */
  secretKeys: SecretSealer | null;
}

/** Stripe's events are small; anything near this is not one. */
const BODY_LIMIT_BYTES = 512 * 1024;

const STATUS: Partial<Record<AppError["code"], number>> = { BAD_REQUEST: 400, NOT_FOUND: 404 };

/**
 * `POST /webhooks/stripe/:merchant` (the merchant's `mer_…`): the endpoint a merchant
 * registers in Stripe. The signature covers the exact bytes sent, so this plugin (and only
 * it: parsers are encapsulated per plugin) keeps the body raw. A verified event is
 * processed once per event id and answered 200, a repeat included; a bad or stale
 * signature is 400; an unknown merchant or one without a signing secret is 404; a failure
 * while processing is 500, which Stripe retries. Logs name the event, never its payload.
 */
export async function stripeWebhookRoutes(
  app: FastifyInstance,
  options: StripeWebhookRoutesOptions,
): Promise<void> {
  const clock = options.clock ?? systemClock;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) => {
    done(null, body);
  });

  app.post<{ Params: { merchant: string } }>("/webhooks/stripe/:merchant", async (req, reply) => {
    const signature = req.headers["stripe-signature"];
    try {
      if (!options.secretKeys) {
        throw new AppError(
          "NOT_FOUND",
          "STRIPE_WEBHOOK_NOT_CONFIGURED",
          "No encryption key: no webhook secrets.",
        );
      }
      const result = await receiveStripeWebhook(options.orm.em.fork(), clock, options.secretKeys, {
        merchant: req.params.merchant,
        payload: Buffer.isBuffer(req.body) ? req.body : "",
        signature: typeof signature === "string" ? signature : undefined,
      });
      req.log.info(
        { stripeEvent: result.eventId, type: result.type, outcome: result.outcome },
        "stripe webhook received",
      );
      return reply.code(200).send({ received: true, outcome: result.outcome });
    } catch (error) {
      const status = error instanceof AppError ? (STATUS[error.code] ?? 500) : 500;
      if (status === 500) {
        req.log.error({ err: error, merchant: req.params.merchant }, "stripe webhook failed");
        return reply.code(500).send({ received: false, error: "WEBHOOK_PROCESSING_FAILED" });
      }
      const reason = (error as AppError).reason;
      req.log.warn({ merchant: req.params.merchant, reason }, "stripe webhook refused");
      return reply.code(status).send({ received: false, error: reason });
    }
  });
}
