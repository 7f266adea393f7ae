import { LockMode, type FilterQuery } from "@mikro-orm/core";
import {
  Invoice,
  Payment,
  type EntityManager,
  type IInvoice,
  type InvoiceStatus,
  type IPayment,
} from "@portico/db";
import type { Clock } from "../clock.js";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import { AppError } from "../errors.js";
import { voidInvoice } from "../invoices/transitions.js";
import { PAYMENT_POPULATE } from "./dto.js";
import { INVOICE_POPULATE, INVOICE_SUMMARY_POPULATE } from "./invoice-dto.js";
import {
  customerInScope,
  invoiceNotFound,
  scopeFilter,
  type PaymentActor,
  type PaymentScope,
} from "./scope.js";

export interface ListInvoicesInput extends PageParams {
  /** `cus_…` or the merchant's external id; all the merchant's customers when omitted. */
  customer?: string;
  /** `overdue` is derived: open and due before `now`. */
  status?: InvoiceStatus | "overdue";
  /** The instant `overdue` is judged at; needed with that status. */
  now?: Date;
  /** Issued at or after this instant (drafts, never issued, drop out). */
  issuedFrom?: Date;
  /** Issued before this instant. */
  issuedBefore?: Date;
  /** Part of the invoice number, any case (`0007`, `acme-2026`). */
  number?: string;
  /** Leave drafts out, whatever `status` says (what customers see). */
  excludeDrafts?: boolean;
}

/** The scope's invoices (drafts included unless excluded), newest first, a keyset page at a time. */
export async function listInvoices(
  em: EntityManager,
  scope: PaymentScope,
  input: ListInvoicesInput,
): Promise<Page<IInvoice>> {
  const limit = pageFetchLimit(input);
  const customer = input.customer === undefined ? null : await customerInScope(em, scope, input.customer);
  const after = await keysetAfter(em, "invoice", scope.merchantId, input.startingAfter);
  const issued = {
    ...(input.issuedFrom === undefined ? {} : { $gte: input.issuedFrom }),
    ...(input.issuedBefore === undefined ? {} : { $lt: input.issuedBefore }),
  };
  const rows = await em.find(
    Invoice,
    {
      $and: [
        { ...scopeFilter(scope), ...(customer ? { customer: customer.id } : {}), ...after },
        statusFilter(input),
        input.excludeDrafts ? { status: { $ne: "draft" } } : {},
        Object.keys(issued).length === 0 ? {} : { issuedAt: issued },
        input.number === undefined ? {} : { number: { $ilike: `%${escapeLike(input.number)}%` } },
      ],
    },
    { orderBy: NEWEST_FIRST, limit, populate: INVOICE_SUMMARY_POPULATE },
  );
  return toPage(rows, input);
}

function statusFilter(input: ListInvoicesInput): FilterQuery<IInvoice> {
  if (input.status === undefined) return {};
  if (input.status !== "overdue") return { status: input.status };
  if (!input.now) throw new Error("listInvoices: the overdue status needs `now`");
  return { status: "open", dueAt: { $lt: input.now } };
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface InvoiceWithPayments {
  invoice: IInvoice;
  /** Every attempt, oldest first. */
  payments: IPayment[];
}

/** An invoice in scope by `in_…` with its lines and payments, or NOT_FOUND (a draft too, when excluded). */
export async function getInvoice(
  em: EntityManager,
  scope: PaymentScope,
  id: string,
  options: { excludeDrafts?: boolean } = {},
): Promise<InvoiceWithPayments> {
  const invoice = await em.findOne(
    Invoice,
    { publicId: id, ...scopeFilter(scope), ...(options.excludeDrafts ? { status: { $ne: "draft" } } : {}) },
    { populate: INVOICE_POPULATE, refresh: true },
  );
  if (!invoice) throw invoiceNotFound();
  return { invoice, payments: await invoicePayments(em, invoice) };
}

/** An invoice's payment attempts, oldest first, loaded for their DTOs. */
export async function invoicePayments(em: EntityManager, invoice: IInvoice): Promise<IPayment[]> {
  return em.find(
    Payment,
    { invoice: invoice.id },
    { orderBy: { createdAt: "asc", id: "asc" }, populate: PAYMENT_POPULATE, refresh: true },
  );
}

/**
 * Voids an invoice in scope (see voidInvoice), under its lock; one with a charge still
 * processing is CONFLICT `PAYMENT_IN_PROGRESS` (the money may yet arrive).
 */
export async function voidInvoiceInScope(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  id: string,
): Promise<InvoiceWithPayments> {
  await em.transactional(async (tx) => {
    const invoice = await tx.findOne(
      Invoice,
      { publicId: id, ...scopeFilter(actor) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!invoice) throw invoiceNotFound();
    const inFlight = await tx.findOne(Payment, { invoice: invoice.id, status: "processing" });
    if (inFlight) throw paymentInProgress(inFlight);
    await voidInvoice(tx, clock, invoice, actor);
    await tx.flush();
  });
  return getInvoice(em, actor, id);
}

export function paymentInProgress(payment: IPayment): AppError {
  return new AppError("CONFLICT", "PAYMENT_IN_PROGRESS", "A payment of this invoice is still processing.", {
    details: { payment: payment.publicId },
  });
}
