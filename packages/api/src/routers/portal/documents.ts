import { getInvoicePdfLink, getStatement, listStatements, requestStatement } from "@portico/core";
import {
  ZInvoicePdfInput,
  ZListStatementsInput,
  ZRequestStatementInput,
  ZStatementIdInput,
} from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { originOf } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";
import { downloadLinks } from "../integration/documents-links.js";

/**
 * The signed-in customer's invoice PDFs and account statements. Everything reads through
 * the customer's scope: another customer's invoice or statement is NOT_FOUND.
 */
export const portalDocumentsRouter = createTRPCRouter({
  /** A signed link to one of the customer's invoice PDFs, valid ten minutes. */
  invoicePdf: customerProcedure
    .meta({ scope: "invoices:read" })
    .input(ZInvoicePdfInput)
    .query(({ ctx, input }) =>
      getInvoicePdfLink(ctx.em, ctx.clock, downloadLinks(ctx), ctx.scope, input.invoice),
    ),

  /** Queues a statement of the account; whoever asked is e-mailed when it is ready. */
  requestStatement: customerProcedure
    .meta({ scope: "invoices:read" })
    .input(ZRequestStatementInput)
    .mutation(({ ctx, input }) =>
      requestStatement(ctx.em, ctx.clock, ctx.scope, {
        ...input,
        requestedBy: ctx.scope.customerUserId,
        actor: { type: "customer_user", id: null, ...originOf(ctx), requestId: ctx.req.requestId },
      }),
    ),

  statements: customerProcedure
    .meta({ scope: "invoices:read" })
    .input(ZListStatementsInput)
    .query(({ ctx, input }) => listStatements(ctx.em, ctx.scope, input ?? {})),

  /** One statement, with a fresh signed download link once it is ready. */
  statement: customerProcedure
    .meta({ scope: "invoices:read" })
    .input(ZStatementIdInput)
    .query(({ ctx, input }) => getStatement(ctx.em, ctx.clock, downloadLinks(ctx), ctx.scope, input.id)),
});
