import { LockMode } from "@mikro-orm/core";
import {
  Merchant,
  newPublicId,
  queueAuditEvent,
  WebhookEndpoint,
  type EntityManager,
  type IWebhookEndpoint,
} from "@portico/db";
import { randomBytes } from "node:crypto";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { findPage, type Page, type PageParams } from "../common/keyset-page.js";
import { applyMetadataPatch, checkMetadata, type Metadata, type MetadataPatch } from "../common/metadata.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { ALL_WEBHOOK_EVENTS, isWebhookEventType, WEBHOOK_EVENT_TYPES } from "./events.js";
import { checkWebhookUrl, type WebhookTargetPolicy } from "./target-policy.js";

/** Endpoints per merchant (Stripe's limit): bounds the deliveries one event fans out to. */
export const MAX_WEBHOOK_ENDPOINTS = 16;
const MAX_DESCRIPTION_LENGTH = 500;

export interface CreateWebhookEndpointInput {
  url: string;
  /** Event types, or `["*"]` for all. */
  events: readonly string[];
  description?: string | null;
  metadata?: Metadata;
}

export interface UpdateWebhookEndpointInput {
  /** `we_…` */
  endpoint: string;
  url?: string;
  events?: readonly string[];
  /** false: nothing is sent until it is true again (pending deliveries end up `failed`, unsent). */
  active?: boolean;
  /** null or "" removes it. */
  description?: string | null;
  metadata?: MetadataPatch;
}

export function webhookEndpointNotFound(): AppError {
  return new AppError("NOT_FOUND", "WEBHOOK_ENDPOINT_NOT_FOUND", "No such webhook endpoint.");
}

/** One of the merchant's endpoints; another merchant's is NOT_FOUND like an unknown one. */
export async function resolveWebhookEndpoint(
  em: EntityManager,
  merchantId: number,
  ref: string,
  options: { lock?: boolean } = {},
): Promise<IWebhookEndpoint> {
  const endpoint = await em.findOne(
    WebhookEndpoint,
    { publicId: ref, merchant: merchantId },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
  );
  if (!endpoint) throw webhookEndpointNotFound();
  return endpoint;
}

/** Known types in catalogue order, without duplicates; `*` alone when it is given. */
export function normalizeWebhookEvents(events: readonly string[]): string[] {
  const given = events.map((event) => event.trim());
  if (given.length === 0) {
    throw new AppError(
      "BAD_REQUEST",
      "WEBHOOK_EVENTS_REQUIRED",
      "Subscribe the endpoint to at least one event.",
    );
  }
  const unknown = given.find((event) => event !== ALL_WEBHOOK_EVENTS && !isWebhookEventType(event));
  if (unknown !== undefined) {
    throw new AppError("BAD_REQUEST", "WEBHOOK_EVENT_UNKNOWN", `Unknown event type ${unknown}.`, {
      details: { event: unknown, known: [...WEBHOOK_EVENT_TYPES, ALL_WEBHOOK_EVENTS] },
    });
  }
  if (given.includes(ALL_WEBHOOK_EVENTS)) return [ALL_WEBHOOK_EVENTS];
  return WEBHOOK_EVENT_TYPES.filter((type) => given.includes(type));
}

function normalizeDescription(description: string | null | undefined): string | null {
  const text = description?.trim() ?? "";
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    throw new AppError(
      "BAD_REQUEST",
      "WEBHOOK_DESCRIPTION_TOO_LONG",
      "The description is 500 characters at most.",
    );
  }
  return text === "" ? null : text;
}

/** A new signing secret: 192 random bits. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/**
 * A new endpoint of the actor's merchant with a fresh signing secret (read it from the
 * returned row now: the API shows it this once). Under a lock of the merchant row, so
 * concurrent creates cannot pass MAX_WEBHOOK_ENDPOINTS.
 */
export async function createWebhookEndpoint(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateWebhookEndpointInput,
  policy: WebhookTargetPolicy,
): Promise<IWebhookEndpoint> {
  const url = checkWebhookUrl(input.url, policy);
  const events = normalizeWebhookEvents(input.events);
  const description = normalizeDescription(input.description);
  const metadata = checkMetadata(input.metadata ?? {});
  return em.transactional(async (tx) => {
    await tx.findOneOrFail(Merchant, actor.merchantId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if ((await tx.count(WebhookEndpoint, { merchant: actor.merchantId })) >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError(
        "CONFLICT",
        "WEBHOOK_ENDPOINT_LIMIT",
        `A merchant has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`,
        { details: { max: MAX_WEBHOOK_ENDPOINTS } },
      );
    }
    const now = clock.now();
    const endpoint = tx.create(WebhookEndpoint, {
      publicId: newPublicId("we"),
      merchant: actor.merchantId,
      url,
      description,
      secret: newWebhookSecret(),
      events,
      active: true,
      metadata,
      createdAt: now,
      updatedAt: now,
    });
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "WebhookEndpoint.Created",
        targetType: "webhook_endpoint",
        targetId: endpoint.publicId,
        data: { url, events },
        at: now,
      }),
    );
    return endpoint;
  });
}

/** The merchant's endpoints, newest first, a keyset page at a time. */
export async function listWebhookEndpoints(
  em: EntityManager,
  merchantId: number,
  params: PageParams,
): Promise<Page<IWebhookEndpoint>> {
  const where = { merchant: merchantId };
  return findPage(em, WebhookEndpoint, { table: "webhook_endpoint", merchantId, where }, params);
}

/** Changes the fields given; everything is checked before anything is written. */
export async function updateWebhookEndpoint(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: UpdateWebhookEndpointInput,
  policy: WebhookTargetPolicy,
): Promise<IWebhookEndpoint> {
  const changes: Partial<IWebhookEndpoint> = {};
  if (input.url !== undefined) changes.url = checkWebhookUrl(input.url, policy);
  if (input.events !== undefined) changes.events = normalizeWebhookEvents(input.events);
  if (input.description !== undefined) changes.description = normalizeDescription(input.description);
  if (input.active !== undefined) changes.active = input.active;
  const endpoint = await resolveWebhookEndpoint(em, actor.merchantId, input.endpoint);
  if (input.metadata !== undefined) changes.metadata = applyMetadataPatch(endpoint.metadata, input.metadata);

  const now = clock.now();
  em.assign(endpoint, changes);
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "WebhookEndpoint.Updated",
      targetType: "webhook_endpoint",
      targetId: endpoint.publicId,
      data: {
        fields: Object.keys(changes).sort(),
        ...(changes.url === undefined ? {} : { url: changes.url }),
        ...(changes.active === undefined ? {} : { active: changes.active }),
      },
      at: now,
    }),
  );
  await em.flush();
  return endpoint;
}

/**
 * Deletes the endpoint with its delivery log (the database cascades); jobs still queued for
 * its deliveries find nothing and end. The audit event keeps the URL.
 */
export async function deleteWebhookEndpoint(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  ref: string,
): Promise<{ id: string; deleted: true }> {
  return em.transactional(async (tx) => {
    const endpoint = await resolveWebhookEndpoint(tx, actor.merchantId, ref, { lock: true });
    const now = clock.now();
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "WebhookEndpoint.Deleted",
        targetType: "webhook_endpoint",
        targetId: endpoint.publicId,
        data: { url: endpoint.url },
        at: now,
      }),
    );
    tx.remove(endpoint);
    return { id: endpoint.publicId, deleted: true as const };
  });
}

/**
 * Replaces the signing secret at once: every attempt from now on, retries of older events
 * included, is signed with the new one. There is no grace period during which Portico
 * signs with both (the table keeps one secret); a receiver accepts both while it switches
 * (verifyWebhookSignature takes a list of secrets).
 */
export async function rotateWebhookEndpointSecret(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  ref: string,
): Promise<IWebhookEndpoint> {
  return em.transactional(async (tx) => {
    const endpoint = await resolveWebhookEndpoint(tx, actor.merchantId, ref, { lock: true });
    const now = clock.now();
    endpoint.secret = newWebhookSecret();
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "WebhookEndpoint.SecretRotated",
        targetType: "webhook_endpoint",
        targetId: endpoint.publicId,
        at: now,
      }),
    );
    return endpoint;
  });
}
