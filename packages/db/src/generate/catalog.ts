/**
 * The catalog a generated merchant sells: three plans (flat monthly / yearly, per seat)
 * and two metered prices. Prices are found again by `lookupKey` when the generator
 * appends to a merchant it filled before.
 */

export const GEN_PRODUCTS = [
  { key: "starter", name: "Starter", description: "For small teams getting started." },
  { key: "pro", name: "Pro", description: "Everything in Starter, plus SSO and audit logs." },
  { key: "team", name: "Team", description: "Per-seat pricing for growing teams." },
  { key: "platform", name: "Platform usage", description: "Metered API requests and compute." },
] as const;

export type GenProductKey = (typeof GEN_PRODUCTS)[number]["key"];

export interface GenPlan {
  lookupKey: string;
  product: GenProductKey;
  nickname: string;
  type: "flat" | "per_seat";
  /** Minor units per period (per seat for `per_seat`). */
  unitAmount: number;
  interval: "month" | "year";
  /** Share of customers on this plan. */
  weight: number;
}

export const GEN_PLANS: readonly GenPlan[] = [
  {
    lookupKey: "bench_starter_monthly",
    product: "starter",
    nickname: "Starter (monthly)",
    type: "flat",
    unitAmount: 2900,
    interval: "month",
    weight: 0.35,
  },
  {
    lookupKey: "bench_starter_yearly",
    product: "starter",
    nickname: "Starter (yearly)",
    type: "flat",
    unitAmount: 29000,
    interval: "year",
    weight: 0.1,
  },
  {
    lookupKey: "bench_pro_monthly",
    product: "pro",
    nickname: "Pro (monthly)",
    type: "flat",
    unitAmount: 9900,
    interval: "month",
    weight: 0.25,
  },
  {
    lookupKey: "bench_pro_yearly",
    product: "pro",
    nickname: "Pro (yearly)",
    type: "flat",
    unitAmount: 99000,
    interval: "year",
    weight: 0.08,
  },
  {
    lookupKey: "bench_team_monthly",
    product: "team",
    nickname: "Team (monthly)",
    type: "per_seat",
    unitAmount: 1200,
    interval: "month",
    weight: 0.15,
  },
  {
    lookupKey: "bench_team_yearly",
    product: "team",
    nickname: "Team (yearly)",
    type: "per_seat",
    unitAmount: 12000,
    interval: "year",
    weight: 0.07,
  },
];

export const GEN_METERS = [
  {
    key: "api",
    eventName: "api_request",
    displayName: "API requests",
    aggregation: "count",
    unitLabel: "requests",
  },
  {
    key: "compute",
    eventName: "compute_minutes",
    displayName: "Compute minutes",
    aggregation: "sum",
    unitLabel: "minutes",
  },
] as const;

export type GenMeterKey = (typeof GEN_METERS)[number]["key"];

export const GEN_METERED_PRICES = [
  { lookupKey: "bench_api_requests", meter: "api", nickname: "API requests", unitAmountDecimal: "0.2" },
  {
    lookupKey: "bench_compute_minutes",
    meter: "compute",
    nickname: "Compute minutes",
    unitAmountDecimal: "1.5",
  },
] as const satisfies readonly {
  lookupKey: string;
  meter: GenMeterKey;
  nickname: string;
  unitAmountDecimal: string;
}[];

export const GEN_TAX_RATE = {
  displayName: "Sales tax (bench)",
  ratePpm: 82_500,
  country: "US",
  state: "TX",
} as const;

export const COMPANY_WORDS = [
  "Northwind",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Soylent",
  "Cyberdyne",
  "Vandelay",
  "Wonka",
  "Tyrell",
  "Aperture",
  "Massive",
  "Pied Piper",
  "Dunder",
  "Oscorp",
  "Gringotts",
  "Monarch",
  "Nakatomi",
] as const;

export const COMPANY_SUFFIXES = [
  "Labs",
  "Systems",
  "Analytics",
  "Logistics",
  "Health",
  "Media",
  "Foods",
  "Robotics",
  "Capital",
  "Studios",
  "Networks",
  "Energy",
  "Cloud",
  "Works",
  "Partners",
  "Software",
] as const;

export const CITIES = [
  "Austin",
  "Denver",
  "Portland",
  "Chicago",
  "Boston",
  "Seattle",
  "Atlanta",
  "Phoenix",
  "Madison",
  "Raleigh",
] as const;

export const CARD_BRANDS = ["visa", "visa", "visa", "mastercard", "mastercard", "amex"] as const;
export const BANKS = ["Chase", "Bank of America", "Wells Fargo", "Citibank"] as const;
