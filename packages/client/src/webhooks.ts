/**
 * Verifying Portico's outbound webhooks in a merchant's backend:
 *
 *   const check = verifyWebhookSignature(req.headers["portico-signature"], rawBody, process.env.PORTICO_WEBHOOK_SECRET);
 *   if (!check.valid) return reply.code(400).send(check.reason);
 *   const event = JSON.parse(rawBody);
 *
 * The same code that signs them: a module of @portico/core that imports nothing but
 * node:crypto, so the client stays free of server code at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- dependency-free module, see above
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  signWebhookPayload,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type VerifyWebhookSignatureOptions,
  type WebhookSignatureCheck,
  type WebhookSignatureFailure,
} from "@portico/core/webhook-signature";
