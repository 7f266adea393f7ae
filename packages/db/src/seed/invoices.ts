import { ref } from "@mikro-orm/core";
import {
  Invoice,
  InvoiceLine,
  Payment,
  type CollectionMethod,
  type IDiscount,
  type IInvoice,
  type IPayment,
  type IPaymentMethod,
  type IPrice,
  type ISubscription,
  type ISubscriptionItem,
  type InvoiceBillingReason,
  type InvoiceLineType,
} from "../entities/index.js";
import { stamps, type SeedContext } from "./context.js";
import type { DemoCustomer } from "./customers.js";
import { addDays, addMinutes, type Period } from "./dates.js";
import { sha256Hex } from "./files.js";
import { percentOf, taxOf } from "./money.js";

/**
 * Invoices, their lines and the payment attempts on them, with amounts that always add
 * up (see the Invoice entity): per line, discount = amount × coupon percent and tax =
 * (amount − discount) × rate; subtotal = Σ amount, total = subtotal − Σ discount + Σ tax,
 * amountDue = total − wallet credit, amountRemaining = amountDue − amountPaid − amountCredited.
 * Numbers (invoices and receipts) are given at the end, in time order, so they are gap-free.
 */

export interface LineInput {
  type: InvoiceLineType;
  description: string;
  amount: number;
  quantity?: number;
  unitAmount?: number | null;
  unitAmountDecimal?: string | null;
  price?: IPrice | null;
  subscriptionItem?: ISubscriptionItem | null;
  period?: Period;
  proration?: boolean;
}

export interface InvoiceInput {
  customer: DemoCustomer;
  subscription?: ISubscription | null;
  billingReason: InvoiceBillingReason;
  collectionMethod?: CollectionMethod;
  issuedAt: Date;
  /** Defaults to `issuedAt` when charged automatically, to issuedAt + 30 days otherwise. */
  dueAt?: Date;
  period?: Period;
  lines: LineInput[];
  /** An invoice-level percent-off discount. */
  discount?: { entity: IDiscount; percentOffBps: number } | null;
  walletCreditApplied?: number;
  memo?: string | null;
}

export type FailureCode = "card_declined" | "insufficient_funds" | "expired_card";

const FAILURE_MESSAGES: Record<FailureCode, string> = {
  card_declined: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "Your card has expired.",
};

export class InvoiceBook {
  readonly invoices: IInvoice[] = [];
  readonly payments: IPayment[] = [];
  private readonly attempts = new Map<IInvoice, number>();
  private readonly sequence = new Map<IInvoice, number>();
  private readonly owners = new Map<IInvoice | IPayment, DemoCustomer>();

  constructor(private readonly ctx: SeedContext) {}

  /** Creates an `open` invoice with its lines; pay, fail, void or write it off afterwards. */
  issue(input: InvoiceInput): IInvoice {
    const { ctx } = this;
    const customer = input.customer.entity;
    const taxRate = input.customer.taxRate;
    const bps = input.discount?.percentOffBps ?? 0;
    const lines = input.lines.map((line) => {
      const discountAmount = bps ? percentOf(line.amount, bps) : 0;
      const taxAmount = taxRate ? taxOf(line.amount - discountAmount, taxRate.ratePpm) : 0;
      return { ...line, discountAmount, taxAmount };
    });
    const subtotal = sum(lines.map((l) => l.amount));
    const discountTotal = sum(lines.map((l) => l.discountAmount));
    const taxTotal = sum(lines.map((l) => l.taxAmount));
    const total = subtotal - discountTotal + taxTotal;
    const walletCreditApplied = input.walletCreditApplied ?? 0;
    const amountDue = total - walletCreditApplied;
    const collectionMethod = input.collectionMethod ?? "charge_automatically";
    const dueAt =
      input.dueAt ??
      (collectionMethod === "charge_automatically"
        ? input.issuedAt
        : addDays(input.issuedAt, ctx.merchant.defaultDaysUntilDue));

    const invoice = ctx.em.create(Invoice, {
      merchant: ctx.merchant,
      customer,
      subscription: input.subscription ?? null,
      number: null,
      status: "open",
      billingReason: input.billingReason,
      collectionMethod,
      currency: customer.currency,
      subtotal,
      discountTotal,
      taxTotal,
      total,
      startingBalance: 0,
      endingBalance: 0,
      walletCreditApplied,
      amountDue,
      amountPaid: 0,
      amountRemaining: amountDue,
      amountCredited: 0,
      discount: input.discount?.entity ?? null,
      periodStart: input.period?.start ?? null,
      periodEnd: input.period?.end ?? null,
      issuedAt: input.issuedAt,
      dueAt,
      autoAdvance: collectionMethod === "charge_automatically",
      memo: input.memo ?? null,
      footer: "Thank you for your business. Questions? support@acme.test",
      customerName: customer.name,
      customerEmail: customer.email,
      customerAddress: customer.address,
      customerTaxId: customer.taxId,
      ...stamps(input.issuedAt),
    });
    for (const line of lines) {
      ctx.em.create(InvoiceLine, {
        merchant: ctx.merchant,
        invoice,
        type: line.type,
        subscription: input.subscription ?? null,
        subscriptionItem: line.subscriptionItem ?? null,
        price: line.price ?? null,
        description: line.description,
        quantity: line.quantity ?? 1,
        unitAmount: line.unitAmount ?? null,
        unitAmountDecimal: line.unitAmountDecimal ?? null,
        amount: line.amount,
        discountAmount: line.discountAmount,
        taxAmount: line.taxAmount,
        taxRate: line.taxAmount ? taxRate : null,
        periodStart: line.period?.start ?? null,
        periodEnd: line.period?.end ?? null,
        proration: line.proration ?? false,
        ...stamps(input.issuedAt),
      });
    }
    this.invoices.push(invoice);
    this.sequence.set(invoice, this.invoices.length);
    this.owners.set(invoice, input.customer);
    return invoice;
  }

  /**
   * A successful charge of what is left on the invoice (or `amount` of it); marks it paid
   * once nothing remains. An invoice with nothing to charge (trial, covered by credits) is
   * paid without a payment.
   */
  pay(
    invoice: IInvoice,
    at: Date,
    method: IPaymentMethod | null,
    amount = invoice.amountRemaining,
  ): IPayment | null {
    let payment: IPayment | null = null;
    if (amount > 0) {
      if (!method) throw new Error("A payment needs a payment method");
      payment = this.attempt(invoice, at, method, amount, null);
      invoice.amountPaid += amount;
      invoice.amountRemaining -= amount;
    }
    if (invoice.amountRemaining === 0) {
      invoice.status = "paid";
      invoice.paidAt = at;
      invoice.nextPaymentAttemptAt = null;
    }
    invoice.updatedAt = at;
    return payment;
  }

  /** A declined automatic charge of the whole remaining amount. */
  fail(invoice: IInvoice, at: Date, method: IPaymentMethod, code: FailureCode): IPayment {
    const payment = this.attempt(invoice, at, method, invoice.amountRemaining, code);
    invoice.updatedAt = at;
    return payment;
  }

  void(invoice: IInvoice, at: Date): void {
    invoice.status = "void";
    invoice.voidedAt = at;
    invoice.nextPaymentAttemptAt = null;
    invoice.updatedAt = at;
  }

  markUncollectible(invoice: IInvoice, at: Date): void {
    invoice.status = "uncollectible";
    invoice.markedUncollectibleAt = at;
    invoice.nextPaymentAttemptAt = null;
    invoice.updatedAt = at;
  }

  /** A wallet top-up paid by card (not tied to an invoice). */
  topUp(customer: DemoCustomer, at: Date, method: IPaymentMethod, amount: number): IPayment {
    const payment = this.createPayment({
      customer,
      invoice: null,
      at,
      method,
      amount,
      failure: null,
      idempotencyKey: `demo_topup_${customer.key}_${at.getTime()}`,
      description: "Credit top-up",
    });
    return payment;
  }

  invoicesOf(customer: DemoCustomer): IInvoice[] {
    return this.invoices.filter((invoice) => this.owners.get(invoice) === customer);
  }

  paymentsOf(customer: DemoCustomer): IPayment[] {
    return this.payments.filter((payment) => this.owners.get(payment) === customer);
  }

  private attempt(
    invoice: IInvoice,
    at: Date,
    method: IPaymentMethod,
    amount: number,
    failure: FailureCode | null,
  ): IPayment {
    const attempt = (this.attempts.get(invoice) ?? 0) + 1;
    this.attempts.set(invoice, attempt);
    const payment = this.createPayment({
      customer: this.owners.get(invoice)!,
      invoice,
      at,
      method,
      amount,
      failure,
      idempotencyKey: `demo_invoice_${this.sequence.get(invoice)}_attempt_${attempt}`,
      description: null,
    });
    invoice.attemptCount = attempt;
    invoice.latestPayment = ref(payment);
    return payment;
  }

  private createPayment(input: {
    customer: DemoCustomer;
    invoice: IInvoice | null;
    at: Date;
    method: IPaymentMethod;
    amount: number;
    failure: FailureCode | null;
    idempotencyKey: string;
    description: string | null;
  }): IPayment {
    const { ctx } = this;
    const settledAt = addMinutes(input.at, 0.05);
    const payment = ctx.em.create(Payment, {
      merchant: ctx.merchant,
      customer: input.customer.entity,
      purpose: input.invoice ? "invoice" : "wallet_top_up",
      invoice: input.invoice,
      paymentMethod: input.method,
      amount: input.amount,
      currency: "USD",
      status: input.failure ? "failed" : "succeeded",
      failureCode: input.failure,
      failureMessage: input.failure ? FAILURE_MESSAGES[input.failure] : null,
      idempotencyKey: input.idempotencyKey,
      requestHash: sha256Hex(
        new TextEncoder().encode(
          JSON.stringify({
            key: input.idempotencyKey,
            amount: input.amount,
            currency: "USD",
            method: input.method.gatewayToken,
          }),
        ),
      ),
      gateway: "sandbox",
      gatewayReference: `ch_sandbox_${ctx.rng.token(24)}`,
      description: input.description,
      succeededAt: input.failure ? null : settledAt,
      failedAt: input.failure ? settledAt : null,
      ...stamps(input.at, settledAt),
    });
    this.payments.push(payment);
    this.owners.set(payment, input.customer);
    return payment;
  }

  /**
   * Gap-free numbers in time order: invoices `ACME-0001`… from the merchant's counter,
   * receipts of successful payments `ACME-RCPT-0001`….
   */
  assignNumbers(): void {
    const { merchant } = this.ctx;
    const finalized = this.invoices
      .filter((invoice) => invoice.issuedAt)
      .sort(
        (a, b) =>
          a.issuedAt!.getTime() - b.issuedAt!.getTime() || this.sequence.get(a)! - this.sequence.get(b)!,
      );
    for (const invoice of finalized) {
      merchant.lastInvoiceNumber += 1;
      invoice.number = `${merchant.invoiceNumberPrefix}-${String(merchant.lastInvoiceNumber).padStart(4, "0")}`;
    }
    const succeeded = this.payments
      .filter((payment) => payment.status === "succeeded")
      .sort((a, b) => a.succeededAt!.getTime() - b.succeededAt!.getTime());
    for (const payment of succeeded) {
      merchant.lastReceiptNumber += 1;
      payment.receiptNumber = `${merchant.invoiceNumberPrefix}-RCPT-${String(merchant.lastReceiptNumber).padStart(4, "0")}`;
    }
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
