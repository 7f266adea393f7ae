import { defineEntity, type InferEntity } from "@mikro-orm/core";
import { createdAtColumn, currencyColumn, idColumn, publicIdColumn, updatedAtColumn } from "./columns.js";

/** A business that runs Portico for its customers. Every tenant row points here. */
export const Merchant = defineEntity({
  name: "Merchant",
  tableName: "merchant",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("mer"),
    /** URL-safe handle, used when several merchants share one Portico. */
    slug: p.string().length(63).unique(),
    name: p.string().length(200),
    supportEmail: p.string().length(320).nullable(),
    defaultCurrency: currencyColumn().default("USD"),
    defaultLocale: p.string().length(35).default("en"),
    timezone: p.string().length(64).default("UTC"),
    /** Last issued invoice number; incremented under a row lock for gap-free numbering. */
    invoiceNumberPrefix: p.string().length(20).default("INV"),
    lastInvoiceNumber: p.integer().default(0),
    /** sandbox merchants use the sandbox gateway and may run test clocks. */
    livemode: p.boolean().default(false),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
});
export type IMerchant = InferEntity<typeof Merchant>;
