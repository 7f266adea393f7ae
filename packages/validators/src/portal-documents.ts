import { z } from "zod";
import { pageOf } from "./common.js";
import { publicIdOf } from "./integration.js";

/**
 * Inputs of `portal.documents.library` and `portal.documents.download`. DOCUMENT_KIND_VALUES
 * mirrors @portico/db DOCUMENT_KINDS (a test in @portico/api keeps them equal).
 */

export const DOCUMENT_KIND_VALUES = ["contract", "receipt", "tax_form", "invoice_pdf", "other"] as const;

export const ZPortalListDocumentsInput = pageOf(publicIdOf("doc")).extend({
  kind: z.enum(DOCUMENT_KIND_VALUES).optional(),
});
export type TPortalListDocumentsInput = z.infer<typeof ZPortalListDocumentsInput>;

export const ZPortalDocumentRefInput = z.strictObject({ document: publicIdOf("doc") });
export type TPortalDocumentRefInput = z.infer<typeof ZPortalDocumentRefInput>;
