import type { Clock } from "@portico/core";
import type { EntityManager, IPortalSession, PortalFlow } from "@portico/db";
import { redeemPortalLink, type RedeemedPortalLink } from "./portal-links.js";
import type { RequestOrigin } from "./request-origin.js";
import { createSession, type CreatedSession } from "./session.js";
import type { AuthSettings } from "./settings.js";

export interface OpenPortalLinkSessionInput extends RequestOrigin {
  /** The secret from the link's URL (`/portal/s/<secret>`). */
  secret: string;
  settings?: AuthSettings;
}

export interface PortalLinkSession extends CreatedSession {
  link: RedeemedPortalLink;
}

/**
 * Exchanges a portal link for a customer session, once. The link's consumption, its
 * `Portal.LinkRedeemed` audit event and the session are one transaction: either the
 * caller gets a session and the link is spent, or neither. Everything runs on the
 * transaction's own EntityManager (no second connection while it is open).
 */
export async function openPortalLinkSession(
  em: EntityManager,
  clock: Clock,
  input: OpenPortalLinkSessionInput,
): Promise<PortalLinkSession> {
  const { secret, settings, ...origin } = input;
  return em.transactional(async (tx) => {
    const link = await redeemPortalLink(tx, clock, secret, origin);
    const created = await createSession(tx, clock, {
      subject: { type: "portal_link", portalSessionId: link.portalSession.id },
      merchantId: link.merchantId,
      customerId: link.customerId,
      // The link's secret is the credential; no second factor is owed.
      mfaVerified: true,
      ip: origin.ip,
      userAgent: origin.userAgent,
      settings,
    });
    return { ...created, link };
  });
}

/** What the portal's link landing needs: where to go back to, which flow, which language. */
export interface PortalLinkRedemptionDto {
  returnUrl: string | null;
  flow: PortalFlow | null;
  /** The link's locale, else the customer's; null leaves the merchant's default. */
  locale: string | null;
  customer: { id: string; name: string };
}

export function toPortalLinkRedemptionDto({ link }: PortalLinkSession): PortalLinkRedemptionDto {
  const { portalSession, customer } = link;
  return {
    returnUrl: linkReturnUrl(portalSession),
    flow: portalSession.flow ?? null,
    locale: portalSession.locale ?? customer.locale ?? null,
    customer: { id: customer.publicId, name: customer.name },
  };
}

/** The link's returnUrl, else its configuration's default (the configuration must be loaded). */
export function linkReturnUrl(portalSession: IPortalSession): string | null {
  return portalSession.returnUrl ?? portalSession.configuration?.getEntity().defaultReturnUrl ?? null;
}
