import {
  Meter,
  Price,
  newPublicId,
  queueAuditEvent,
  type EntityManager,
  type IMeter,
  type IPrice,
  type PriceInterval,
  type PriceType,
} from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { normalizeCurrency } from "../common/currency.js";
import { flushOrConflict } from "../common/flush.js";
import { findPage, type Page, type PageParams } from "../common/keyset-page.js";
import { applyMetadataPatch, checkMetadata, type Metadata, type MetadataPatch } from "../common/metadata.js";
import { optionalText } from "../common/text.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { checkPriceTerms, checkRecurrence, checkTrialDays, type PriceAmountInput } from "./price-rules.js";
import { getProduct } from "./products.js";

export interface PriceLabelsInput {
  nickname?: string | null;
  /** A stable handle (`pro_monthly`) to find the current price by; unique per merchant. */
  lookupKey?: string | null;
  /** Move `lookupKey` from the price holding it to this one, instead of a CONFLICT. */
  transferLookupKey?: boolean;
  active?: boolean;
}

export interface CreatePriceInput extends PriceAmountInput, PriceLabelsInput {
  /** `prod_…` */
  product: string;
  currency: string;
  type: PriceType;
  interval: PriceInterval;
  intervalCount?: number;
  /** `mtr_…`: required for `metered` prices, refused for the others. */
  meter?: string | null;
  trialDays?: number | null;
  metadata?: Metadata;
}

/** Only labels change: a price's amounts, currency and interval are fixed once created. */
export interface UpdatePriceInput extends PriceLabelsInput {
  /** `price_…` */
  id: string;
  metadata?: MetadataPatch;
}

export type PriceRef = { id: string } | { lookupKey: string };

export interface ListPricesInput extends PageParams {
  /** `prod_…` */
  product?: string;
  active?: boolean;
  currency?: string;
  type?: PriceType;
}

const POPULATE = ["product", "meter"] as const;

function priceNotFound(): AppError {
  return new AppError("NOT_FOUND", "PRICE_NOT_FOUND", "No such price.");
}

function lookupKeyInUse(lookupKey: string, holder?: string): AppError {
  return new AppError("CONFLICT", "LOOKUP_KEY_IN_USE", "Another price has this lookup key.", {
    details: { lookupKey, ...(holder ? { price: holder } : {}), hint: "transferLookupKey" },
  });
}

/** A price of `merchantId` by id or lookup key, with its product and meter loaded. */
export async function getPrice(em: EntityManager, merchantId: number, ref: PriceRef): Promise<IPrice> {
  const where = "id" in ref ? { publicId: ref.id } : { lookupKey: ref.lookupKey };
  const price = await em.findOne(Price, { ...where, merchant: merchantId }, { populate: POPULATE });
  if (!price) throw priceNotFound();
  return price;
}

async function getMeter(em: EntityManager, merchantId: number, id: string): Promise<IMeter> {
  const meter = await em.findOne(Meter, { publicId: id, merchant: merchantId });
  if (!meter) throw new AppError("NOT_FOUND", "METER_NOT_FOUND", "No such meter.");
  return meter;
}

function checkMeterRef(type: PriceType, meter: string | null | undefined): string | null {
  if (type === "metered" && meter == null) {
    throw new AppError("BAD_REQUEST", "PRICE_METER_REQUIRED", "A metered price needs a meter.");
  }
  if (type !== "metered" && meter != null) {
    throw new AppError("BAD_REQUEST", "PRICE_METER_NOT_ALLOWED", "Only metered prices have a meter.");
  }
  return meter ?? null;
}

/**
 * Makes `lookupKey` free for `priceId` inside the caller's transaction: CONFLICT when another
 * price holds it, unless `transfer`, which takes it from that price first (flushed at once,
 * so the unique index never sees two holders). Returns the previous holder's id.
 */
async function claimLookupKey(
  tx: EntityManager,
  actor: MerchantActor,
  claim: { lookupKey: string; transfer: boolean; priceId: string; at: Date },
): Promise<string | null> {
  const holder = await tx.findOne(Price, { merchant: actor.merchantId, lookupKey: claim.lookupKey });
  if (!holder || holder.publicId === claim.priceId) return null;
  if (!claim.transfer) throw lookupKeyInUse(claim.lookupKey, holder.publicId);
  tx.assign(holder, { lookupKey: null });
  queueAuditEvent(
    tx,
    auditEventBy(actor, {
      action: "Price.LookupKeyTransferred",
      targetType: "price",
      targetId: holder.publicId,
      data: { lookupKey: claim.lookupKey, to: claim.priceId },
      at: claim.at,
    }),
  );
  await tx.flush();
  return holder.publicId;
}

/** A new price of one of the merchant's products, validated whole before anything is written. */
export async function createPrice(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreatePriceInput,
): Promise<IPrice> {
  const currency = normalizeCurrency(input.currency);
  const terms = checkPriceTerms(input.type, input);
  const intervalCount = checkRecurrence(input.interval, input.intervalCount ?? 1);
  const trialDays = checkTrialDays(input.type, input.trialDays);
  const meterId = checkMeterRef(input.type, input.meter);
  const nickname = optionalText(input.nickname, "nickname", 200);
  const lookupKey = optionalText(input.lookupKey, "lookupKey", 200);
  const metadata = checkMetadata(input.metadata ?? {});

  return em.transactional(async (tx) => {
    const product = await getProduct(tx, actor.merchantId, input.product);
    const meter = meterId === null ? null : await getMeter(tx, actor.merchantId, meterId);
    const now = clock.now();
    const publicId = newPublicId("price");
    const transferredFrom =
      lookupKey === null
        ? null
        : await claimLookupKey(tx, actor, {
            lookupKey,
            transfer: input.transferLookupKey === true,
            priceId: publicId,
            at: now,
          });
    const price = tx.create(Price, {
      publicId,
      merchant: actor.merchantId,
      product,
      currency,
      type: input.type,
      unitAmount: terms.unitAmount,
      unitAmountDecimal: terms.unitAmountDecimal,
      tiersMode: terms.tiersMode,
      tiers: terms.tiers,
      interval: input.interval,
      intervalCount,
      meter,
      trialDays,
      nickname,
      lookupKey,
      active: input.active ?? true,
      metadata,
      createdAt: now,
      updatedAt: now,
    });
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "Price.Created",
        targetType: "price",
        targetId: publicId,
        data: { product: product.publicId, currency, type: input.type, lookupKey, transferredFrom },
        at: now,
      }),
    );
    await flushOrConflict(tx, () => lookupKeyInUse(lookupKey ?? ""));
    return price;
  });
}

/** Changes a price's nickname, lookup key, active flag or metadata; nothing else. */
export async function updatePrice(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: UpdatePriceInput,
): Promise<IPrice> {
  const changes: Partial<IPrice> = {};
  if (input.nickname !== undefined) changes.nickname = optionalText(input.nickname, "nickname", 200);
  if (input.lookupKey !== undefined) changes.lookupKey = optionalText(input.lookupKey, "lookupKey", 200);
  if (input.active !== undefined) changes.active = input.active;

  return em.transactional(async (tx) => {
    const price = await getPrice(tx, actor.merchantId, { id: input.id });
    if (input.metadata !== undefined) changes.metadata = applyMetadataPatch(price.metadata, input.metadata);
    const now = clock.now();
    const lookupKey = changes.lookupKey;
    const transferredFrom =
      lookupKey == null || lookupKey === price.lookupKey
        ? null
        : await claimLookupKey(tx, actor, {
            lookupKey,
            transfer: input.transferLookupKey === true,
            priceId: price.publicId,
            at: now,
          });
    tx.assign(price, changes);
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "Price.Updated",
        targetType: "price",
        targetId: price.publicId,
        data: { fields: Object.keys(changes).sort(), ...(transferredFrom ? { transferredFrom } : {}) },
        at: now,
      }),
    );
    await flushOrConflict(tx, () => lookupKeyInUse(lookupKey ?? ""));
    return price;
  });
}

/** The merchant's prices, newest first, a keyset page at a time, with products and meters. */
export async function listPrices(
  em: EntityManager,
  merchantId: number,
  input: ListPricesInput,
): Promise<Page<IPrice>> {
  const product = input.product === undefined ? undefined : await getProduct(em, merchantId, input.product);
  const currency = input.currency === undefined ? undefined : normalizeCurrency(input.currency);
  const where = {
    merchant: merchantId,
    ...(product === undefined ? {} : { product }),
    ...(input.active === undefined ? {} : { active: input.active }),
    ...(currency === undefined ? {} : { currency }),
    ...(input.type === undefined ? {} : { type: input.type }),
  };
  return findPage(em, Price, { table: "price", merchantId, where, populate: POPULATE }, input);
}
