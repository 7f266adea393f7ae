export * from "./gateway.js";
export { registerGateway, gatewayFor, sandboxLedger, type GatewayFactory } from "./registry.js";
export {
  SandboxGateway,
  SandboxLedger,
  SANDBOX_PROCESSING_SECONDS,
  type SandboxCharge,
} from "./sandbox-gateway.js";
export { SANDBOX_TEST_CARDS, passesLuhn } from "./test-cards.js";
export * from "./idempotency.js";
export type { PaymentActor, PaymentScope } from "./scope.js";
export * from "./dto.js";
export * from "./invoice-dto.js";
export {
  addPaymentMethod,
  getPaymentMethod,
  listPaymentMethods,
  removePaymentMethod,
  setDefaultPaymentMethod,
  type AddPaymentMethodInput,
} from "./methods.js";
export {
  executeCharge,
  gatewayKeyOf,
  markInvoicePaid,
  recordChargeOutcome,
  type ChargeOptions,
} from "./charge.js";
export { payInvoice, type InvoicePayment, type PayInvoiceInput } from "./pay-invoice.js";
export {
  payCustomerInvoice,
  type PartialPaymentPolicy,
  type PayCustomerInvoiceInput,
} from "./customer-pay.js";
export {
  refreshPayment,
  settlePaymentByReference,
  settleProcessingPayments,
  STALE_RESERVATION_SECONDS,
  type SettleRun,
} from "./settle.js";
export {
  recordRefundOutcome,
  refundPayment,
  type PaymentRefund,
  type RefundPaymentInput,
} from "./refunds.js";
export { getPayment, listPayments, type ListPaymentsInput } from "./queries.js";
export {
  hasReceipt,
  listPaymentHistory,
  type PaymentHistoryEntryDto,
  type PaymentHistoryRefundDto,
} from "./history.js";
export { getPaymentReceipt, getPaymentReceiptLink } from "./receipt-file.js";
export { startPaymentMethodSetup, type MethodSetupDto } from "./setup.js";
export {
  getInvoice,
  invoicePayments,
  listInvoices,
  voidInvoiceInScope,
  type InvoiceWithPayments,
  type ListInvoicesInput,
} from "./invoices.js";
export * from "./stripe-credentials.js";
export {
  createStripeClient,
  StripeGateway,
  stripeChargeResultOf,
  stripeGatewayFactory,
  stripeRefundResultOf,
  STRIPE_API_VERSION,
  type StripeClientOptions,
} from "./stripe-gateway.js";
export * from "./stripe-events.js";
export * from "./stripe-settings.js";
export { issueCreditNote, type IssueCreditNoteInput, type IssuedCreditNote } from "./credit-notes.js";
