import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  addressColumn,
  counterColumn,
  createdAtColumn,
  currencyColumn,
  emailColumn,
  idColumn,
  metadataColumn,
  moneyColumn,
  publicIdColumn,
  quantityColumn,
  unitAmountDecimalColumn,
  updatedAtColumn,
} from "./columns.js";
import { Discount, Price, TaxRate } from "./catalog.js";
import { Customer } from "./customer.js";
import { Merchant } from "./merchant.js";
import { Payment } from "./payment.js";
import { StoredFile } from "./statement.js";
import { COLLECTION_METHODS, Subscription, SubscriptionItem } from "./subscription.js";

/** "overdue" is not a status: it is `open` with `dueAt` in the past. */
export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_BILLING_REASONS = [
  "subscription_create",
  "subscription_cycle",
  "subscription_update",
  "manual",
] as const;
export type InvoiceBillingReason = (typeof INVOICE_BILLING_REASONS)[number];

/**
 * An invoice. Amounts are minor units of `currency`:
 * total = subtotal − discountTotal + taxTotal (exclusive tax);
 * amountDue = total − credit applied from the customer balance (startingBalance −
 * endingBalance) − walletCreditApplied; amountRemaining = amountDue − amountPaid −
 * amountCredited. `number` is assigned on finalization from the merchant's counter.
 * The customer* columns are a snapshot taken on finalization, as printed on the PDF.
 */
export const Invoice = defineEntity({
  name: "Invoice",
  tableName: "invoice",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("in"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    subscription: () => p.manyToOne(Subscription).ref().nullable(),
    number: p.string().length(64).nullable(),
    status: p.enum([...INVOICE_STATUSES]).default("draft"),
    billingReason: p.enum([...INVOICE_BILLING_REASONS]).default("manual"),
    collectionMethod: p.enum([...COLLECTION_METHODS]).default("charge_automatically"),
    currency: currencyColumn(),
    lines: () => p.oneToMany(InvoiceLine).mappedBy("invoice"),
    subtotal: moneyColumn().default(0),
    discountTotal: moneyColumn().default(0),
    taxTotal: moneyColumn().default(0),
    total: moneyColumn().default(0),
    /** Customer balance before / after this invoice applied it (negative = credit). */
    startingBalance: moneyColumn().default(0),
    endingBalance: moneyColumn().nullable(),
    /** Taken from the customer's wallets before charging the payment method. */
    walletCreditApplied: moneyColumn().default(0),
    amountDue: moneyColumn().default(0),
    amountPaid: moneyColumn().default(0),
    amountRemaining: moneyColumn().default(0),
    /** Reduced by credit notes issued after finalization. */
    amountCredited: moneyColumn().default(0),
    /** The invoice-level discount, if any (line discounts are on the lines). */
    discount: () => p.manyToOne(Discount).ref().nullable(),
    periodStart: p.datetime().nullable(),
    periodEnd: p.datetime().nullable(),
    /** Finalization time: when the invoice got its number and became `open`. */
    issuedAt: p.datetime().nullable(),
    dueAt: p.datetime().nullable(),
    paidAt: p.datetime().nullable(),
    voidedAt: p.datetime().nullable(),
    markedUncollectibleAt: p.datetime().nullable(),
    /** Advance draft → open → charge automatically (false leaves it to a person). */
    autoAdvance: p.boolean().default(true),
    /** Automatic charge attempts so far (dunning). */
    attemptCount: counterColumn(),
    nextPaymentAttemptAt: p.datetime().nullable(),
    /** The most recent payment attempt, for the list's processing / failed badges. */
    latestPayment: () => p.manyToOne(Payment).ref().nullable(),
    pdfFile: () => p.manyToOne(StoredFile).ref().nullable(),
    memo: p.text().nullable(),
    footer: p.text().nullable(),
    customerName: p.string().length(200).nullable(),
    customerEmail: emailColumn().nullable(),
    customerAddress: addressColumn(),
    customerTaxId: p.string().length(64).nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "number"] }],
  indexes: [
    { properties: ["customer", "createdAt", "id"] },
    { properties: ["customer", "status", "dueAt"] },
    { properties: ["merchant", "status", "createdAt"] },
    { properties: ["merchant", "createdAt", "id"] },
    { properties: ["subscription"] },
    {
      name: "invoice_next_payment_attempt_at_index",
      expression: `create index "invoice_next_payment_attempt_at_index" on "invoice" ("next_payment_attempt_at") where "next_payment_attempt_at" is not null`,
    },
  ],
});
export type IInvoice = InferEntity<typeof Invoice>;

export const INVOICE_LINE_TYPES = ["subscription", "proration", "usage", "one_off"] as const;
export type InvoiceLineType = (typeof INVOICE_LINE_TYPES)[number];

/**
 * One line of an invoice. `amount` = quantity × unit amount (or the tier computation),
 * signed: a proration credit for unused time is negative. Discount and tax are per line.
 */
export const InvoiceLine = defineEntity({
  name: "InvoiceLine",
  tableName: "invoice_line",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("il"),
    merchant: () => p.manyToOne(Merchant).ref(),
    invoice: () => p.manyToOne(Invoice).ref().deleteRule("cascade"),
    type: p.enum([...INVOICE_LINE_TYPES]),
    subscription: () => p.manyToOne(Subscription).ref().nullable(),
    subscriptionItem: () => p.manyToOne(SubscriptionItem).ref().nullable(),
    price: () => p.manyToOne(Price).ref().nullable(),
    description: p.string().length(500),
    quantity: quantityColumn().default(1),
    /** Null when the amount comes from tiers. */
    unitAmount: moneyColumn().nullable(),
    unitAmountDecimal: unitAmountDecimalColumn().nullable(),
    amount: moneyColumn(),
    discountAmount: moneyColumn().default(0),
    taxAmount: moneyColumn().default(0),
    taxRate: () => p.manyToOne(TaxRate).ref().nullable(),
    periodStart: p.datetime().nullable(),
    periodEnd: p.datetime().nullable(),
    proration: p.boolean().default(false),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["invoice"] }],
});
export type IInvoiceLine = InferEntity<typeof InvoiceLine>;

export const CREDIT_NOTE_STATUSES = ["issued", "void"] as const;
export type CreditNoteStatus = (typeof CREDIT_NOTE_STATUSES)[number];
export const CREDIT_NOTE_REASONS = [
  "duplicate",
  "fraudulent",
  "order_change",
  "product_unsatisfactory",
  "downgrade",
] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

/**
 * Reduces what an invoice asks for after finalization. `amount` (= subtotal + taxAmount)
 * is split into `refundAmount` (paid back through a Refund), `creditAmount` (to the
 * customer balance) and `outOfBandAmount` (settled outside Portico).
 */
export const CreditNote = defineEntity({
  name: "CreditNote",
  tableName: "credit_note",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("cn"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    invoice: () => p.manyToOne(Invoice).ref(),
    number: p.string().length(64),
    status: p.enum([...CREDIT_NOTE_STATUSES]).default("issued"),
    reason: p.enum([...CREDIT_NOTE_REASONS]).nullable(),
    currency: currencyColumn(),
    lines: () => p.oneToMany(CreditNoteLine).mappedBy("creditNote"),
    subtotal: moneyColumn(),
    taxAmount: moneyColumn().default(0),
    amount: moneyColumn(),
    refundAmount: moneyColumn().default(0),
    creditAmount: moneyColumn().default(0),
    outOfBandAmount: moneyColumn().default(0),
    memo: p.text().nullable(),
    issuedAt: p.datetime(),
    voidedAt: p.datetime().nullable(),
    pdfFile: () => p.manyToOne(StoredFile).ref().nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "number"] }],
  indexes: [{ properties: ["invoice"] }, { properties: ["customer", "createdAt", "id"] }],
});
export type ICreditNote = InferEntity<typeof CreditNote>;

/** What a credit note credits, line by line (for the PDF and partial credits). */
export const CreditNoteLine = defineEntity({
  name: "CreditNoteLine",
  tableName: "credit_note_line",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("cnl"),
    merchant: () => p.manyToOne(Merchant).ref(),
    creditNote: () => p.manyToOne(CreditNote).ref().deleteRule("cascade"),
    invoiceLine: () => p.manyToOne(InvoiceLine).ref().nullable(),
    description: p.string().length(500),
    quantity: quantityColumn().default(1),
    unitAmount: moneyColumn().nullable(),
    amount: moneyColumn(),
    taxAmount: moneyColumn().default(0),
    createdAt: createdAtColumn(),
  }),
  indexes: [{ properties: ["creditNote"] }],
});
export type ICreditNoteLine = InferEntity<typeof CreditNoteLine>;
