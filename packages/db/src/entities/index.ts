import { AuditEvent } from "./audit.js";
import { AuthSession, OneTimeToken, RateLimitBucket, RecoveryCode } from "./auth.js";
import { Coupon, Discount, Price, Product, TaxRate } from "./catalog.js";
import { Customer, CustomerUser } from "./customer.js";
import { CreditNote, CreditNoteLine, Invoice, InvoiceLine } from "./invoice.js";
import { Job, TestClock } from "./jobs.js";
import { ApiKey, Merchant, MerchantUser } from "./merchant.js";
import { EmailMessage, NotificationPreference } from "./notification.js";
import { GatewayEvent, IdempotencyRecord, Payment, PaymentMethod, Refund } from "./payment.js";
import {
  CancellationFeedback,
  CustomerToken,
  PortalConfiguration,
  PortalSession,
  RetentionOffer,
  RetentionOfferRedemption,
} from "./portal.js";
import { Document, Statement, StoredFile } from "./statement.js";
import { Subscription, SubscriptionItem } from "./subscription.js";
import { SupportMessage, SupportTicket } from "./support.js";
import { Meter, UsageAggregate, UsageEvent } from "./usage.js";
import { Wallet, WalletTransaction } from "./wallet.js";
import { WebhookDelivery, WebhookEndpoint } from "./webhook.js";

export type { PostalAddress } from "./columns.js";
export * from "./merchant.js";
export * from "./customer.js";
export * from "./catalog.js";
export * from "./subscription.js";
export * from "./invoice.js";
export * from "./payment.js";
export * from "./usage.js";
export * from "./wallet.js";
export * from "./statement.js";
export * from "./portal.js";
export * from "./support.js";
export * from "./notification.js";
export * from "./audit.js";
export * from "./webhook.js";
export * from "./auth.js";
export * from "./jobs.js";

/** Every entity, listed explicitly for the ORM config (no folder scanning). */
export const allEntities = [
  // merchant.ts
  Merchant,
  MerchantUser,
  ApiKey,
  // customer.ts
  Customer,
  CustomerUser,
  // catalog.ts
  Product,
  Price,
  Coupon,
  Discount,
  TaxRate,
  // subscription.ts
  Subscription,
  SubscriptionItem,
  // invoice.ts
  Invoice,
  InvoiceLine,
  CreditNote,
  CreditNoteLine,
  // payment.ts
  PaymentMethod,
  Payment,
  Refund,
  IdempotencyRecord,
  GatewayEvent,
  // usage.ts
  Meter,
  UsageEvent,
  UsageAggregate,
  // wallet.ts
  Wallet,
  WalletTransaction,
  // statement.ts
  StoredFile,
  Statement,
  Document,
  // portal.ts
  PortalConfiguration,
  PortalSession,
  CustomerToken,
  RetentionOffer,
  RetentionOfferRedemption,
  CancellationFeedback,
  // support.ts
  SupportTicket,
  SupportMessage,
  // notification.ts
  NotificationPreference,
  EmailMessage,
  // audit.ts
  AuditEvent,
  // webhook.ts
  WebhookEndpoint,
  WebhookDelivery,
  // auth.ts
  AuthSession,
  OneTimeToken,
  RecoveryCode,
  RateLimitBucket,
  // jobs.ts
  Job,
  TestClock,
];
