import { Customer, Document, type DocumentKind, type EntityManager, type IDocument } from "@portico/db";
import type { Clock } from "../clock.js";
import { findPage, mapPage, type Page, type PageParams } from "../common/keyset-page.js";
import { AppError } from "../errors.js";
import { scopeFilter } from "../payments/scope.js";
import { downloadLink, type DownloadLinkDto, type DownloadLinkSettings } from "./download-links.js";
import type { DocumentScope } from "./invoice-file.js";

/** An entry of the documents library as a customer sees it: public ids only. */
export interface LibraryDocumentDto {
  /** `doc_…` */
  id: string;
  kind: DocumentKind;
  title: string;
  description: string | null;
  file: { filename: string; contentType: string; byteSize: number };
  /** The invoice a receipt or invoice PDF was filed from. */
  invoice: { id: string; number: string | null } | null;
  createdAt: string;
}

export interface ListLibraryDocumentsInput extends PageParams {
  kind?: DocumentKind;
}

const DOCUMENT_POPULATE = ["file", "invoice"] as const;

export const documentNotFound = () => new AppError("NOT_FOUND", "DOCUMENT_NOT_FOUND", "No such document.");

/** Needs DOCUMENT_POPULATE loaded. */
export function toLibraryDocumentDto(document: IDocument): LibraryDocumentDto {
  const file = document.file.getEntity();
  const invoice = document.invoice?.getEntity() ?? null;
  return {
    id: document.publicId,
    kind: document.kind,
    title: document.title,
    description: document.description ?? null,
    file: { filename: file.filename, contentType: file.contentType, byteSize: file.byteSize },
    invoice: invoice ? { id: invoice.publicId, number: invoice.number ?? null } : null,
    createdAt: document.createdAt.toISOString(),
  };
}

/**
 * The scope's documents library, newest first, a keyset page at a time. Only entries the
 * merchant made visible to the customer are listed, whoever asks, so the portal and the
 * download link below agree on what exists.
 */
export async function listLibraryDocuments(
  em: EntityManager,
  scope: DocumentScope,
  input: ListLibraryDocumentsInput,
): Promise<Page<LibraryDocumentDto>> {
  const page = await findPage(
    em,
    Document,
    {
      table: "document",
      merchantId: scope.merchantId,
      where: {
        ...scopeFilter(scope),
        visibleToCustomer: true,
        ...(input.kind ? { kind: input.kind } : {}),
      },
      populate: DOCUMENT_POPULATE,
    },
    input,
  );
  return mapPage(page, toLibraryDocumentDto);
}

/**
 * A signed, expiring link to a library document's file (see download-links.ts). A
 * document that is another customer's or hidden from the customer is NOT_FOUND
 * `DOCUMENT_NOT_FOUND`.
 */
export async function getLibraryDocumentLink(
  em: EntityManager,
  clock: Clock,
  links: DownloadLinkSettings,
  scope: DocumentScope,
  id: string,
): Promise<DownloadLinkDto> {
  const document = await em.findOne(
    Document,
    { publicId: id, ...scopeFilter(scope), visibleToCustomer: true },
    { populate: ["file"] },
  );
  if (!document) throw documentNotFound();
  const customer = await em.findOneOrFail(Customer, document.customer.id, { fields: ["publicId"] });
  return downloadLink(links, clock, document.file.getEntity(), customer.publicId);
}
