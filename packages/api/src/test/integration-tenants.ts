import { createApiKey } from "@portico/auth";
import type { Clock } from "@portico/core";
import { Merchant } from "@portico/db";
import type { TestDatabase } from "@portico/db/testing";
import { createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";

/** A merchant with an API key, and a caller that sends it as a merchant backend would. */
export interface Tenant {
  merchantId: number;
  apiKeyId: string;
  api(): ReturnType<typeof createCaller>;
}

/**
 * Two merchants with one test API key each, for the cross-merchant checks every
 * integration router owes: B's key must not see or touch A's rows.
 */
export async function twoTenants(db: TestDatabase, clock: Clock): Promise<{ a: Tenant; b: Tenant }> {
  const em = db.em();
  const alpha = em.create(Merchant, { slug: "alpha", name: "Alpha", defaultCurrency: "EUR" });
  const beta = em.create(Merchant, { slug: "beta", name: "Beta", defaultCurrency: "USD" });
  await em.flush();
  const tenant = async (merchantId: number): Promise<Tenant> => {
    const { key, apiKey } = await createApiKey(db.em(), clock, { merchantId, name: "tests", mode: "test" });
    return {
      merchantId,
      apiKeyId: apiKey.id,
      api: () =>
        createCaller(
          createContextInner({
            orm: db.orm,
            clock,
            req: { authorization: `Bearer ${key}`, ip: "203.0.113.7" },
          }),
        ),
    };
  };
  return { a: await tenant(alpha.id), b: await tenant(beta.id) };
}
