import { LockMode } from "@mikro-orm/core";
import { Customer, CustomerUser, Statement, type EntityManager, type IStatement } from "@portico/db";
import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Mailer } from "../email/mailer.js";
import { sendTemplate } from "../email/send.js";
import { defineJobHandler } from "../jobs/handlers.js";
import { safeTimeZone } from "./format.js";
import type { StatementDocument } from "./statement-document.js";
import { loadStatementDocument, renderStatementFile } from "./statement-files.js";
import { storeFile } from "./stored-files.js";

export const STATEMENT_GENERATE_JOB = "statement.generate";

export const ZStatementGeneratePayload = z.object({
  /** Public id (`stmt_…`). */
  statementId: z.string().min(1),
});

export interface StatementJobDependencies {
  mailer: Mailer;
  /** Where the portal is reached (PUBLIC_URL): the e-mail links to `<publicUrl>/portal/statements`. */
  publicUrl: string;
}

const MAX_ERROR_LENGTH = 1000;

/**
 * Generates one statement: queued → generating → ready with its file, balances and
 * summary, and the customer e-mailed (in the same transaction as `ready`, so the e-mail
 * goes out once the file is there, and only then). A failure leaves the statement
 * `failed` with the error and throws, so the queue retries it with backoff; a later run
 * that succeeds makes it `ready`. Running it again for a ready statement changes nothing:
 * one statement never gets two files. Rendering happens outside any transaction (it can
 * take a while for a year of entries; on PGlite an open transaction holds up every request).
 */
export async function generateStatement(
  em: EntityManager,
  clock: Clock,
  deps: StatementJobDependencies,
  statementId: string,
): Promise<IStatement | null> {
  const statement = await em.findOne(Statement, { publicId: statementId }, { refresh: true });
  if (!statement) return null;
  if (statement.status === "ready" && statement.file) return statement;
  const started = clock.now();
  await em.nativeUpdate(
    Statement,
    { id: statement.id, status: { $ne: "ready" } },
    { status: "generating", updatedAt: started },
  );
  try {
    const document = await loadStatementDocument(em, statement, started);
    const rendered = await renderStatementFile(document, statement.format);
    return await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Statement, statement.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        refresh: true,
      });
      if (locked.status === "ready" && locked.file) return locked;
      const now = clock.now();
      const file = storeFile(tx, {
        merchantId: locked.merchant.id,
        customerId: locked.customer.id,
        purpose: "statement",
        filename: rendered.filename,
        contentType: rendered.contentType,
        data: rendered.data,
        createdAt: now,
      });
      Object.assign(locked, {
        file,
        status: "ready",
        openingBalance: document.ledger.openingBalance,
        closingBalance: document.ledger.closingBalance,
        summary: document.ledger.summary,
        error: null,
        readyAt: now,
      });
      await tx.flush();
      await notifyCustomer(tx, deps, locked, document);
      return locked;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await em
      .fork()
      .nativeUpdate(
        Statement,
        { id: statement.id, status: { $ne: "ready" } },
        { status: "failed", error: message.slice(0, MAX_ERROR_LENGTH), updatedAt: clock.now() },
      );
    throw error;
  }
}

/** E-mails whoever asked (a portal user), else the customer's billing address; nobody when neither has one. */
async function notifyCustomer(
  em: EntityManager,
  deps: StatementJobDependencies,
  statement: IStatement,
  document: StatementDocument,
): Promise<void> {
  const requester = statement.requestedBy
    ? await em.findOne(CustomerUser, { id: statement.requestedBy.id, disabledAt: null })
    : null;
  const customer = await em.findOneOrFail(Customer, statement.customer.id);
  const to = requester?.email ?? customer.email;
  if (!to) return;
  await sendTemplate(em, deps.mailer, {
    merchant: { merchantName: document.branding.name, primaryColor: document.branding.primaryColor },
    to,
    template: "statement_ready",
    data: {
      statementsUrl: `${deps.publicUrl.replace(/\/+$/, "")}/portal/statements`,
      periodStart: statement.periodStart,
      periodEnd: new Date(Math.max(statement.periodStart.getTime(), statement.periodEnd.getTime() - 1)),
      format: statement.format,
      timeZone: safeTimeZone(document.branding.timeZone),
    },
    merchantId: statement.merchant.id,
    customerId: customer.id,
  });
}

/** The `statement.generate` job (see generateStatement); it manages its own transactions. */
export function statementGenerateJob(deps: StatementJobDependencies) {
  return defineJobHandler(
    STATEMENT_GENERATE_JOB,
    ZStatementGeneratePayload,
    async (ctx, payload) => {
      await generateStatement(ctx.em, ctx.clock, deps, payload.statementId);
    },
    { transactional: false },
  );
}
