import {
  getInvoicePdfLink,
  getLibraryDocumentLink,
  getStatement,
  listLibraryDocuments,
  listStatements,
  requestStatement,
} from "@portico/core";
import {
  ZInvoicePdfInput,
  ZListStatementsInput,
  ZPortalDocumentRefInput,
  ZPortalListDocumentsInput,
  ZRequestStatementInput,
  ZStatementIdInput,
} from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";
import { portalUserActor } from "./portal-user-actor.js";
import { downloadLinks } from "../integration/documents-links.js";

/**
 * The signed-in customer's invoice PDFs, account statements and documents library.
 * Everything reads through the customer's scope: another customer's invoice, statement or
 * document is NOT_FOUND.
 */
export const portalDocumentsRouter = createTRPCRouter({
  /** A signed link to one of the customer's invoice PDFs, valid ten minutes. */
  invoicePdf: customerProcedure
    .meta({ scope: "invoices:read", feature: "invoiceHistory" })
    .input(ZInvoicePdfInput)
    .query(({ ctx, input }) =>
      getInvoicePdfLink(ctx.em, ctx.clock, downloadLinks(ctx), ctx.scope, input.invoice),
    ),

  /**
   * Queues a statement of the account in one of the formats the configuration offers;
   * whoever asked is e-mailed when it is ready.
   */
  requestStatement: customerProcedure
    .meta({ scope: "invoices:read", feature: "statements" })
    .input(ZRequestStatementInput)
    .mutation(({ ctx, input }) =>
      requestStatement(ctx.em, ctx.clock, ctx.scope, {
        ...input,
        allowedFormats: ctx.portal.features.statements.formats,
        requestedBy: ctx.scope.customerUserId,
        actor: portalUserActor(ctx),
      }),
    ),

  statements: customerProcedure
    .meta({ scope: "invoices:read", feature: "statements" })
    .input(ZListStatementsInput)
    .query(({ ctx, input }) => listStatements(ctx.em, ctx.scope, input ?? {})),

  /** One statement, with a fresh signed download link once it is ready. */
  statement: customerProcedure
    .meta({ scope: "invoices:read", feature: "statements" })
    .input(ZStatementIdInput)
    .query(({ ctx, input }) => getStatement(ctx.em, ctx.clock, downloadLinks(ctx), ctx.scope, input.id)),

  /** The documents library (contracts, receipts, tax forms…), newest first, by kind. */
  library: customerProcedure
    .meta({ scope: "invoices:read", feature: "documents" })
    .input(ZPortalListDocumentsInput)
    .query(({ ctx, input }) => listLibraryDocuments(ctx.em, ctx.scope, input)),

  /** A signed link to one library document's file, valid ten minutes. */
  download: customerProcedure
    .meta({ scope: "invoices:read", feature: "documents" })
    .input(ZPortalDocumentRefInput)
    .query(({ ctx, input }) =>
      getLibraryDocumentLink(ctx.em, ctx.clock, downloadLinks(ctx), ctx.scope, input.document),
    ),
});
