import {
  Customer,
  CustomerUser,
  Merchant,
  Statement,
  queueAuditEvent,
  type EntityManager,
  type ICustomer,
  type IStatement,
  type StatementFormat,
} from "@portico/db";
import { type Actor, actorFields } from "../actor.js";
import type { Clock } from "../clock.js";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import { customerNotFound } from "../customers/resolve.js";
import { AppError } from "../errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { customerInScope, scopeFilter } from "../payments/scope.js";
import { downloadLink, type DownloadLinkSettings } from "./download-links.js";
import {
  STATEMENT_POPULATE,
  toStatementDto,
  type StatementDto,
  type StatementWithDownloadDto,
} from "./dto.js";
import { documentLocale, safeTimeZone } from "./format.js";
import type { DocumentScope } from "./invoice-file.js";
import { STATEMENT_GENERATE_JOB } from "./statement-job.js";
import { statementPeriod, type PeriodBound } from "./statement-period.js";

/** Statements of one customer waiting for the queue at once; more is TOO_MANY_REQUESTS. */
export const MAX_PENDING_STATEMENTS = 5;
const STATEMENT_JOB_ATTEMPTS = 5;

export interface RequestStatementInput {
  /** `cus_…` or external id; required unless the scope is one customer's (portal). */
  customer?: string;
  /** A calendar day (YYYY-MM-DD, in the merchant's time zone) or an instant; see statement-period.ts. */
  periodStart: PeriodBound;
  /** A calendar day (included) or an instant (excluded). */
  periodEnd: PeriodBound;
  format: StatementFormat;
  /** The formats offered (the portal configuration's); another is FORBIDDEN `STATEMENT_FORMAT_DISABLED`. */
  allowedFormats?: readonly StatementFormat[];
  /** The file's language; default the customer's, then the merchant's. */
  locale?: string | null;
  /** Internal id of the portal user asking; they get the e-mail. */
  requestedBy?: number | null;
  actor: Actor;
}

/**
 * Queues a statement of the customer's account (see statement-ledger.ts) in the customer's
 * currency: the Statement row (`queued`) and its `statement.generate` job are written in
 * one transaction, so there is never one without the other. The period is checked first
 * (statement-period.ts). The same request while an equal one still waits answers that one;
 * more than MAX_PENDING_STATEMENTS waiting is TOO_MANY_REQUESTS `STATEMENT_REQUESTS_PENDING`.
 */
export async function requestStatement(
  em: EntityManager,
  clock: Clock,
  scope: DocumentScope,
  input: RequestStatementInput,
): Promise<StatementDto> {
  if (input.allowedFormats && !input.allowedFormats.includes(input.format)) {
    throw new AppError(
      "FORBIDDEN",
      "STATEMENT_FORMAT_DISABLED",
      `Statements in ${input.format} are turned off.`,
      {
        details: { format: input.format, allowedFormats: [...input.allowedFormats] },
      },
    );
  }
  const customer = await statementCustomer(em, scope, input.customer);
  const merchant = await em.findOneOrFail(Merchant, scope.merchantId);
  const now = clock.now();
  const period = statementPeriod(
    { start: input.periodStart, end: input.periodEnd },
    safeTimeZone(merchant.timezone),
    now,
  );
  const locale = documentLocale(input.locale, customer.locale, merchant.defaultLocale).tag;
  const requestedBy = input.requestedBy
    ? await em.findOne(CustomerUser, { id: input.requestedBy, customer: customer.id })
    : null;
  // The portal knows its user by internal id only: the audit trail names them by public id.
  const actor =
    input.actor.type === "customer_user" && !input.actor.id && requestedBy
      ? { ...input.actor, id: requestedBy.publicId }
      : input.actor;

  const id = await em.transactional(async (tx) => {
    const pending = await tx.find(Statement, {
      customer: customer.id,
      status: { $in: ["queued", "generating"] },
    });
    const same = pending.find(
      (s) =>
        s.format === input.format &&
        s.locale === locale &&
        s.periodStart.getTime() === period.start.getTime() &&
        s.periodEnd.getTime() === period.end.getTime(),
    );
    if (same) return same.id;
    if (pending.length >= MAX_PENDING_STATEMENTS) {
      throw new AppError(
        "TOO_MANY_REQUESTS",
        "STATEMENT_REQUESTS_PENDING",
        `At most ${MAX_PENDING_STATEMENTS} statements can wait at once; try again when they are ready.`,
        { details: { max: MAX_PENDING_STATEMENTS } },
      );
    }
    const statement = tx.create(Statement, {
      merchant: merchant.id,
      customer: customer.id,
      periodStart: period.start,
      periodEnd: period.end,
      format: input.format,
      status: "queued",
      currency: customer.currency,
      locale,
      requestedBy: requestedBy?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();
    await enqueueJob(tx, {
      name: STATEMENT_GENERATE_JOB,
      payload: { statementId: statement.publicId },
      runAt: now,
      maxAttempts: STATEMENT_JOB_ATTEMPTS,
      singletonKey: `statement:${statement.publicId}`,
      merchant: merchant.id,
    });
    queueAuditEvent(tx, {
      merchant: merchant.id,
      customer: customer.id,
      ...actorFields(actor),
      action: "Statement.Requested",
      targetType: "statement",
      targetId: statement.publicId,
      data: {
        periodStart: period.start.toISOString(),
        periodEnd: period.end.toISOString(),
        format: input.format,
        requestedBy: requestedBy?.publicId ?? null,
      },
      at: now,
    });
    await tx.flush();
    return statement.id;
  });
  const statement = await em.findOneOrFail(Statement, id, { populate: STATEMENT_POPULATE, refresh: true });
  return toStatementDto(statement, { withError: scope.customerId == null });
}

/** A statement in scope with, once ready, a fresh signed download link; NOT_FOUND otherwise. */
export async function getStatement(
  em: EntityManager,
  clock: Clock,
  links: DownloadLinkSettings,
  scope: DocumentScope,
  id: string,
): Promise<StatementWithDownloadDto> {
  const statement = await em.findOne(
    Statement,
    { publicId: id, ...scopeFilter(scope) },
    { populate: STATEMENT_POPULATE, refresh: true },
  );
  if (!statement) throw statementNotFound();
  const file = statement.status === "ready" ? (statement.file?.getEntity() ?? null) : null;
  return {
    ...toStatementDto(statement, { withError: scope.customerId == null }),
    download: file ? downloadLink(links, clock, file, statement.customer.getEntity().publicId) : null,
  };
}

export interface ListStatementsInput extends PageParams {
  /** Merchants: one customer's (`cus_…` or external id); the portal lists its own. */
  customer?: string;
}

/** The scope's statements, newest first, a keyset page at a time (no download links: ask one by id). */
export async function listStatements(
  em: EntityManager,
  scope: DocumentScope,
  input: ListStatementsInput,
): Promise<Page<StatementDto>> {
  const limit = pageFetchLimit(input);
  const customer = input.customer === undefined ? null : await customerInScope(em, scope, input.customer);
  const after = await keysetAfter(em, "statement", scope.merchantId, input.startingAfter);
  const rows: IStatement[] = await em.find(
    Statement,
    { ...scopeFilter(scope), ...(customer ? { customer: customer.id } : {}), ...after },
    { orderBy: NEWEST_FIRST, limit, populate: STATEMENT_POPULATE },
  );
  const page = toPage(rows, input);
  return { ...page, data: page.data.map((s) => toStatementDto(s, { withError: scope.customerId == null })) };
}

export const statementNotFound = () => new AppError("NOT_FOUND", "STATEMENT_NOT_FOUND", "No such statement.");

async function statementCustomer(
  em: EntityManager,
  scope: DocumentScope,
  ref: string | undefined,
): Promise<ICustomer> {
  if (ref !== undefined) return customerInScope(em, scope, ref);
  if (scope.customerId == null) {
    throw new AppError("BAD_REQUEST", "CUSTOMER_REQUIRED", "Name the customer the statement is for.");
  }
  const customer = await em.findOne(Customer, {
    id: scope.customerId,
    merchant: scope.merchantId,
    deletedAt: null,
  });
  if (!customer) throw customerNotFound();
  return customer;
}
