import {
  Customer,
  CustomerUser,
  NotificationPreference,
  PaymentMethod,
  type ICustomer,
  type ICustomerUser,
  type IPaymentMethod,
  type ITaxRate,
  type NotificationCategory,
  type PostalAddress,
} from "../entities/index.js";
import { stamps, type SeedContext } from "./context.js";
import { addDays } from "./dates.js";
import { hashOf, PORTAL_ACCOUNTS } from "./demo-accounts.js";
import { sha256Hex } from "./files.js";

/** The demo's customer accounts, one per state a portal has to show. */
export const CUSTOMER_KEYS = [
  "northwind",
  "umbrella",
  "globex",
  "soylent",
  "initech",
  "hooli",
  "stark",
  "wayne",
] as const;
export type CustomerKey = (typeof CUSTOMER_KEYS)[number];

interface CustomerProfile {
  name: string;
  email: string;
  phone: string | null;
  address: PostalAddress;
  taxId: string | null;
  locale: string;
  creditLimit: number | null;
  /** Billed New York sales tax. */
  taxable: boolean;
}

const PROFILES: Record<CustomerKey, CustomerProfile> = {
  northwind: {
    name: "Northwind Traders",
    email: "billing@northwind.test",
    phone: "+1 415 555 0134",
    address: {
      line1: "2100 Mission Street",
      city: "San Francisco",
      state: "CA",
      postalCode: "94110",
      country: "US",
    },
    taxId: null,
    locale: "en",
    creditLimit: 2_000_00,
    taxable: false,
  },
  umbrella: {
    name: "Umbrella Labs Ltd",
    email: "ops@umbrella.test",
    phone: "+44 20 7946 0321",
    address: { line1: "14 Clerkenwell Close", city: "London", postalCode: "EC1R 0AN", country: "GB" },
    taxId: "GB123456789",
    locale: "en-GB",
    creditLimit: null,
    taxable: false,
  },
  globex: {
    name: "Globex Corporation",
    email: "accounts@globex.test",
    phone: "+1 212 555 0188",
    address: {
      line1: "350 Fifth Avenue",
      line2: "Floor 41",
      city: "New York",
      state: "NY",
      postalCode: "10118",
      country: "US",
    },
    taxId: null,
    locale: "en",
    creditLimit: 500_00,
    taxable: true,
  },
  soylent: {
    name: "Soylent Foods",
    email: "finance@soylent.test",
    phone: null,
    address: { line1: "88 Green Street", city: "Portland", state: "OR", postalCode: "97209", country: "US" },
    taxId: null,
    locale: "en",
    creditLimit: null,
    taxable: false,
  },
  initech: {
    name: "Initech LLC",
    email: "billing@initech.test",
    phone: "+1 512 555 0107",
    address: {
      line1: "4120 Freidrich Lane",
      city: "Austin",
      state: "TX",
      postalCode: "78744",
      country: "US",
    },
    taxId: null,
    locale: "en",
    creditLimit: null,
    taxable: false,
  },
  hooli: {
    name: "Hooli Inc.",
    email: "finance@hooli.test",
    phone: "+1 650 555 0199",
    address: { line1: "1 Hooli Way", city: "Palo Alto", state: "CA", postalCode: "94301", country: "US" },
    taxId: null,
    locale: "en",
    creditLimit: 1_000_00,
    taxable: false,
  },
  stark: {
    name: "Stark Industries",
    email: "ap@stark.test",
    phone: "+1 212 555 0142",
    address: { line1: "200 Park Avenue", city: "New York", state: "NY", postalCode: "10166", country: "US" },
    taxId: "13-4922250",
    locale: "en",
    creditLimit: 10_000_00,
    taxable: true,
  },
  wayne: {
    name: "Wayne Enterprises",
    email: "billing@wayne.test",
    phone: null,
    address: {
      line1: "1007 Mountain Drive",
      city: "Newark",
      state: "NJ",
      postalCode: "07102",
      country: "US",
    },
    taxId: null,
    locale: "en",
    creditLimit: null,
    taxable: false,
  },
};

/** A customer with its portal users and what the invoices need to know about it. */
export interface DemoCustomer {
  key: CustomerKey;
  entity: ICustomer;
  /** The account's portal admin (first portal account of the customer). */
  admin: ICustomerUser;
  users: ICustomerUser[];
  /** Exclusive tax added to its invoice lines, if any. */
  taxRate: ITaxRate | null;
}

/** Creates the customer and its portal users (passwords from `hashes`, keyed by e-mail). */
export function createCustomer(
  ctx: SeedContext,
  key: CustomerKey,
  createdAt: Date,
  hashes: ReadonlyMap<string, string>,
  taxRate: ITaxRate,
): DemoCustomer {
  const profile = PROFILES[key];
  const entity = ctx.em.create(Customer, {
    merchant: ctx.merchant,
    externalId: `acct_${key}`,
    name: profile.name,
    email: profile.email,
    phone: profile.phone,
    address: profile.address,
    taxId: profile.taxId,
    locale: profile.locale,
    currency: "USD",
    creditLimit: profile.creditLimit,
    balance: 0,
    metadata: {
      crm_id: `CRM-${1000 + CUSTOMER_KEYS.indexOf(key)}`,
      segment: profile.creditLimit ? "business" : "self-serve",
    },
    ...stamps(createdAt),
  });
  const users: ICustomerUser[] = [];
  for (const account of PORTAL_ACCOUNTS.filter((a) => a.customer === key)) {
    const admin = users[0] ?? null;
    const userCreatedAt = admin ? addDays(createdAt, 7) : createdAt;
    users.push(
      ctx.em.create(CustomerUser, {
        merchant: ctx.merchant,
        customer: entity,
        email: account.email,
        name: account.name,
        role: account.role,
        permissions: account.permissions ?? [],
        passwordHash: hashOf(hashes, account.email),
        passwordChangedAt: userCreatedAt,
        emailVerifiedAt: userCreatedAt,
        locale: profile.locale,
        invitedAt: admin ? userCreatedAt : null,
        invitedBy: admin,
        lastLoginAt: ctx.day(-ctx.rng.int(1, 9), ctx.rng.int(8, 18), ctx.rng.int(0, 59)),
        ...stamps(userCreatedAt),
      }),
    );
  }
  const [admin] = users;
  if (!admin) throw new Error(`Customer ${key} has no portal account`);
  return { key, entity, admin, users, taxRate: profile.taxable ? taxRate : null };
}

export type CardBrand = "visa" | "mastercard" | "amex" | "discover";

export interface CardInput {
  brand: CardBrand;
  last4: string;
  /** Expiry as months from `now` (the card is valid through the end of that month)… */
  expiresInMonths?: number;
  /** …or the month of this date. */
  expiresIn?: Date;
  holderName: string;
  addedAt: Date;
  isDefault?: boolean;
  detachedAt?: Date | null;
}

/**
 * A card as the sandbox gateway tokenized it: `pm_sandbox_…` token, brand, last4, expiry
 * and a fingerprint per card number — never the number itself.
 */
export function addCard(ctx: SeedContext, customer: DemoCustomer, card: CardInput): IPaymentMethod {
  const expiry =
    card.expiresIn ??
    new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + (card.expiresInMonths ?? 24), 1));
  return ctx.em.create(PaymentMethod, {
    merchant: ctx.merchant,
    customer: customer.entity,
    gateway: "sandbox",
    gatewayToken: `pm_sandbox_${ctx.rng.token(24)}`,
    type: "card",
    brand: card.brand,
    last4: card.last4,
    expMonth: expiry.getUTCMonth() + 1,
    expYear: expiry.getUTCFullYear(),
    holderName: card.holderName,
    country: customer.entity.address?.country ?? "US",
    fingerprint: sha256Hex(new TextEncoder().encode(`sandbox:${card.brand}:${card.last4}`)).slice(0, 16),
    isDefault: card.isDefault ?? false,
    detachedAt: card.detachedAt ?? null,
    ...stamps(card.addedAt, card.detachedAt ?? card.addedAt),
  });
}

/** A few explicit choices (no row means "enabled"), at account and at user level. */
export function createNotificationPreferences(
  ctx: SeedContext,
  customers: Record<CustomerKey, DemoCustomer>,
): void {
  const prefer = (
    customer: DemoCustomer,
    user: ICustomerUser | null,
    category: NotificationCategory,
    enabled: boolean,
  ) =>
    ctx.em.create(NotificationPreference, {
      merchant: ctx.merchant,
      customer: customer.entity,
      customerUser: user,
      channel: "email",
      category,
      enabled,
      ...stamps(ctx.day(-30, 10)),
    });
  const northwind = customers.northwind;
  const member = northwind.users[1] ?? null;
  prefer(northwind, null, "usage_alerts", true);
  prefer(northwind, null, "product_updates", false);
  prefer(northwind, member, "invoices", false);
  prefer(northwind, member, "usage_alerts", true);
  prefer(customers.globex, null, "payment_failures", true);
  prefer(customers.stark, customers.stark.admin, "statements", true);
  prefer(customers.stark, customers.stark.admin, "product_updates", false);
}
