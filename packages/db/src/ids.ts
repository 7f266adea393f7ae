import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/**
 * Public identifiers are a type prefix and 24 base32 characters (120 random bits):
 * `cus_3kq7…`. Numeric keys never leave the server; these do.
 */
export const ID_PREFIXES = {
  merchant: "mer",
  merchantUser: "mu",
  apiKey: "key",
  customer: "cus",
  customerUser: "cu",
  product: "prod",
  price: "price",
  coupon: "coupon",
  taxRate: "txr",
  discount: "di",
  subscription: "sub",
  subscriptionItem: "si",
  invoice: "in",
  invoiceLine: "il",
  creditNote: "cn",
  creditNoteLine: "cnl",
  paymentMethod: "pm",
  payment: "py",
  refund: "re",
  meter: "mtr",
  /** Reserved: UsageEvent rows carry no public id; the caller's idempotency key names them. */
  usageEvent: "ue",
  wallet: "wlt",
  walletTransaction: "wtx",
  statement: "stmt",
  document: "doc",
  storedFile: "file",
  portalConfiguration: "bpc",
  portalSession: "ps",
  customerToken: "cst",
  retentionOffer: "ro",
  retentionRedemption: "rr",
  cancellationFeedback: "cf",
  supportTicket: "tkt",
  supportMessage: "msg",
  auditEvent: "evt",
  webhookEndpoint: "we",
  webhookDelivery: "wd",
  /** Outbound webhook event ids (`WebhookDelivery.eventId`); there is no table of their own. */
  webhookEvent: "whevt",
  testClock: "clock",
  emailMessage: "eml",
  /** AuthSession's id is half of the cookie's credential; lists and revocation use this instead. */
  authSession: "sess",
  job: "job",
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

export function newPublicId(prefix: IdPrefix): string {
  return `${prefix}_${encodeBase32LowerCaseNoPadding(randomBytes(15))}`;
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return id.startsWith(`${prefix}_`);
}
