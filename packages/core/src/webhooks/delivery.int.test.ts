import { Customer, Invoice, Job, Merchant, WebhookDelivery, type IWebhookDelivery } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../actor.js";
import type { Clock } from "../clock.js";
import type { MerchantActor } from "../common/actor.js";
import { createCustomer } from "../customers/create.js";
import { updateCustomer } from "../customers/update.js";
import { createMailer } from "../email/mailer.js";
import { createDraftInvoice } from "../invoices/draft.js";
import { finalizeInvoice } from "../invoices/finalize.js";
import { voidInvoice } from "../invoices/transitions.js";
import { coreJobHandlers } from "../jobs/core-handlers.js";
import { drainJobs } from "../jobs/run.js";
import { PORTICO_VERSION } from "../system/version.js";
import { resendWebhookDelivery } from "./deliveries.js";
import { createWebhookEndpoint, updateWebhookEndpoint } from "./endpoints.js";
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from "./retry-schedule.js";
import { verifyWebhookSignature } from "./signature.js";
import { startWebhookReceiver, type WebhookReceiver } from "./test/receiver.js";

const insecure = { allowInsecure: true };
const TIMEOUT_MS = 1000;

describe("outbound webhook delivery", () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let now = new Date("2026-06-01T12:00:00Z").getTime();
  const clock: Clock = { now: () => new Date(now) };
  const advance = (ms: number) => (now += ms);
  let actor: MerchantActor;
  let seq = 0;

  const mailer = createMailer({ from: "Portico <no-reply@localhost>", log: () => {} });
  /** The server's handlers: permissive targets (the receiver is on 127.0.0.1), short timeout. */
  const drain = (
    webhooks: Parameters<typeof coreJobHandlers>[0]["webhooks"] = { ...insecure, timeoutMs: TIMEOUT_MS },
  ) => drainJobs(db.orm, { clock, handlers: coreJobHandlers({ mailer, webhooks }) });
  /** The current test's merchant's deliveries, oldest first. */
  const deliveries = () =>
    db.em().find(WebhookDelivery, { merchant: actor.merchantId }, { orderBy: { id: "asc" } });
  const reload = (delivery: IWebhookDelivery) => db.em().findOneOrFail(WebhookDelivery, delivery.id);

  async function endpoint(events: string[], path = "/hooks", policy = insecure) {
    return createWebhookEndpoint(db.em(), clock, actor, { url: `${receiver.url}${path}`, events }, policy);
  }
  async function customer() {
    return createCustomer(db.em(), clock, actor, {
      name: `Customer ${++seq}`,
      email: `c${seq}@example.test`,
    });
  }
  const rename = (id: string, name: string) => updateCustomer(db.em(), clock, actor, { customer: id, name });

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });
  // Each test: a merchant of its own (so only its endpoints listen), an empty receiver and queue.
  beforeEach(async () => {
    const em = db.em();
    const merchant = em.create(Merchant, { slug: `m${++seq}`, name: "Acme", defaultCurrency: "EUR" });
    await em.flush();
    actor = { merchantId: merchant.id, type: "api_key", id: "key_tests" };
    receiver.received.length = 0;
    advance(24 * 60 * 60_000);
  });
  afterEach(async () => {
    await db.em().nativeDelete(Job, {});
  });

  it("delivers a signed customer.updated after the change commits and the queue drains", async () => {
    const hook = await endpoint(["customer.updated"]);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const created = await customer();
    expect(await deliveries()).toHaveLength(0);

    await rename(created.publicId, "Globex Europe");
    const [queued] = await deliveries();
    expect(queued).toMatchObject({ status: "pending", attemptCount: 0, eventType: "customer.updated" });
    expect(await db.em().count(Job, { name: "webhook.deliver", status: "queued" })).toBe(1);
    expect(receiver.received).toHaveLength(0);

    expect(await drain()).toMatchObject({ claimed: 1, completed: 1 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.path).toBe("/hooks");
    expect(request!.headers).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "user-agent": `Portico-Webhooks/${PORTICO_VERSION}`,
      "portico-event-type": "customer.updated",
      "portico-event-id": queued!.eventId,
    });
    const event = JSON.parse(request!.body);
    expect(event).toEqual({
      id: expect.stringMatching(/^whevt_[a-z2-7]{24}$/),
      type: "customer.updated",
      created: queued!.createdAt.toISOString(),
      data: {
        object: expect.objectContaining({
          id: created.publicId,
          name: "Globex Europe",
          email: created.email,
          balance: 0,
          currency: "EUR",
        }),
      },
    });
    expect(event.id).toBe(queued!.eventId);

    const header = String(request!.headers["portico-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const at = { now: clock.now() };
    expect(verifyWebhookSignature(header, request!.body, hook.secret, at)).toEqual({
      valid: true,
      timestamp: Math.floor(now / 1000),
    });
    expect(
      verifyWebhookSignature(header, request!.body.replace("Globex", "Gl0bex"), hook.secret, at),
    ).toEqual({
      valid: false,
      reason: "no_matching_signature",
    });
    const t = Math.floor(now / 1000);
    expect(
      verifyWebhookSignature(header.replace(`t=${t}`, `t=${t + 5}`), request!.body, hook.secret, at).valid,
    ).toBe(false);
    expect(verifyWebhookSignature(header, request!.body, hook.secret, { now: now + 301_000 })).toEqual({
      valid: false,
      reason: "timestamp_out_of_tolerance",
    });

    expect(await reload(queued!)).toMatchObject({
      status: "succeeded",
      attemptCount: 1,
      responseStatus: 200,
      responseBody: "ok",
      error: null,
      nextAttemptAt: null,
      deliveredAt: new Date(now),
      lastAttemptAt: new Date(now),
    });
    expect((await reload(queued!)).durationMs).toBeGreaterThanOrEqual(0);
  });

  it("sends one event to every endpoint subscribed to its type or to *, with one event id", async () => {
    const updates = await endpoint(["customer.updated"], "/updates");
    const everything = await endpoint(["*"], "/all");
    await endpoint(["invoice.paid"], "/invoices");
    const created = await customer();
    await rename(created.publicId, "Initech");
    await drain();

    // customer.created reached `*` only; customer.updated reached both; invoice.paid-only nothing.
    const byPath = (path: string) => receiver.received.filter((r) => r.path === path);
    expect(byPath("/invoices")).toHaveLength(0);
    expect(byPath("/updates").map((r) => r.headers["portico-event-type"])).toEqual(["customer.updated"]);
    expect(byPath("/all").map((r) => r.headers["portico-event-type"])).toEqual([
      "customer.created",
      "customer.updated",
    ]);
    expect(JSON.parse(byPath("/all")[0]!.body).data.object).toMatchObject({
      id: created.publicId,
      name: created.name,
      balance: 0,
      taxExempt: "none",
      createdAt: created.createdAt.toISOString(),
    });
    const [toUpdates] = byPath("/updates");
    const toAll = byPath("/all")[1]!;
    expect(toAll.headers["portico-event-id"]).toBe(toUpdates!.headers["portico-event-id"]);
    expect(toAll.body).toBe(toUpdates!.body);
    // Each signed with its endpoint's own secret.
    const at = { now: clock.now() };
    const signature = (r: typeof toAll) => String(r.headers["portico-signature"]);
    expect(verifyWebhookSignature(signature(toUpdates!), toUpdates!.body, updates.secret, at).valid).toBe(
      true,
    );
    expect(verifyWebhookSignature(signature(toAll), toAll.body, everything.secret, at).valid).toBe(true);
    expect(verifyWebhookSignature(signature(toAll), toAll.body, updates.secret, at).valid).toBe(false);
  });

  it("retries a failing receiver on the backoff schedule, logging every attempt, until it answers 2xx", async () => {
    await endpoint(["customer.updated"]);
    const created = await customer();
    receiver.answer(
      { status: 500, body: "boom" },
      { status: 302, headers: { Location: "https://elsewhere.test/" } },
    );
    await rename(created.publicId, "Hooli");
    const emittedAt = now;

    expect(await drain()).toMatchObject({ claimed: 1, completed: 1 });
    const [delivery] = await deliveries();
    expect(await reload(delivery!)).toMatchObject({
      status: "pending",
      attemptCount: 1,
      responseStatus: 500,
      responseBody: "boom",
      error: "Answered HTTP 500",
      nextAttemptAt: new Date(emittedAt + WEBHOOK_RETRY_DELAYS_MS[0]!),
      deliveredAt: null,
    });
    // Not before its time.
    advance(WEBHOOK_RETRY_DELAYS_MS[0]! - 1000);
    expect(await drain()).toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(1);

    // A redirect is not followed: a failure too.
    advance(1000);
    expect(await drain()).toMatchObject({ claimed: 1 });
    expect(await reload(delivery!)).toMatchObject({
      status: "pending",
      attemptCount: 2,
      responseStatus: 302,
      error: "Redirect (HTTP 302 to https://elsewhere.test/) not followed",
      nextAttemptAt: new Date(now + WEBHOOK_RETRY_DELAYS_MS[1]!),
    });

    advance(WEBHOOK_RETRY_DELAYS_MS[1]!);
    expect(await drain()).toMatchObject({ claimed: 1 });
    expect(await reload(delivery!)).toMatchObject({
      status: "succeeded",
      attemptCount: 3,
      responseStatus: 200,
      error: null,
      nextAttemptAt: null,
      deliveredAt: new Date(now),
    });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["portico-event-id"])).size).toBe(1);
    expect(await db.em().count(Job, { name: "webhook.deliver", status: "completed" })).toBe(3);
  });

  it("gives up as `failed` after the last attempt, about three days after the first", async () => {
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total / 3_600_000).toBeGreaterThan(70);
    expect(total / 3_600_000).toBeLessThan(74);
    await endpoint(["customer.updated"]);
    const created = await customer();
    receiver.answer(...Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, () => ({ status: 503 })));
    await rename(created.publicId, "Pied Piper");
    await drain();
    for (const delay of WEBHOOK_RETRY_DELAYS_MS) {
      advance(delay);
      expect(await drain()).toMatchObject({ claimed: 1, completed: 1 });
    }
    const [delivery] = await deliveries();
    expect(await reload(delivery!)).toMatchObject({
      status: "failed",
      attemptCount: WEBHOOK_MAX_ATTEMPTS,
      responseStatus: 503,
      nextAttemptAt: null,
    });
    expect(receiver.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    advance(total);
    expect(await drain()).toMatchObject({ claimed: 0 });

    // A resend makes one more attempt now, with the same event.
    receiver.answer({ status: 204 });
    await resendWebhookDelivery(db.em(), clock, actor, delivery!.publicId);
    expect(await drain()).toMatchObject({ claimed: 1 });
    expect(await reload(delivery!)).toMatchObject({
      status: "succeeded",
      attemptCount: WEBHOOK_MAX_ATTEMPTS + 1,
      responseStatus: 204,
    });
    expect(receiver.received.at(-1)!.headers["portico-event-id"]).toBe(delivery!.eventId);
  });

  it("records a receiver that never answers as a timeout, and retries it", async () => {
    await endpoint(["customer.updated"]);
    const created = await customer();
    receiver.answer("hang");
    await rename(created.publicId, "Umbrella");
    await drain();
    const [delivery] = await deliveries();
    const row = await reload(delivery!);
    expect(row).toMatchObject({
      status: "pending",
      attemptCount: 1,
      responseStatus: null,
      responseBody: null,
      error: `Timed out after ${TIMEOUT_MS} ms`,
    });
    expect(row.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(row.nextAttemptAt).toEqual(new Date(now + WEBHOOK_RETRY_DELAYS_MS[0]!));
  });

  it("writes no delivery when the business transaction rolls back", async () => {
    await endpoint(["*"]);
    const created = await customer();
    const before = await db.em().count(WebhookDelivery, {});
    const failed = await db
      .em()
      .transactional(async (tx) => {
        await updateCustomer(tx, clock, actor, { customer: created.publicId, name: "Never" });
        await tx.flush();
        throw new Error("a later step failed");
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(await db.em().count(WebhookDelivery, {})).toBe(before);
    expect((await db.em().findOneOrFail(Customer, created.id)).name).not.toBe("Never");
    await drain();
    expect(receiver.received.map((r) => r.headers["portico-event-type"])).toEqual(["customer.created"]);
  });

  it("marks a delivery whose endpoint was disabled meanwhile `failed`, unsent", async () => {
    const hook = await endpoint(["customer.updated"]);
    const created = await customer();
    await rename(created.publicId, "Soylent");
    await updateWebhookEndpoint(db.em(), clock, actor, { endpoint: hook.publicId, active: false }, insecure);
    await drain();
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveries();
    expect(await reload(delivery!)).toMatchObject({
      status: "failed",
      attemptCount: 0,
      error: "Not sent: the endpoint is disabled.",
    });
    // Nothing more is queued for a disabled endpoint.
    await rename(created.publicId, "Soylent Green");
    expect(await deliveries()).toHaveLength(1);
  });

  it("refuses loopback targets when insecure targets are not allowed (production), without connecting", async () => {
    // Saved while allowed (local development), delivered by a strict worker.
    await endpoint(["customer.updated"]);
    const created = await customer();
    await rename(created.publicId, "Cyberdyne");
    await drain({ allowInsecure: false, timeoutMs: TIMEOUT_MS });
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveries();
    expect(await reload(delivery!)).toMatchObject({
      status: "pending",
      attemptCount: 1,
      responseStatus: null,
      error: "Refused: the URL must use https",
    });

    const strict = { allowInsecure: false };
    await expect(
      createWebhookEndpoint(
        db.em(),
        clock,
        actor,
        { url: "https://127.0.0.1:9/hooks", events: ["*"] },
        strict,
      ),
    ).rejects.toMatchObject({ reason: "WEBHOOK_URL_NOT_ALLOWED" });
    await expect(
      createWebhookEndpoint(db.em(), clock, actor, { url: `${receiver.url}/hooks`, events: ["*"] }, strict),
    ).rejects.toMatchObject({ reason: "WEBHOOK_URL_NOT_ALLOWED" });
  });

  it("sends invoice.finalized, invoice.paid and invoice.voided with the invoice summary", async () => {
    await endpoint(["invoice.finalized", "invoice.paid", "invoice.voided"]);
    const owner = await customer();
    const issue = (amount: number) =>
      db.orm.em.fork().transactional(async (em) => {
        const c = await em.findOneOrFail(Customer, owner.id);
        const draft = await createDraftInvoice(em, clock, {
          customer: c,
          currency: "EUR",
          lines: [{ type: "subscription", description: "Pro plan", amount }],
        });
        await em.flush();
        return finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR });
      });
    const open = await issue(12_00);
    const free = await issue(0);
    await db.orm.em.fork().transactional(async (em) => {
      const invoice = await em.findOneOrFail(Invoice, open.id);
      await voidInvoice(em, clock, invoice, SYSTEM_ACTOR);
    });
    await drain();
    const events = receiver.received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => [e.type, e.data.object.id, e.data.object.status])).toEqual([
      ["invoice.finalized", open.publicId, "open"],
      ["invoice.finalized", free.publicId, "paid"],
      ["invoice.paid", free.publicId, "paid"],
      ["invoice.voided", open.publicId, "void"],
    ]);
    expect(events[0].data.object).toMatchObject({
      customer: owner.publicId,
      number: open.number,
      total: 12_00,
      amountDue: 12_00,
      currency: "EUR",
    });
  });
});
