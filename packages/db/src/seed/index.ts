import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { hash } from "@node-rs/argon2";
import { ApiKey, AuditEvent, Merchant, type IMerchant } from "../entities/index.js";
import { createDemo } from "./demo.js";
import {
  CONSOLE_ACCOUNTS,
  DEMO_API_KEY_NAME,
  DEMO_MERCHANT,
  PORTAL_ACCOUNTS,
  PORTAL_PASSWORD,
  apiKeyPrefix,
  assertDemoApiKey,
  createDemoApiKey,
  generateApiKey,
  rotateDemoApiKey,
} from "./demo-accounts.js";
import { createSeedContext } from "./context.js";

/** What the demo seed made, for the start banner and the landing page. */
export interface DemoSummary {
  /** false when the demo data already existed. */
  created: boolean;
  merchant: { name: string; slug: string };
  logins: { surface: "console" | "portal"; email: string; password: string; description: string }[];
  /** value is null when the seed already existed and PORTICO_DEMO_API_KEY is unset (only the hash is stored). */
  apiKey: { value: string | null; prefix: string };
}

export interface SeedDemoOptions {
  /** A known sandbox key (PORTICO_DEMO_API_KEY): `sk_test_` + 24–128 letters or digits. */
  apiKey?: string;
  /** The instant the demo timeline is laid out around (default: now). */
  now?: Date;
}

/**
 * Seeds the demo merchant "Acme Cloud" with customers in every billing state, a year of
 * invoices and payments, 60 days of metered usage, credits, documents and a sandbox API
 * key, in one transaction. Idempotent: when the merchant `acme` exists nothing is written,
 * except that a given `apiKey` different from the stored one replaces its hash, so a key
 * known to scripts always works.
 */
export async function seedDemo(orm: MikroORM, options: SeedDemoOptions = {}): Promise<DemoSummary> {
  if (options.apiKey !== undefined) assertDemoApiKey(options.apiKey);
  const now = options.now ?? new Date();
  const existing = await orm.em.fork().findOne(Merchant, { slug: DEMO_MERCHANT.slug });
  if (existing) return reuseExisting(orm, options.apiKey, now);

  const hashes = await hashDemoPasswords();
  const apiKey = options.apiKey ?? generateApiKey();
  try {
    await orm.em.fork().transactional((em) => createDemo(em, { now, hashes, apiKey }));
  } catch (error) {
    // Another process seeded in the same moment: its data stands, ours rolled back.
    if (
      error instanceof UniqueConstraintViolationException &&
      (await orm.em.fork().count(Merchant, { slug: DEMO_MERCHANT.slug }))
    ) {
      return reuseExisting(orm, options.apiKey, now);
    }
    throw error;
  }
  return summary(true, DEMO_MERCHANT.name, apiKey, apiKeyPrefix(apiKey));
}

/** The demo exists: only make the stored key match a given one. */
async function reuseExisting(orm: MikroORM, apiKey: string | undefined, now: Date): Promise<DemoSummary> {
  const { name, prefix } = await orm.em.fork().transactional(async (em) => {
    const merchant = await em.findOneOrFail(Merchant, { slug: DEMO_MERCHANT.slug });
    return { name: merchant.name, prefix: await syncDemoApiKey(em, merchant, apiKey, now) };
  });
  return summary(false, name, apiKey ?? null, prefix);
}

/** Makes the stored demo key match `apiKey` when one is given; returns the key's visible prefix. */
async function syncDemoApiKey(
  em: EntityManager,
  merchant: IMerchant,
  apiKey: string | undefined,
  now: Date,
): Promise<string> {
  const stored = await em.findOne(
    ApiKey,
    { merchant, name: DEMO_API_KEY_NAME },
    { orderBy: { createdAt: "desc", id: "desc" } },
  );
  if (apiKey === undefined) return stored?.prefix ?? "sk_test_";
  if (stored) {
    if (rotateDemoApiKey(stored, apiKey)) auditKeyRotation(em, merchant, stored.publicId, stored.prefix, now);
  } else {
    const created = createDemoApiKey(createSeedContext(em, now, merchant), apiKey, {
      createdBy: null,
      createdAt: now,
      lastUsedAt: null,
    });
    await em.flush();
    auditKeyRotation(em, merchant, created.publicId, created.prefix, now);
  }
  return apiKeyPrefix(apiKey);
}

function auditKeyRotation(
  em: EntityManager,
  merchant: IMerchant,
  keyId: string,
  prefix: string,
  now: Date,
): void {
  em.create(AuditEvent, {
    merchant,
    actorType: "system",
    action: "ApiKey.Rotated",
    targetType: "api_key",
    targetId: keyId,
    data: { source: "PORTICO_DEMO_API_KEY", prefix },
    createdAt: now,
  });
}

/** argon2id (library defaults) of every demo password, by e-mail. */
async function hashDemoPasswords(): Promise<Map<string, string>> {
  const entries = [
    ...CONSOLE_ACCOUNTS.map((account) => [account.email, account.password] as const),
    ...PORTAL_ACCOUNTS.map((account) => [account.email, PORTAL_PASSWORD] as const),
  ];
  const hashed = await Promise.all(
    entries.map(async ([email, password]) => [email, await hash(password)] as const),
  );
  return new Map(hashed);
}

function summary(created: boolean, merchantName: string, apiKey: string | null, prefix: string): DemoSummary {
  return {
    created,
    merchant: { name: merchantName, slug: DEMO_MERCHANT.slug },
    logins: [
      ...CONSOLE_ACCOUNTS.map((account) => ({
        surface: "console" as const,
        email: account.email,
        password: account.password,
        description: account.description,
      })),
      ...PORTAL_ACCOUNTS.map((account) => ({
        surface: "portal" as const,
        email: account.email,
        password: PORTAL_PASSWORD,
        description: account.description,
      })),
    ],
    apiKey: { value: apiKey, prefix },
  };
}
