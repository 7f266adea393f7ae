import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import {
  StoredFile,
  type ICustomer,
  type IMerchant,
  type IStoredFile,
  type StoredFilePurpose,
} from "../entities/index.js";
import type { SeedContext } from "./context.js";

/**
 * Small but real files for the demo documents: a one-page PDF 1.4 with Helvetica text
 * (valid cross-reference table, opens in any viewer) and plain text.
 */

export interface PdfText {
  title: string;
  lines: string[];
}

/** PDF strings are bytes; keep to printable ASCII and escape what the syntax needs. */
function pdfString(text: string): string {
  const ascii = text.normalize("NFKD").replace(/[^\x20-\x7e]/g, "");
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A single US-letter page: a bold title, then the lines in 11 pt, as a valid PDF 1.4. */
export function buildPdf({ title, lines }: PdfText): Buffer {
  const content = [
    "BT",
    "/F2 18 Tf",
    "72 720 Td",
    `${pdfString(title)} Tj`,
    "/F1 11 Tf",
    "16 TL",
    "0 -30 Td",
    ...lines.map((line) => `${pdfString(line)} Tj T*`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    `<< /Title ${pdfString(title)} /Producer (Portico demo seed) >>`,
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\n`;
  body += `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export function sha256Hex(data: Uint8Array): string {
  return encodeHexLowerCase(sha256(data));
}

export interface FileInput {
  merchant: IMerchant;
  customer?: ICustomer | null;
  purpose: StoredFilePurpose;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: Date;
}

/** A StoredFile row whose size and checksum match its bytes. */
export function storeFile(ctx: SeedContext, input: FileInput): IStoredFile {
  return ctx.em.create(StoredFile, {
    merchant: input.merchant,
    customer: input.customer ?? null,
    purpose: input.purpose,
    filename: input.filename,
    contentType: input.contentType,
    byteSize: input.data.byteLength,
    sha256: sha256Hex(input.data),
    data: input.data,
    createdAt: input.createdAt,
  });
}
