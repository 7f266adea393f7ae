import { TaxRate, newPublicId, queueAuditEvent, type EntityManager, type ITaxRate } from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { normalizeCountry } from "../common/country.js";
import { archiveRow } from "../common/archive.js";
import { findPage, type Page, type PageParams } from "../common/keyset-page.js";
import { checkMetadata, type Metadata } from "../common/metadata.js";
import { optionalText, requiredText } from "../common/text.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";

export interface CreateTaxRateInput {
  displayName: string;
  description?: string | null;
  /** Parts per million, 0 to 1 000 000: 20 % = 200 000. */
  ratePpm: number;
  /** true: prices include the tax (VAT style); false: it is added on top. */
  inclusive?: boolean;
  /** ISO 3166-1 alpha-2; omitted applies everywhere. */
  country?: string | null;
  /** A region of `country`. */
  state?: string | null;
  metadata?: Metadata;
}

export interface ListTaxRatesInput extends PageParams {
  active?: boolean;
}

async function getTaxRate(em: EntityManager, merchantId: number, id: string): Promise<ITaxRate> {
  const rate = await em.findOne(TaxRate, { publicId: id, merchant: merchantId });
  if (!rate) throw new AppError("NOT_FOUND", "TAX_RATE_NOT_FOUND", "No such tax rate.");
  return rate;
}

export async function createTaxRate(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateTaxRateInput,
): Promise<ITaxRate> {
  const displayName = requiredText(input.displayName, "displayName", 100);
  const description = optionalText(input.description, "description", 255);
  if (!Number.isInteger(input.ratePpm) || input.ratePpm < 0 || input.ratePpm > 1_000_000) {
    throw new AppError("BAD_REQUEST", "TAX_RATE_OUT_OF_RANGE", "ratePpm is 0 to 1 000 000 (0 % to 100 %).");
  }
  const countryText = optionalText(input.country, "country", 100);
  const country = countryText === null ? null : normalizeCountry(countryText, "country");
  const state = optionalText(input.state, "state", 100);
  if (state !== null && country === null) {
    throw new AppError("BAD_REQUEST", "TAX_RATE_STATE_NEEDS_COUNTRY", "A state needs its country.");
  }
  const metadata = checkMetadata(input.metadata ?? {});
  const now = clock.now();
  const rate = em.create(TaxRate, {
    publicId: newPublicId("txr"),
    merchant: actor.merchantId,
    displayName,
    description,
    ratePpm: input.ratePpm,
    inclusive: input.inclusive ?? false,
    country,
    state,
    metadata,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "TaxRate.Created",
      targetType: "tax_rate",
      targetId: rate.publicId,
      data: { ratePpm: rate.ratePpm, inclusive: rate.inclusive, country, state },
      at: now,
    }),
  );
  await em.flush();
  return rate;
}

/** Stops applying the rate to new invoices; invoices that carry it keep it. Idempotent. */
export async function archiveTaxRate(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  id: string,
): Promise<ITaxRate> {
  const rate = await getTaxRate(em, actor.merchantId, id);
  return archiveRow(em, clock, actor, rate, { action: "TaxRate.Archived", targetType: "tax_rate" });
}

/** The merchant's tax rates, newest first, a keyset page at a time. */
export async function listTaxRates(
  em: EntityManager,
  merchantId: number,
  input: ListTaxRatesInput,
): Promise<Page<ITaxRate>> {
  const where = { merchant: merchantId, ...(input.active === undefined ? {} : { active: input.active }) };
  return findPage(em, TaxRate, { table: "tax_rate", merchantId, where }, input);
}
