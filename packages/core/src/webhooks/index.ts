export {
  ALL_WEBHOOK_EVENTS,
  isWebhookEventType,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventPayload,
  type WebhookEventSource,
  type WebhookEventType,
} from "./events.js";
export { emitEvent, type EmitEventInput, type EmittedEvent } from "./emit.js";
export * from "./signature.js";
export {
  checkWebhookUrl,
  isNonPublicAddress,
  STRICT_WEBHOOK_TARGETS,
  type WebhookTargetPolicy,
} from "./target-policy.js";
export { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS, webhookRetryDelayMs } from "./retry-schedule.js";
export {
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  deliverWebhook,
  WEBHOOK_DELIVER_JOB,
  webhookDeliverJob,
  type WebhookAttemptOutcome,
  type WebhookDeliveryOptions,
} from "./deliver-job.js";
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  MAX_WEBHOOK_ENDPOINTS,
  resolveWebhookEndpoint,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
} from "./endpoints.js";
export {
  listWebhookDeliveries,
  resendWebhookDelivery,
  type ListWebhookDeliveriesInput,
} from "./deliveries.js";
export * from "./dto.js";
