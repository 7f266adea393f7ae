import { getInvoicePdfLink, getStatement, listStatements, requestStatement } from "@portico/core";
import {
  ZIntegrationListStatementsInput,
  ZIntegrationRequestStatementInput,
  ZInvoicePdfInput,
  ZStatementIdInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";
import { downloadLinks } from "./documents-links.js";

/** Invoice PDFs and account statements of the API key's merchant's customers. */
export const documentsRouter = createTRPCRouter({
  /** A signed link to the invoice's PDF, valid ten minutes (drawn again when the invoice changed). */
  invoicePdf: integrationProcedure
    .input(ZInvoicePdfInput)
    .query(({ ctx, input }) =>
      getInvoicePdfLink(
        ctx.em,
        ctx.clock,
        downloadLinks(ctx),
        { merchantId: ctx.integration.merchantId },
        input.invoice,
      ),
    ),

  /** Queues a statement; the customer is e-mailed when it is ready. */
  requestStatement: integrationProcedure
    .input(ZIntegrationRequestStatementInput)
    .mutation(({ ctx, input }) =>
      requestStatement(
        ctx.em,
        ctx.clock,
        { merchantId: ctx.integration.merchantId },
        { ...input, actor: integrationActor(ctx) },
      ),
    ),

  /** A statement, with a fresh signed download link once it is ready. */
  getStatement: integrationProcedure
    .input(ZStatementIdInput)
    .query(({ ctx, input }) =>
      getStatement(
        ctx.em,
        ctx.clock,
        downloadLinks(ctx),
        { merchantId: ctx.integration.merchantId },
        input.id,
      ),
    ),

  listStatements: integrationProcedure
    .input(ZIntegrationListStatementsInput)
    .query(({ ctx, input }) => listStatements(ctx.em, { merchantId: ctx.integration.merchantId }, input)),
});
