import { authenticateApiKey, readBearer, type ApiKeyAuth } from "@portico/auth";
import { AppError, type MerchantActor } from "@portico/core";
import { publicProcedure } from "../trpc.js";

/** The merchant backend behind an `integration` call, from its `sk_…` API key. */
export type IntegrationScope = ApiKeyAuth;

/**
 * Integration procedures: `Authorization: Bearer sk_test_…|sk_live_…`, or UNAUTHORIZED.
 * Sets a non-null `ctx.integration`; the merchant comes from the key, never from input.
 */
export const integrationProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const bearer = readBearer(ctx.req.authorization);
  if (!bearer) {
    throw new AppError(
      "UNAUTHORIZED",
      "API_KEY_REQUIRED",
      "Send an API key as `Authorization: Bearer sk_…`.",
    );
  }
  const integration: IntegrationScope = await authenticateApiKey(ctx.em, ctx.clock, bearer);
  return next({ ctx: { integration } });
});

/** Where a request came from, for audit events. */
export function originOf(ctx: { req: { ip: string | null; userAgent: string | null } }) {
  return { ip: ctx.req.ip, userAgent: ctx.req.userAgent };
}

/** The API key behind an integration call, as core's writes record it in the audit trail. */
export function integrationActor(ctx: {
  integration: IntegrationScope;
  req: { ip: string | null; userAgent: string | null };
}): MerchantActor {
  const { merchantId, apiKeyPublicId } = ctx.integration;
  return { merchantId, type: "api_key", id: apiKeyPublicId, ...originOf(ctx) };
}

let configuredPublicUrl = "http://localhost:3000";

/**
 * Where this Portico is reached (the server's PUBLIC_URL), for the links integration
 * procedures hand out. Set once at start by the server; the default suits development.
 */
export function setPublicUrl(url: string): void {
  configuredPublicUrl = url.replace(/\/+$/, "");
}

export function publicUrl(): string {
  return configuredPublicUrl;
}
