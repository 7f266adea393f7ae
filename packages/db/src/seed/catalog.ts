import {
  Coupon,
  Meter,
  Price,
  Product,
  TaxRate,
  type ICoupon,
  type IMeter,
  type IPrice,
  type IProduct,
  type ITaxRate,
  type PriceTier,
} from "../entities/index.js";
import { stamps, type SeedContext } from "./context.js";

/** What Acme Cloud sells: two plans (flat and per seat), metered API usage, a coupon, a tax rate. */
export interface DemoCatalog {
  products: { starter: IProduct; team: IProduct; api: IProduct };
  prices: {
    starterMonthly: IPrice;
    starterYearly: IPrice;
    teamMonthly: IPrice;
    teamYearly: IPrice;
    apiRequests: IPrice;
  };
  meter: IMeter;
  coupons: { welcome: ICoupon; retention: ICoupon };
  /** New York City sales tax, charged to the customers billed in NY. */
  nySalesTax: ITaxRate;
}

/**
 * API requests, billed monthly in arrears from the `api_requests` meter: the first 100 000
 * are included, then $0.40 per 1 000 up to a million, then $0.25 per 1 000.
 */
export const API_REQUEST_TIERS: PriceTier[] = [
  { upTo: 100_000, unitAmount: 0, flatAmount: 0 },
  { upTo: 1_000_000, unitAmount: 0, unitAmountDecimal: "0.04", flatAmount: 0 },
  { upTo: null, unitAmount: 0, unitAmountDecimal: "0.025", flatAmount: 0 },
];

export function createCatalog(ctx: SeedContext): DemoCatalog {
  const { em, merchant } = ctx;
  const at = stamps(ctx.merchant.createdAt);
  const product = (name: string, description: string, unitLabel: string | null) =>
    em.create(Product, { merchant, name, description, unitLabel, ...at });

  const starter = product(
    "Starter",
    "Everything a small team needs to get going: 3 projects, email support.",
    null,
  );
  const team = product("Team", "Unlimited projects, SSO and priority support, billed per seat.", "seat");
  const api = product(
    "API requests",
    "Calls to the Acme Cloud API beyond the included 100,000 a month.",
    "request",
  );

  const meter = em.create(Meter, {
    merchant,
    eventName: "api_requests",
    displayName: "API requests",
    aggregation: "sum",
    valueProperty: null,
    unitLabel: "requests",
    ...at,
  });

  const price = (input: {
    product: IProduct;
    type: "flat" | "per_seat" | "metered";
    unitAmount: number | null;
    interval: "month" | "year";
    lookupKey: string;
    nickname: string;
    trialDays?: number;
  }) =>
    em.create(Price, {
      merchant,
      product: input.product,
      currency: "USD",
      type: input.type,
      unitAmount: input.unitAmount,
      interval: input.interval,
      intervalCount: 1,
      lookupKey: input.lookupKey,
      nickname: input.nickname,
      trialDays: input.trialDays ?? null,
      ...at,
    });

  const prices = {
    starterMonthly: price({
      product: starter,
      type: "flat",
      unitAmount: 19_00,
      interval: "month",
      lookupKey: "starter_monthly",
      nickname: "Starter monthly",
      trialDays: 14,
    }),
    starterYearly: price({
      product: starter,
      type: "flat",
      unitAmount: 190_00,
      interval: "year",
      lookupKey: "starter_yearly",
      nickname: "Starter yearly (2 months free)",
    }),
    teamMonthly: price({
      product: team,
      type: "per_seat",
      unitAmount: 12_00,
      interval: "month",
      lookupKey: "team_monthly",
      nickname: "Team monthly, per seat",
    }),
    teamYearly: price({
      product: team,
      type: "per_seat",
      unitAmount: 120_00,
      interval: "year",
      lookupKey: "team_yearly",
      nickname: "Team yearly, per seat",
    }),
    apiRequests: em.create(Price, {
      merchant,
      product: api,
      currency: "USD",
      type: "metered",
      unitAmount: null,
      interval: "month",
      intervalCount: 1,
      tiersMode: "graduated",
      tiers: API_REQUEST_TIERS,
      meter,
      lookupKey: "api_requests_monthly",
      nickname: "API requests, graduated",
      ...at,
    }),
  };

  const coupons = {
    welcome: em.create(Coupon, {
      merchant,
      code: "WELCOME20",
      name: "20% off the first invoice",
      percentOffBps: 20_00,
      duration: "once",
      timesRedeemed: 0,
      ...at,
    }),
    retention: em.create(Coupon, {
      merchant,
      code: "STAY30",
      name: "30% off for 3 months",
      percentOffBps: 30_00,
      duration: "repeating",
      durationInMonths: 3,
      timesRedeemed: 0,
      ...at,
    }),
  };

  const nySalesTax = em.create(TaxRate, {
    merchant,
    displayName: "Sales tax",
    description: "New York City combined sales tax",
    ratePpm: 88_750,
    inclusive: false,
    country: "US",
    state: "NY",
    ...at,
  });

  return { products: { starter, team, api }, prices, meter, coupons, nySalesTax };
}
