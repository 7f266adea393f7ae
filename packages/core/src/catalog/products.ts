import { Product, newPublicId, queueAuditEvent, type EntityManager, type IProduct } from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { archiveRow } from "../common/archive.js";
import { findPage, type Page, type PageParams } from "../common/keyset-page.js";
import { applyMetadataPatch, checkMetadata, type Metadata, type MetadataPatch } from "../common/metadata.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { optionalText, requiredText } from "../common/text.js";

export interface ProductFieldsInput {
  name?: string;
  description?: string | null;
  /** What one unit is called on invoices ("seat", "GB"). */
  unitLabel?: string | null;
  active?: boolean;
}

export interface CreateProductInput extends ProductFieldsInput {
  name: string;
  metadata?: Metadata;
}

export interface UpdateProductInput extends ProductFieldsInput {
  /** `prod_…` */
  id: string;
  metadata?: MetadataPatch;
}

export interface ListProductsInput extends PageParams {
  active?: boolean;
}

function productFields(input: ProductFieldsInput): Partial<IProduct> {
  const fields: Partial<IProduct> = {};
  if (input.name !== undefined) fields.name = requiredText(input.name, "name", 200);
  if (input.description !== undefined)
    fields.description = optionalText(input.description, "description", 40_000);
  if (input.unitLabel !== undefined) fields.unitLabel = optionalText(input.unitLabel, "unitLabel", 40);
  if (input.active !== undefined) fields.active = input.active;
  return fields;
}

/** A product of `merchantId` by its public id; another merchant's is the same NOT_FOUND. */
export async function getProduct(em: EntityManager, merchantId: number, id: string): Promise<IProduct> {
  const product = await em.findOne(Product, { publicId: id, merchant: merchantId });
  if (!product) throw new AppError("NOT_FOUND", "PRODUCT_NOT_FOUND", "No such product.");
  return product;
}

export async function createProduct(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateProductInput,
): Promise<IProduct> {
  const fields = productFields(input);
  const metadata = checkMetadata(input.metadata ?? {});
  const now = clock.now();
  const product = em.create(Product, {
    publicId: newPublicId("prod"),
    merchant: actor.merchantId,
    name: requiredText(input.name, "name", 200),
    ...fields,
    metadata,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Product.Created",
      targetType: "product",
      targetId: product.publicId,
      data: { name: product.name },
      at: now,
    }),
  );
  await em.flush();
  return product;
}

/** Changes the fields given; a bad one changes nothing. */
export async function updateProduct(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: UpdateProductInput,
): Promise<IProduct> {
  const changes = productFields(input);
  const product = await getProduct(em, actor.merchantId, input.id);
  if (input.metadata !== undefined) changes.metadata = applyMetadataPatch(product.metadata, input.metadata);
  const now = clock.now();
  em.assign(product, changes);
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Product.Updated",
      targetType: "product",
      targetId: product.publicId,
      data: { fields: Object.keys(changes).sort() },
      at: now,
    }),
  );
  await em.flush();
  return product;
}

/**
 * Archives a product: it stays on existing subscriptions and invoices but is no longer
 * offered. Archiving an archived product changes nothing.
 */
export async function archiveProduct(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  id: string,
): Promise<IProduct> {
  const product = await getProduct(em, actor.merchantId, id);
  return archiveRow(em, clock, actor, product, { action: "Product.Archived", targetType: "product" });
}

/** The merchant's products, newest first, a keyset page at a time. */
export async function listProducts(
  em: EntityManager,
  merchantId: number,
  input: ListProductsInput,
): Promise<Page<IProduct>> {
  const where = { merchant: merchantId, ...(input.active === undefined ? {} : { active: input.active }) };
  return findPage(em, Product, { table: "product", merchantId, where }, input);
}
