import { hasScope, isCustomerTokenScope, type CustomerTokenScope } from "@portico/auth";
import { AppError, findDefaultPortalConfiguration } from "@portico/core";
import {
  CustomerUser,
  defaultPortalFeatures,
  PortalConfiguration,
  PortalSession,
  type CustomerUserRole,
  type EntityManager,
  type PortalFeatures,
} from "@portico/db";
import { sessionFromCookie } from "../session-cookies.js";
import { publicProcedure, type Context } from "../trpc.js";
import { customerTokenFromContext } from "./customer-token.js";

/**
 * Whose data a portal call may touch. Numeric keys stay on the server; every core read
 * takes this scope, so there is no path to another customer's rows.
 */
export interface CustomerScope {
  merchantId: number;
  customerId: number;
  /** Null when no login user acts (a redeemed portal link, a customer token). */
  customerUserId: number | null;
  /** That user's public id (`cu_…`), how the audit trail names them. */
  customerUserPublicId: string | null;
  role: CustomerUserRole;
  /** The AuthSession row behind the call; null for a bearer token. */
  sessionId: string | null;
  /** A customer token's scopes; null for cookie sessions, which scopes do not limit. */
  tokenScopes: readonly CustomerTokenScope[] | null;
  /**
   * What a `member` login user was granted (their `permissions`, plus `customer:read`: the
   * account itself); null for admins and portal links, which act for the whole account.
   */
  memberGrants: readonly CustomerTokenScope[] | null;
  /** The PortalConfiguration a redeemed portal link chose; null uses the merchant's default. */
  configurationId: number | null;
}

/** What the session's PortalConfiguration lets the customer see and do. */
export interface PortalContext {
  features: PortalFeatures;
}

/** One way of turning a request into a customer scope; null when it does not apply. */
export type CustomerScopeResolver = (ctx: Context) => Promise<CustomerScope | null>;

const sessionRequired = () =>
  new AppError("UNAUTHORIZED", "SESSION_REQUIRED", "Sign in to the customer portal first.");

/**
 * A `Bearer cst_…` customer token → scope; null without one, UNAUTHORIZED for a bad one.
 * A token has no login user: what it may do is its `tokenScopes`, never its role.
 */
export const resolveCustomerTokenScope: CustomerScopeResolver = async (ctx) => {
  const token = await customerTokenFromContext(ctx);
  if (!token) return null;
  return {
    merchantId: token.merchantId,
    customerId: token.customerId,
    customerUserId: null,
    customerUserPublicId: null,
    role: "member",
    sessionId: null,
    tokenScopes: token.scopes,
    memberGrants: null,
    configurationId: null,
  };
};

/** The portal session cookie → scope. Sessions that still owe MFA are refused. */
export const resolveSessionScope: CustomerScopeResolver = async (ctx) => {
  const session = await sessionFromCookie(ctx, "portal");
  if (!session?.customer) return null;
  if (!session.mfaVerified)
    throw new AppError("FORBIDDEN", "MFA_REQUIRED", "Complete the second factor first.");
  let role: CustomerUserRole = "admin"; // a portal link acts for the whole account, as Stripe's
  let customerUserPublicId: string | null = null;
  let memberGrants: CustomerTokenScope[] | null = null;
  if (session.customerUser) {
    const user = await ctx.em.findOne(CustomerUser, { id: session.customerUser.id, disabledAt: null });
    if (!user || user.customer.id !== session.customer.id) return null;
    role = user.role;
    customerUserPublicId = user.publicId;
    if (role === "member") memberGrants = ["customer:read", ...user.permissions.filter(isCustomerTokenScope)];
  }
  return {
    merchantId: session.merchant.id,
    customerId: session.customer.id,
    customerUserId: session.customerUser?.id ?? null,
    customerUserPublicId,
    role,
    sessionId: session.id,
    tokenScopes: null,
    memberGrants,
    configurationId: session.portalSession
      ? await linkConfigurationId(ctx.em, session.portalSession.id)
      : null,
  };
};

async function linkConfigurationId(em: EntityManager, portalSessionId: number): Promise<number | null> {
  const link = await em.findOne(PortalSession, portalSessionId, { fields: ["configuration"] });
  return link?.configuration?.id ?? null;
}

/**
 * The features of the scope's configuration: the link's own, else the merchant's active
 * default, else the built-in defaults. Features a stored configuration predates keep their
 * default, so adding a feature never breaks an older row.
 */
export async function loadPortalFeatures(em: EntityManager, scope: CustomerScope): Promise<PortalFeatures> {
  const configuration =
    scope.configurationId === null
      ? await findDefaultPortalConfiguration(em, scope.merchantId)
      : await em.findOne(PortalConfiguration, { id: scope.configurationId, merchant: scope.merchantId });
  return { ...defaultPortalFeatures(), ...configuration?.features };
}

/** FORBIDDEN `FEATURE_DISABLED` when the procedure's feature is off in the configuration. */
export function assertFeatureEnabled(
  features: PortalFeatures,
  feature: keyof PortalFeatures | undefined,
): void {
  if (feature === undefined || features[feature].enabled) return;
  throw new AppError("FORBIDDEN", "FEATURE_DISABLED", "This part of the portal is turned off.", {
    details: { feature },
  });
}

/**
 * EXTENSION POINT: the credentials the portal accepts, tried in order; the first that
 * applies wins. An explicit bearer token comes before the ambient cookie, so an embed
 * holding a scoped token never acts with the browser's full session.
 */
export const customerScopeResolvers: CustomerScopeResolver[] = [
  resolveCustomerTokenScope,
  resolveSessionScope,
];

export async function resolveCustomerScope(ctx: Context): Promise<CustomerScope | null> {
  for (const resolve of customerScopeResolvers) {
    const scope = await resolve(ctx);
    if (scope) return scope;
  }
  return null;
}

/**
 * Whether the caller may do what `required` names: a token by its scopes (write implies
 * read), a member by their grants; admins and portal links always.
 */
export function scopeAllows(scope: CustomerScope, required: CustomerTokenScope): boolean {
  if (scope.tokenScopes !== null && !hasScope(scope.tokenScopes, required)) return false;
  return scope.memberGrants === null || hasScope(scope.memberGrants, required);
}

/**
 * FORBIDDEN `SCOPE_MISSING` when a token-based scope does not grant `required`, or when the
 * procedure declared no scope at all: tokens are deny-by-default. FORBIDDEN
 * `PERMISSION_MISSING` when a member's grants do not; a procedure that declares no scope is
 * about the user's own login (MFA, sessions) and stays open to them.
 */
export function assertScopeAllows(scope: CustomerScope, required: CustomerTokenScope | undefined): void {
  if (scope.tokenScopes !== null && !(required && hasScope(scope.tokenScopes, required))) {
    throw new AppError(
      "FORBIDDEN",
      "SCOPE_MISSING",
      required
        ? `This customer token lacks the ${required} scope.`
        : "Customer tokens cannot reach this procedure.",
      { details: { required: required ?? null } },
    );
  }
  if (required && scope.memberGrants !== null && !hasScope(scope.memberGrants, required)) {
    throw new AppError("FORBIDDEN", "PERMISSION_MISSING", `Your role does not include ${required}.`, {
      details: { required },
    });
  }
}

/**
 * Portal procedures: a signed-in customer (non-null `ctx.scope`) or UNAUTHORIZED. Declare
 * what a customer token needs with `.meta({ scope: "invoices:read" })`; a procedure that
 * declares nothing is closed to tokens. Declare the portal feature it belongs to with
 * `.meta({ feature: "invoiceHistory" })`; `ctx.portal.features` holds the configuration's
 * sub-settings (partialPayments.minimumAmount, customerUpdate.allowedFields…).
 */
export const customerProcedure = publicProcedure.use(async ({ ctx, meta, next }) => {
  const scope = await resolveCustomerScope(ctx);
  if (!scope) throw sessionRequired();
  assertScopeAllows(scope, meta?.scope);
  const portal: PortalContext = { features: await loadPortalFeatures(ctx.em, scope) };
  assertFeatureEnabled(portal.features, meta?.feature);
  return next({ ctx: { scope, portal } });
});
