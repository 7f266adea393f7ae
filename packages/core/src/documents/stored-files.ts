import {
  Customer,
  Document,
  StoredFile,
  type EntityManager,
  type IStoredFile,
  type StoredFilePurpose,
} from "@portico/db";
import { createHash } from "node:crypto";

export interface StoreFileInput {
  merchantId: number;
  customerId: number | null;
  purpose: StoredFilePurpose;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: Date;
}

/** A StoredFile row for `data` with its size and SHA-256, persisted with `em` (flush to write it). */
export function storeFile(em: EntityManager, input: StoreFileInput): IStoredFile {
  return em.create(StoredFile, {
    merchant: input.merchantId,
    customer: input.customerId,
    purpose: input.purpose,
    filename: input.filename,
    contentType: input.contentType,
    byteSize: input.data.byteLength,
    sha256: createHash("sha256").update(input.data).digest("hex"),
    data: input.data,
    createdAt: input.createdAt,
  });
}

/** A file as a download sends it. */
export interface CustomerFile {
  publicId: string;
  filename: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  data: Buffer;
}

/**
 * One customer's file by public id, with its bytes; null when it does not exist or belongs
 * to anyone else (another customer, no customer, a deleted customer). The lookup always
 * takes the customer: there is no way to read a file without naming whose it must be.
 */
export async function getCustomerFile(
  em: EntityManager,
  input: { filePublicId: string; customerPublicId: string },
): Promise<CustomerFile | null> {
  const customer = await em.findOne(
    Customer,
    { publicId: input.customerPublicId, deletedAt: null },
    { fields: ["id"] },
  );
  if (!customer) return null;
  const file = await em.findOne(
    StoredFile,
    { publicId: input.filePublicId, customer: customer.id },
    { populate: ["data"] },
  );
  if (!file) return null;
  const data = file.data.$;
  return {
    publicId: file.publicId,
    filename: file.filename,
    contentType: file.contentType,
    byteSize: file.byteSize,
    sha256: file.sha256,
    data: Buffer.from(data),
  };
}

/** Deletes a replaced generated file unless a customer's documents library still lists it. */
export async function deleteUnlistedFile(em: EntityManager, fileId: number): Promise<void> {
  if ((await em.count(Document, { file: fileId })) > 0) return;
  await em.nativeDelete(StoredFile, { id: fileId });
}
