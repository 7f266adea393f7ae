import { z } from "zod";
import { pageOf, ZLocale } from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";

/**
 * Inputs of `portal.documents` and `integration.documents` (invoice PDFs, statements).
 * STATEMENT_FORMAT_VALUES mirrors @portico/db STATEMENT_FORMATS (a test in @portico/api
 * keeps them equal). The period's rules (start before end, at most a year, not after
 * today in the merchant's time zone) are core's, with their own `reason`.
 */

export const STATEMENT_FORMAT_VALUES = ["pdf", "csv", "xlsx"] as const;

/**
 * A calendar day (`2026-01-31`, in the merchant's time zone; an end day is included) or an
 * ISO 8601 instant with an offset (an end instant is excluded).
 */
export const ZStatementBound = z.union([
  z.iso.date(),
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);

export const ZInvoicePdfInput = z.strictObject({ invoice: publicIdOf("in") });
export type TInvoicePdfInput = z.infer<typeof ZInvoicePdfInput>;

/** A customer asks for a statement of their own account. */
export const ZRequestStatementInput = z.strictObject({
  periodStart: ZStatementBound,
  periodEnd: ZStatementBound,
  format: z.enum(STATEMENT_FORMAT_VALUES),
  /** The file's language; default the customer's. */
  locale: ZLocale.optional(),
});
export type TRequestStatementInput = z.infer<typeof ZRequestStatementInput>;

/** A merchant backend asks for one of its customers' statements. */
export const ZIntegrationRequestStatementInput = ZRequestStatementInput.extend({ customer: ZCustomerRef });
export type TIntegrationRequestStatementInput = z.infer<typeof ZIntegrationRequestStatementInput>;

export const ZStatementIdInput = z.strictObject({ id: publicIdOf("stmt") });
export type TStatementIdInput = z.infer<typeof ZStatementIdInput>;

export const ZListStatementsInput = pageOf(publicIdOf("stmt")).optional();
export type TListStatementsInput = z.infer<typeof ZListStatementsInput>;

export const ZIntegrationListStatementsInput = pageOf(publicIdOf("stmt")).extend({
  customer: ZCustomerRef.optional(),
});
export type TIntegrationListStatementsInput = z.infer<typeof ZIntegrationListStatementsInput>;
