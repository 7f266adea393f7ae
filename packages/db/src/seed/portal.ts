import {
  CANCELLATION_FEEDBACK_REASONS,
  CancellationFeedback,
  PortalConfiguration,
  RetentionOffer,
  defaultPortalFeatures,
  type IPortalConfiguration,
  type IRetentionOffer,
  type ISubscription,
  type PortalFeatures,
} from "../entities/index.js";
import type { DemoCatalog } from "./catalog.js";
import { stamps, type SeedContext } from "./context.js";
import type { DemoCustomer } from "./customers.js";

/**
 * The merchant's default portal configuration with every feature on (so each portal screen
 * has something to show), its branding and legal links, and a retention offer.
 */
export function createPortalConfiguration(ctx: SeedContext, catalog: DemoCatalog): IPortalConfiguration {
  const { prices, products } = catalog;
  const defaults = defaultPortalFeatures();
  const features: PortalFeatures = {
    ...defaults,
    customerUpdate: {
      enabled: true,
      allowedFields: ["name", "email", "phone", "address", "taxId", "locale"],
    },
    subscriptionCancel: {
      enabled: true,
      mode: "at_period_end",
      prorationBehavior: "none",
      cancellationReasons: [...CANCELLATION_FEEDBACK_REASONS],
      retentionOffers: true,
    },
    subscriptionPause: { enabled: true, maxDays: 90 },
    subscriptionUpdate: {
      enabled: true,
      products: [
        {
          product: products.starter.publicId,
          prices: [prices.starterMonthly.publicId, prices.starterYearly.publicId],
        },
        {
          product: products.team.publicId,
          prices: [prices.teamMonthly.publicId, prices.teamYearly.publicId],
        },
      ],
      allowedUpdates: ["price", "quantity"],
      prorationBehavior: "create_prorations",
    },
    usage: { enabled: true },
    wallets: { enabled: true },
    statements: { enabled: true, formats: ["pdf", "csv", "xlsx"] },
    documents: { enabled: true },
    support: { enabled: true },
    notifications: { enabled: true },
    partialPayments: { enabled: true, minimumAmount: 5_00 },
    registration: { enabled: true },
  };
  return ctx.em.create(PortalConfiguration, {
    merchant: ctx.merchant,
    name: "Default",
    isDefault: true,
    active: true,
    features,
    branding: {
      businessName: ctx.merchant.name,
      logoUrl: null,
      iconUrl: null,
      primaryColor: "#0f766e",
      accentColor: "#f59e0b",
      headline: "Manage your Acme Cloud plan, invoices and payment methods",
      privacyPolicyUrl: "https://acme.test/legal/privacy",
      termsOfServiceUrl: "https://acme.test/legal/terms",
    },
    defaultReturnUrl: "https://acme.test/account",
    defaultLocale: "en",
    ...stamps(ctx.merchant.createdAt),
  });
}

export function createRetentionOffer(ctx: SeedContext, catalog: DemoCatalog): IRetentionOffer {
  return ctx.em.create(RetentionOffer, {
    merchant: ctx.merchant,
    name: "30% off for 3 months",
    active: true,
    coupon: catalog.coupons.retention,
    appliesToPrices: null,
    appliesToReasons: ["too_expensive", "unused", "missing_features"],
    headline: "Before you go: 30% off your next 3 months",
    body: "Stay on your current plan and we'll take 30% off your next three invoices. You can still cancel any time.",
    maxRedemptionsPerCustomer: 1,
    ...stamps(ctx.merchant.createdAt),
  });
}

/** Why Initech is leaving (offer shown, declined) and why Wayne left. */
export function createCancellationFeedback(
  ctx: SeedContext,
  offer: IRetentionOffer,
  entries: { customer: DemoCustomer; subscription: ISubscription }[],
): void {
  const details = [
    {
      reason: "too_expensive",
      comment: "Budget review: we are consolidating tools next quarter.",
      offerShown: offer,
    },
    {
      reason: "switched_service",
      comment: "Moving to our parent company's billing platform.",
      offerShown: null,
    },
  ] as const;
  entries.forEach(({ customer, subscription }, index) => {
    const detail = details[index % details.length]!;
    ctx.em.create(CancellationFeedback, {
      merchant: ctx.merchant,
      customer: customer.entity,
      subscription,
      customerUser: customer.admin,
      reason: detail.reason,
      comment: detail.comment,
      offerShown: detail.offerShown,
      offerAccepted: false,
      createdAt: subscription.canceledAt ?? ctx.now,
    });
  });
}
