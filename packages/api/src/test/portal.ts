import { createApiKey, type SecretKeyring } from "@portico/auth";
import { createDraftInvoice, finalizeInvoice, SYSTEM_ACTOR, type Clock } from "@portico/core";
import { Customer, defaultPortalFeatures, PortalConfiguration, type PortalFeatures } from "@portico/db";
import type { TestDatabase } from "@portico/db/testing";
import type { TCreateCustomerTokenInput } from "@portico/validators";
import { memoryCookies, type MemoryCookies } from "../cookies.js";
import { createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";

/** The portal's origin in the portal tests, the only one the server allows. */
export const PORTAL_ORIGIN = "https://billing.acme.test";

type Caller = ReturnType<typeof createCaller>;
type Portal = Caller["portal"];

export interface PortalServer {
  clock: Clock;
  /** The server's secret keys (signed download links); null is a server without them, omitted the default. */
  secretKeys?: SecretKeyring | null;
}

export interface PortalRequest {
  /** An `Authorization` header: the merchant's API key or a customer token. */
  authorization?: string;
  /** The browser's cookies; a new, empty jar when omitted. */
  cookies?: MemoryCookies;
}

/** One request from a browser on the portal's origin. */
export function portalCaller(db: TestDatabase, server: PortalServer, request: PortalRequest = {}): Caller {
  return createCaller(
    createContextInner({
      orm: db.orm,
      clock: server.clock,
      cookies: request.cookies ?? memoryCookies(),
      allowedOrigins: [PORTAL_ORIGIN],
      ...(server.secretKeys === undefined ? {} : { auth: { secretKeys: server.secretKeys } }),
      req: {
        origin: PORTAL_ORIGIN,
        authorization: request.authorization ?? null,
        ip: "198.51.100.7",
        userAgent: "vitest",
      },
    }),
  );
}

/** A merchant with a test API key, and the ways a portal test reaches its customers' portal. */
export interface PortalMerchant {
  apiKey: string;
  /** A request from the portal's origin. */
  caller(request?: PortalRequest): Caller;
  /** The merchant's backend, calling with its API key. */
  integration(): Caller["integration"];
  /** The cookies of a browser that redeemed a portal link for `customer`, made with `configuration` if given. */
  linkSession(customer: string, configuration?: string): Promise<MemoryCookies>;
  /** The portal of such a browser: no login user, the account acts. */
  viaLink(customer: string, configuration?: string): Promise<Portal>;
  /** The portal of a browser signed in with a login user's password. */
  asUser(email: string, password: string): Promise<Portal>;
  /** The portal as a new ten-minute customer token with `scopes` reaches it. */
  withToken(customer: string, scopes: TCreateCustomerTokenInput["scopes"]): Promise<Portal>;
  /** A new portal configuration (`bpc_…`) of the merchant: the defaults with `features` replaced. */
  configuration(features: Partial<PortalFeatures>, name?: string): Promise<string>;
}

/** Gives `merchantId` a test API key; its callers run on `server`. */
export async function portalMerchant(
  db: TestDatabase,
  server: PortalServer & { merchantId: number },
): Promise<PortalMerchant> {
  const { merchantId, clock } = server;
  const { key } = await createApiKey(db.em(), clock, { merchantId, name: "Backend", mode: "test" });
  const caller = (request?: PortalRequest) => portalCaller(db, server, request);
  const integration = () => caller({ authorization: `Bearer ${key}` }).integration;
  const linkSession = async (customer: string, configuration?: string) => {
    const { url } = await integration().portalSessions.create({ customer, configuration });
    const cookies = memoryCookies();
    // The link's secret is the last segment of its URL.
    await caller({ cookies }).auth.portal.redeemLink({ secret: url.split("/").pop()! });
    return cookies;
  };
  return {
    apiKey: key,
    caller,
    integration,
    linkSession,
    viaLink: async (customer, configuration) =>
      caller({ cookies: await linkSession(customer, configuration) }).portal,
    asUser: async (email, password) => {
      const cookies = memoryCookies();
      await caller({ cookies }).auth.portal.login({ email, password });
      return caller({ cookies }).portal;
    },
    withToken: async (customer, scopes) => {
      const { token } = await integration().customerTokens.create({ customer, scopes, expiresIn: 600 });
      return caller({ authorization: `Bearer ${token}` }).portal;
    },
    configuration: async (features, name = "Custom") => {
      const em = db.em();
      const row = em.create(PortalConfiguration, {
        merchant: merchantId,
        name,
        features: { ...defaultPortalFeatures(), ...features },
      });
      await em.flush();
      return row.publicId;
    },
  };
}

/**
 * A one-off "Consulting" invoice in euros of `customer` (`cus_…`), to pay by transfer (`send_invoice`),
 * issued on `issuedBy`'s date: due `daysUntilDue` days later, or left a draft (no number) when that is null.
 */
export function consultingInvoice(
  db: TestDatabase,
  input: { customer: string; amount: number; issuedBy: Clock; daysUntilDue: number | null },
): Promise<{ id: string; number: string | null }> {
  const { customer, amount, issuedBy, daysUntilDue } = input;
  return db.orm.em.fork().transactional(async (tx) => {
    const draft = await createDraftInvoice(tx, issuedBy, {
      customer: await tx.findOneOrFail(Customer, { publicId: customer }),
      currency: "EUR",
      collectionMethod: "send_invoice",
      lines: [{ type: "one_off", description: "Consulting", amount }],
      taxRate: null,
    });
    await tx.flush();
    if (daysUntilDue === null) return { id: draft.publicId, number: null };
    const open = await finalizeInvoice(tx, issuedBy, draft, { actor: SYSTEM_ACTOR, daysUntilDue });
    return { id: open.publicId, number: open.number ?? null };
  });
}
