import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  ApiKey,
  Merchant,
  MerchantUser,
  type IApiKey,
  type IMerchant,
  type IMerchantUser,
  type MerchantUserRole,
} from "../entities/index.js";
import { stamps, type SeedContext } from "./context.js";

/**
 * Who signs in to the demo, with which password, and the sandbox API key. Passwords are
 * public on purpose (printed on start and on the landing page): this is demo data.
 */

export const DEMO_MERCHANT = { slug: "acme", name: "Acme Cloud" } as const;

export interface ConsoleAccount {
  email: string;
  password: string;
  name: string;
  role: MerchantUserRole;
  description: string;
}

export const CONSOLE_ACCOUNTS: readonly ConsoleAccount[] = [
  {
    email: "owner@acme.test",
    password: "portico-demo-owner",
    name: "Olivia Park",
    role: "owner",
    description: "Acme Cloud owner (sets up MFA on first sign-in)",
  },
  {
    email: "admin@acme.test",
    password: "portico-demo-admin",
    name: "Marcus Chen",
    role: "admin",
    description: "Acme Cloud admin",
  },
  {
    email: "support@acme.test",
    password: "portico-demo-support",
    name: "Priya Natarajan",
    role: "support",
    description: "Acme Cloud support agent",
  },
];

/** Every portal login shares one password, so the landing page stays readable. */
export const PORTAL_PASSWORD = "portico-demo-customer";

export interface PortalAccount {
  /** The customer (see customers.ts) this user signs in to. */
  customer: string;
  email: string;
  name: string;
  role: "admin" | "member";
  /** For members: what they may see and do (customer-token scope vocabulary). */
  permissions?: string[];
  description: string;
}

export const PORTAL_ACCOUNTS: readonly PortalAccount[] = [
  {
    customer: "northwind",
    email: "billing@northwind.test",
    name: "Nadia Rahman",
    role: "admin",
    description: "Northwind Traders — active Team plan, metered API usage, documents",
  },
  {
    customer: "northwind",
    email: "dev@northwind.test",
    name: "Tom Becker",
    role: "member",
    permissions: ["subscriptions:read", "invoices:read", "usage:read"],
    description: "Northwind Traders — member who may read invoices and usage",
  },
  {
    customer: "umbrella",
    email: "ops@umbrella.test",
    name: "Claire Redfield",
    role: "admin",
    description: "Umbrella Labs — Starter trial ending soon",
  },
  {
    customer: "globex",
    email: "accounts@globex.test",
    name: "Hank Scorpio",
    role: "admin",
    description: "Globex — past due: two overdue invoices, declined card",
  },
  {
    customer: "soylent",
    email: "finance@soylent.test",
    name: "Sol Roth",
    role: "admin",
    description: "Soylent Foods — subscription paused, resumes automatically",
  },
  {
    customer: "initech",
    email: "billing@initech.test",
    name: "Bill Lumbergh",
    role: "admin",
    description: "Initech — cancels at the end of the period",
  },
  {
    customer: "hooli",
    email: "finance@hooli.test",
    name: "Gavin Belson",
    role: "admin",
    description: "Hooli — no subscription, prepaid credits wallet",
  },
  {
    customer: "stark",
    email: "ap@stark.test",
    name: "Pepper Potts",
    role: "admin",
    description: "Stark Industries — yearly plan, sales tax, an overdue invoice and one due in 30 days",
  },
  {
    customer: "wayne",
    email: "billing@wayne.test",
    name: "Lucius Fox",
    role: "admin",
    description: "Wayne Enterprises — canceled, one uncollectible invoice",
  },
];

export function createMerchant(em: EntityManager, createdAt: Date): IMerchant {
  return em.create(Merchant, {
    slug: DEMO_MERCHANT.slug,
    name: DEMO_MERCHANT.name,
    supportEmail: "support@acme.test",
    supportUrl: "https://acme.test/support",
    address: {
      line1: "500 Howard Street",
      line2: "Suite 300",
      city: "San Francisco",
      state: "CA",
      postalCode: "94105",
      country: "US",
    },
    taxId: "94-3217654",
    defaultCurrency: "USD",
    defaultLocale: "en",
    timezone: "America/Los_Angeles",
    invoiceNumberPrefix: "ACME",
    lastInvoiceNumber: 0,
    lastCreditNoteNumber: 0,
    lastReceiptNumber: 0,
    defaultDaysUntilDue: 30,
    livemode: false,
    gateway: "sandbox",
    ...stamps(createdAt),
  });
}

/** Console users; the owner invited the other two. `hashes` maps e-mail → argon2id hash. */
export function createMerchantUsers(
  ctx: SeedContext,
  hashes: ReadonlyMap<string, string>,
): Record<MerchantUserRole, IMerchantUser> {
  const users = {} as Record<MerchantUserRole, IMerchantUser>;
  const start = ctx.merchant.createdAt;
  for (const [index, account] of CONSOLE_ACCOUNTS.entries()) {
    const createdAt = new Date(start.getTime() + index * 3_600_000);
    users[account.role] = ctx.em.create(MerchantUser, {
      merchant: ctx.merchant,
      email: account.email,
      name: account.name,
      role: account.role,
      passwordHash: hashOf(hashes, account.email),
      passwordChangedAt: createdAt,
      emailVerifiedAt: createdAt,
      invitedAt: account.role === "owner" ? null : createdAt,
      invitedBy: account.role === "owner" ? null : users.owner,
      lastLoginAt: account.role === "owner" ? null : ctx.day(-1, 16, 12),
      ...stamps(createdAt),
    });
  }
  return users;
}

export function hashOf(hashes: ReadonlyMap<string, string>, email: string): string {
  const hash = hashes.get(email);
  if (!hash) throw new Error(`No password hash prepared for ${email}`);
  return hash;
}

// --- The sandbox API key -------------------------------------------------------------

export const DEMO_API_KEY_NAME = "Demo sandbox key";
/** `sk_test_` then 24–128 letters or digits; generated keys have 32 base32 characters. */
const DEMO_API_KEY_PATTERN = /^sk_test_[A-Za-z0-9]{24,128}$/;
const API_KEY_PREFIX_LENGTH = 12;

/** A new sandbox key: `sk_test_` + 32 base32 characters (160 random bits). */
export function generateApiKey(): string {
  return `sk_test_${encodeBase32LowerCaseNoPadding(randomBytes(20))}`;
}

/** Refuses a PORTICO_DEMO_API_KEY that is not a sandbox key of a sensible length. */
export function assertDemoApiKey(value: string): void {
  if (!DEMO_API_KEY_PATTERN.test(value)) {
    throw new Error(
      "PORTICO_DEMO_API_KEY must be a sandbox key: sk_test_ followed by 24 to 128 letters or digits " +
        "(e.g. sk_test_ + 32 random characters).",
    );
  }
}

/** SHA-256 (hex) of the whole key: the only thing stored. */
export function hashApiKey(value: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}

export function apiKeyPrefix(value: string): string {
  return value.slice(0, API_KEY_PREFIX_LENGTH);
}

export function createDemoApiKey(
  ctx: SeedContext,
  value: string,
  origin: { createdBy: IMerchantUser | null; createdAt: Date; lastUsedAt: Date | null },
): IApiKey {
  return ctx.em.create(ApiKey, {
    merchant: ctx.merchant,
    name: DEMO_API_KEY_NAME,
    prefix: apiKeyPrefix(value),
    secretHash: hashApiKey(value),
    mode: "test",
    createdBy: origin.createdBy,
    lastUsedAt: origin.lastUsedAt,
    ...stamps(origin.createdAt),
  });
}

/**
 * On a re-run with a known key: make the stored demo key match it (and usable again).
 * Returns whether anything changed.
 */
export function rotateDemoApiKey(apiKey: IApiKey, value: string): boolean {
  const secretHash = hashApiKey(value);
  if (apiKey.secretHash === secretHash && !apiKey.revokedAt && !apiKey.expiresAt) return false;
  apiKey.secretHash = secretHash;
  apiKey.prefix = apiKeyPrefix(value);
  apiKey.revokedAt = null;
  apiKey.expiresAt = null;
  return true;
}
