import { createApiKey } from "@portico/auth";
import {
  coreJobHandlers,
  createMailer,
  drainJobs,
  verifyWebhookSignature,
  WEBHOOK_EVENT_TYPES,
  type Clock,
  type WebhookTargetPolicy,
} from "@portico/core";
import { startWebhookReceiver, type WebhookReceiver } from "@portico/core/testing/webhook-receiver";
import { AuditEvent, Merchant, WebhookDelivery, WebhookEndpoint } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { WEBHOOK_EVENT_TYPE_VALUES } from "@portico/validators";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "../../root.js";
import { failure } from "../../test/failure.js";
import { createContextInner } from "../../trpc.js";

const insecure: WebhookTargetPolicy = { allowInsecure: true };

describe("integration.webhookEndpoints", () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let now = new Date("2026-04-01T09:00:00Z");
  const clock: Clock = { now: () => new Date(now) };
  const tick = (ms = 1000) => (now = new Date(now.getTime() + ms));

  /** A merchant backend's caller; `webhookTargets` as the server's WEBHOOK_ALLOW_INSECURE sets it. */
  type Api = (targets?: WebhookTargetPolicy) => ReturnType<typeof createCaller>;
  let a: Api;
  let b: Api;
  let merchantA: number;
  let seq = 0;

  const mailer = createMailer({ from: "Portico <no-reply@localhost>", log: () => {} });
  const drain = () =>
    drainJobs(db.orm, {
      clock,
      handlers: coreJobHandlers({ mailer, webhooks: { ...insecure, timeoutMs: 2000 } }),
    });
  const endpointCount = () => db.em().count(WebhookEndpoint, {});

  async function tenant(slug: string): Promise<{ id: number; api: Api }> {
    const em = db.em();
    const merchant = em.create(Merchant, { slug, name: slug, defaultCurrency: "EUR" });
    await em.flush();
    const { key } = await createApiKey(db.em(), clock, {
      merchantId: merchant.id,
      name: "tests",
      mode: "test",
    });
    return {
      id: merchant.id,
      api: (webhookTargets = insecure) =>
        createCaller(
          createContextInner({
            orm: db.orm,
            clock,
            webhookTargets,
            req: { authorization: `Bearer ${key}`, ip: "203.0.113.7" },
          }),
        ),
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });
  // Two new merchants per test: only the test's own endpoints hear its events.
  beforeEach(async () => {
    tick(60_000);
    receiver.received.length = 0;
    ({ api: a, id: merchantA } = await tenant(`alpha-${++seq}`));
    ({ api: b } = await tenant(`beta-${seq}`));
  });

  it("creates an endpoint and shows its secret this once", async () => {
    const created = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/alpha`,
      events: ["invoice.paid", "customer.updated", "invoice.paid"],
      description: "  Billing sync ",
      metadata: { team: "billing" },
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^we_[a-z2-7]{24}$/),
      url: `${receiver.url}/alpha`,
      description: "Billing sync",
      // Catalogue order, without duplicates.
      events: ["customer.updated", "invoice.paid"],
      active: true,
      metadata: { team: "billing" },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{32}$/),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const { secret, ...shown } = created;
    expect(await a().integration.webhookEndpoints.get({ endpoint: created.id })).toEqual(shown);
    const listed = await a().integration.webhookEndpoints.list({});
    expect(listed.data).toEqual([shown]);

    const audit = await db
      .em()
      .findOneOrFail(AuditEvent, { action: "WebhookEndpoint.Created", targetId: created.id });
    expect(audit).toMatchObject({ actorType: "api_key", ip: "203.0.113.7" });
    expect(audit.merchant?.id).toBe(merchantA);
    expect(JSON.stringify(audit.data)).not.toContain(secret);

    const all = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/all`,
      events: ["customer.created", "*"],
    });
    expect(all.events).toEqual(["*"]);
  });

  it("refuses bad input and writes nothing", async () => {
    const before = await endpointCount();
    const create = (input: { url: string; events: string[] }, targets?: WebhookTargetPolicy) =>
      failure(a(targets).integration.webhookEndpoints.create(input as never));
    // The production policy: public https only.
    const strict = { allowInsecure: false };
    expect(await create({ url: `${receiver.url}/x`, events: ["*"] }, strict)).toBe(
      "BAD_REQUEST WEBHOOK_URL_NOT_ALLOWED",
    );
    expect(await create({ url: "https://127.0.0.1/x", events: ["*"] }, strict)).toBe(
      "BAD_REQUEST WEBHOOK_URL_NOT_ALLOWED",
    );
    expect(await create({ url: "https://user:pw@hooks.example.com/x", events: ["*"] })).toBe(
      "BAD_REQUEST WEBHOOK_URL_INVALID",
    );
    expect(await create({ url: "ftp://hooks.example.com/x", events: ["*"] })).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await create({ url: "https://hooks.example.com/x", events: ["customer.exploded"] })).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await create({ url: "https://hooks.example.com/x", events: [] })).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await endpointCount()).toBe(before);

    const first = await a().integration.webhookEndpoints.create({
      url: "https://hooks.example.com/x",
      events: ["*"],
    });
    expect(
      await failure(
        a(strict).integration.webhookEndpoints.update({
          endpoint: first.id,
          url: "http://hooks.example.com/",
        }),
      ),
    ).toBe("BAD_REQUEST WEBHOOK_URL_NOT_ALLOWED");
    const { secret: _secret, ...shown } = first;
    expect(await a().integration.webhookEndpoints.get({ endpoint: first.id })).toEqual(shown);
  });

  it("updates url, events, description, state and metadata", async () => {
    const created = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/old`,
      events: ["invoice.paid"],
      description: "Old",
      metadata: { keep: "1", drop: "2" },
    });
    tick();
    const updated = await a().integration.webhookEndpoints.update({
      endpoint: created.id,
      url: `${receiver.url}/new`,
      events: ["customer.updated"],
      description: null,
      active: false,
      metadata: { drop: null, add: "3" },
    });
    expect(updated).toMatchObject({
      id: created.id,
      url: `${receiver.url}/new`,
      events: ["customer.updated"],
      description: null,
      active: false,
      metadata: { keep: "1", add: "3" },
    });
    expect(updated).not.toHaveProperty("secret");
    expect(await a().integration.webhookEndpoints.get({ endpoint: created.id })).toEqual(updated);
  });

  it("lists endpoints newest first, a keyset page at a time", async () => {
    for (const path of ["/one", "/two", "/three"]) {
      tick();
      await a().integration.webhookEndpoints.create({ url: `${receiver.url}${path}`, events: ["*"] });
    }
    const all = (await a().integration.webhookEndpoints.list({ limit: 100 })).data;
    expect(all.map((e) => e.url)).toEqual(["/three", "/two", "/one"].map((path) => `${receiver.url}${path}`));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await a().integration.webhookEndpoints.list({
        limit: 1,
        ...(cursor ? { startingAfter: cursor } : {}),
      });
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      expect(page.hasMore).toBe(cursor !== undefined);
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    const created = all.map((e) => e.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it("logs each delivery with its answer, pages the log, and resends one", async () => {
    const hook = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/log`,
      events: ["customer.updated"],
    });
    const customer = await a().integration.customers.create({ name: "Northwind" });
    for (const name of ["Northwind A", "Northwind B", "Northwind C"]) {
      tick();
      await a().integration.customers.update({ customer: customer.id, name });
    }
    receiver.answer({ status: 500, body: "down for maintenance" });
    let log = await a().integration.webhookEndpoints.deliveries({ endpoint: hook.id });
    expect(log.data.map((d) => d.status)).toEqual(["pending", "pending", "pending"]);

    await drain();
    const toLog = receiver.received.filter((r) => r.path === "/log");
    expect(toLog).toHaveLength(3);
    for (const request of toLog) {
      expect(
        verifyWebhookSignature(String(request.headers["portico-signature"]), request.body, hook.secret, {
          now,
        }).valid,
      ).toBe(true);
    }

    log = await a().integration.webhookEndpoints.deliveries({ endpoint: hook.id, limit: 2 });
    expect(log.hasMore).toBe(true);
    const rest = await a().integration.webhookEndpoints.deliveries({
      endpoint: hook.id,
      startingAfter: log.nextCursor!,
    });
    const entries = [...log.data, ...rest.data];
    expect(entries.map((d) => (d.event.data as { object: { name: string } }).object.name)).toEqual([
      "Northwind C",
      "Northwind B",
      "Northwind A",
    ]);
    // The first event sent got the 500.
    const failed = entries[2]!;
    expect(failed).toMatchObject({
      endpoint: hook.id,
      eventType: "customer.updated",
      eventId: expect.stringMatching(/^whevt_/),
      status: "pending",
      attemptCount: 1,
      responseStatus: 500,
      responseBody: "down for maintenance",
      error: "Answered HTTP 500",
      nextAttemptAt: new Date(now.getTime() + 60_000).toISOString(),
      deliveredAt: null,
    });
    expect(entries.slice(0, 2).map((d) => [d.status, d.responseStatus])).toEqual([
      ["succeeded", 200],
      ["succeeded", 200],
    ]);
    expect(
      (await a().integration.webhookEndpoints.deliveries({ endpoint: hook.id, status: "pending" })).data,
    ).toEqual([failed]);

    const resent = await a().integration.webhookEndpoints.resend({ delivery: failed.id });
    expect(resent).toMatchObject({ id: failed.id, status: "pending", nextAttemptAt: now.toISOString() });
    receiver.received.length = 0;
    await drain();
    expect(receiver.received.map((r) => r.headers["portico-event-id"])).toEqual([failed.eventId]);
    const after = await a().integration.webhookEndpoints.deliveries({
      endpoint: hook.id,
      status: "succeeded",
    });
    expect(after.data.find((d) => d.id === failed.id)).toMatchObject({
      attemptCount: 2,
      responseStatus: 200,
    });
  });

  it("rotates the secret: attempts from then on are signed with the new one only", async () => {
    const hook = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/rotate`,
      events: ["customer.updated"],
    });
    const rotated = await a().integration.webhookEndpoints.rotateSecret({ endpoint: hook.id });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    const customer = await a().integration.customers.create({ name: "Contoso" });
    await a().integration.customers.update({ customer: customer.id, name: "Contoso Ltd" });
    await drain();
    const [request] = receiver.received.filter((r) => r.path === "/rotate");
    const header = String(request!.headers["portico-signature"]);
    expect(verifyWebhookSignature(header, request!.body, rotated.secret, { now }).valid).toBe(true);
    expect(verifyWebhookSignature(header, request!.body, hook.secret, { now }).valid).toBe(false);
    expect(
      await db.em().count(AuditEvent, { action: "WebhookEndpoint.SecretRotated", targetId: hook.id }),
    ).toBe(1);
  });

  it("keeps merchants apart: another merchant's endpoints and deliveries do not exist for them", async () => {
    const hook = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/private`,
      events: ["*"],
    });
    const customer = await a().integration.customers.create({ name: "Alpha's" });
    await drain();
    const [delivery] = (await a().integration.webhookEndpoints.deliveries({ endpoint: hook.id })).data;
    const notFound = "NOT_FOUND WEBHOOK_ENDPOINT_NOT_FOUND";
    const other = b().integration.webhookEndpoints;
    expect(await failure(other.get({ endpoint: hook.id }))).toBe(notFound);
    expect(await failure(other.update({ endpoint: hook.id, active: false }))).toBe(notFound);
    expect(await failure(other.rotateSecret({ endpoint: hook.id }))).toBe(notFound);
    expect(await failure(other.deliveries({ endpoint: hook.id }))).toBe(notFound);
    expect(await failure(other.delete({ endpoint: hook.id }))).toBe(notFound);
    expect(await failure(other.resend({ delivery: delivery!.id }))).toBe(
      "NOT_FOUND WEBHOOK_DELIVERY_NOT_FOUND",
    );
    expect(await failure(other.list({ startingAfter: hook.id }))).toBe("BAD_REQUEST INVALID_CURSOR");
    expect((await other.list({})).data).toEqual([]);
    expect(await a().integration.webhookEndpoints.get({ endpoint: hook.id })).toMatchObject({ active: true });

    // B's own endpoint hears B's events only, A's hears none of B's.
    const own = await other.create({ url: `${receiver.url}/beta`, events: ["*"] });
    receiver.received.length = 0;
    await b().integration.customers.create({ name: "Beta's" });
    await a().integration.customers.update({ customer: customer.id, name: "Alpha's renamed" });
    await drain();
    const eventsAt = (path: string) =>
      receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body).data.object.name);
    expect(eventsAt("/beta")).toEqual(["Beta's"]);
    expect(eventsAt("/private")).toEqual(["Alpha's renamed"]);
    await other.delete({ endpoint: own.id });
  });

  it("deletes an endpoint with its delivery log", async () => {
    const hook = await a().integration.webhookEndpoints.create({
      url: `${receiver.url}/gone`,
      events: ["*"],
    });
    await a().integration.customers.create({ name: "Soon gone" });
    expect(await db.em().count(WebhookDelivery, { endpoint: { publicId: hook.id } })).toBe(1);
    expect(await a().integration.webhookEndpoints.delete({ endpoint: hook.id })).toEqual({
      id: hook.id,
      deleted: true,
    });
    expect(await failure(a().integration.webhookEndpoints.get({ endpoint: hook.id }))).toBe(
      "NOT_FOUND WEBHOOK_ENDPOINT_NOT_FOUND",
    );
    expect(await db.em().count(WebhookDelivery, { endpoint: { publicId: hook.id } })).toBe(0);
    // Its queued job finds nothing to send.
    await drain();
    expect(receiver.received.filter((r) => r.path === "/gone")).toHaveLength(0);
  });

  it("validates event types against core's catalogue", () => {
    expect([...WEBHOOK_EVENT_TYPE_VALUES]).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
