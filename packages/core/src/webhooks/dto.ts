import type { IWebhookDelivery, IWebhookEndpoint, WebhookDeliveryStatus } from "@portico/db";

/** An endpoint as the integration API shows it: never its secret. */
export interface WebhookEndpointDto {
  id: string;
  url: string;
  description: string | null;
  /** Event types delivered; `["*"]` for all. */
  events: string[];
  active: boolean;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/**
 * What create and rotateSecret answer: the only times the signing secret (`whsec_…`) is
 * shown. It is not retrievable afterwards; a lost secret is replaced by rotating it.
 */
export interface WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  secret: string;
}

export function toWebhookEndpointDto(endpoint: IWebhookEndpoint): WebhookEndpointDto {
  return {
    id: endpoint.publicId,
    url: endpoint.url,
    description: endpoint.description ?? null,
    events: [...endpoint.events],
    active: endpoint.active,
    metadata: endpoint.metadata,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function toWebhookEndpointWithSecretDto(endpoint: IWebhookEndpoint): WebhookEndpointWithSecretDto {
  return { ...toWebhookEndpointDto(endpoint), secret: endpoint.secret };
}

/** One event sent (or to be sent) to one endpoint, with its last attempt. */
export interface WebhookDeliveryDto {
  id: string;
  /** `we_…` */
  endpoint: string;
  /** `whevt_…`, shared by the event's deliveries to other endpoints. */
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  /** When the next automatic attempt runs; null when none is scheduled. */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** HTTP status of the last answer; null when none came. */
  responseStatus: number | null;
  /** First 4 KB of the last answer. */
  responseBody: string | null;
  durationMs: number | null;
  error: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The body that is sent. */
  event: Record<string, unknown>;
}

const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;

/** Needs `endpoint` loaded. */
export function toWebhookDeliveryDto(delivery: IWebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.publicId,
    endpoint: delivery.endpoint.getEntity().publicId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    lastAttemptAt: iso(delivery.lastAttemptAt),
    responseStatus: delivery.responseStatus ?? null,
    responseBody: delivery.responseBody ?? null,
    durationMs: delivery.durationMs ?? null,
    error: delivery.error ?? null,
    deliveredAt: iso(delivery.deliveredAt),
    createdAt: delivery.createdAt.toISOString(),
    event: delivery.payload,
  };
}
