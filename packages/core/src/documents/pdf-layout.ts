import PDFDocument from "pdfkit";
import type { DocumentBranding } from "./branding.js";
import type { DocumentFormat } from "./format.js";
import { toWinAnsi } from "./win-ansi.js";

/**
 * The page furniture invoice and statement PDFs share, on PDFKit: letterhead, tables that
 * carry on over page breaks with their header repeated, a totals block, a status stamp and
 * "Page n of m" footers. All text goes through toWinAnsi (standard fonts, see win-ansi.ts).
 */

export type Pdf = PDFKit.PDFDocument;

export const MARGIN = 50;
const FOOTER_SPACE = 30;
export const COLORS = { text: "#111827", muted: "#6b7280", rule: "#d1d5db", shade: "#f3f4f6" } as const;
export const FONT = { regular: "Helvetica", bold: "Helvetica-Bold" } as const;

export interface PdfOptions {
  title: string;
  author: string;
  subject: string;
  /** BCP 47 tag: the PDF's /Lang, for screen readers. */
  lang: string;
  pageSize: "A4" | "LETTER";
  /** The document's own date, as its creation date: the same data renders the same file. */
  createdAt: Date;
}

/** Footer text of page `page` of `pages` ("INV-0001 · Page 2 of 3"). */
export type PageFooter = (page: number, pages: number) => string;

/** A new PDF and the function that ends it (footers on every page first) into one Buffer. */
export function openPdf(options: PdfOptions): { doc: Pdf; finish: (footer: PageFooter) => Promise<Buffer> } {
  const doc = new PDFDocument({
    size: options.pageSize,
    margin: MARGIN,
    bufferPages: true,
    lang: options.lang,
    displayTitle: true,
    info: {
      Title: toWinAnsi(options.title),
      Author: toWinAnsi(options.author),
      Subject: toWinAnsi(options.subject),
      Creator: "Portico",
      Producer: "Portico (PDFKit)",
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font(FONT.regular).fillColor(COLORS.text);
  return {
    doc,
    finish: (footer) => {
      numberPages(doc, footer);
      doc.end();
      return ended;
    },
  };
}

/** Width between the margins. */
export function contentWidth(doc: Pdf): number {
  return doc.page.width - 2 * MARGIN;
}

/** The lowest y content may reach on this page (the footer lives below it). */
export function bottomLimit(doc: Pdf): number {
  return doc.page.height - MARGIN - FOOTER_SPACE;
}

/** A new page when `height` does not fit below `y`; returns where to draw. */
export function ensureSpace(doc: Pdf, y: number, height: number): number {
  if (y + height <= bottomLimit(doc)) return y;
  doc.addPage();
  return MARGIN;
}

export interface TextOptions {
  width?: number;
  align?: "left" | "right" | "center";
  size?: number;
  bold?: boolean;
  color?: string;
}

/** Text at (x, y), wrapped to `width`; returns the y below it. */
export function write(doc: Pdf, text: string, x: number, y: number, options: TextOptions = {}): number {
  const width = options.width ?? contentWidth(doc);
  doc
    .font(options.bold ? FONT.bold : FONT.regular)
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? COLORS.text);
  const safe = toWinAnsi(text);
  doc.text(safe, x, y, { width, align: options.align ?? "left", lineGap: 1 });
  return y + doc.heightOfString(safe, { width, lineGap: 1 });
}

export function measure(doc: Pdf, text: string, options: TextOptions & { width: number }): number {
  doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? 10);
  return doc.heightOfString(toWinAnsi(text), { width: options.width, lineGap: 1 });
}

export function rule(doc: Pdf, y: number, color: string = COLORS.rule, width = 0.75): void {
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(doc), y)
    .lineWidth(width)
    .strokeColor(color)
    .stroke();
}

/**
 * Logo (or the merchant's name in the primary colour) and the merchant's details on the
 * left, the document title on the right, a rule in the primary colour below. Returns the y
 * below the rule.
 */
export function letterhead(doc: Pdf, branding: DocumentBranding, fmt: DocumentFormat, title: string): number {
  const left = MARGIN;
  const half = contentWidth(doc) / 2;
  let y = MARGIN;
  if (branding.logo && drawLogo(doc, branding.logo.data, left, y)) {
    y += 54;
    y = write(doc, branding.name, left, y, { width: half, bold: true, size: 12 });
  } else {
    y = write(doc, branding.name, left, y, {
      width: half,
      bold: true,
      size: 16,
      color: branding.primaryColor,
    });
  }
  for (const line of branding.addressLines)
    y = write(doc, line, left, y, { width: half, color: COLORS.muted });
  if (branding.taxId)
    y = write(doc, fmt.t("taxId", { taxId: branding.taxId }), left, y, { width: half, color: COLORS.muted });
  if (branding.supportEmail)
    y = write(doc, branding.supportEmail, left, y, { width: half, color: COLORS.muted });
  const titleBottom = write(doc, title, left + half, MARGIN, {
    width: half,
    align: "right",
    bold: true,
    size: 22,
    color: branding.primaryColor,
  });
  y = Math.max(y, titleBottom) + 10;
  rule(doc, y, branding.primaryColor, 2);
  return y + 14;
}

/** Draws the logo fitted in 160×48; false when PDFKit cannot read the image. */
function drawLogo(doc: Pdf, data: Buffer, x: number, y: number): boolean {
  try {
    doc.image(data, x, y, { fit: [160, 48] });
    return true;
  } catch {
    return false;
  }
}

/** Label / value pairs, labels in bold, side by side in one column. */
export interface AddressBlock {
  name: string;
  email: string | null;
  addressLines: string[];
  taxId: string | null;
}

/** Who a document is for, under a small `heading`; returns the y below it. */
export function addressBlock(
  doc: Pdf,
  fmt: DocumentFormat,
  heading: string,
  party: AddressBlock,
  y: number,
  width: number,
): number {
  let bottom = write(doc, heading, MARGIN, y, { bold: true, size: 9, color: COLORS.muted, width });
  bottom = write(doc, party.name, MARGIN, bottom, { bold: true, width: width - 10 });
  for (const line of party.addressLines) bottom = write(doc, line, MARGIN, bottom, { width: width - 10 });
  if (party.email) bottom = write(doc, party.email, MARGIN, bottom, { width: width - 10 });
  if (party.taxId) {
    bottom = write(doc, fmt.t("taxId", { taxId: party.taxId }), MARGIN, bottom, { width: width - 10 });
  }
  return bottom;
}

export function facts(doc: Pdf, rows: [string, string][], x: number, y: number, width: number): number {
  const labelWidth = width * 0.45;
  for (const [label, value] of rows) {
    const bottom = write(doc, label, x, y, { width: labelWidth, bold: true, size: 9, color: COLORS.muted });
    const valueBottom = write(doc, value, x + labelWidth, y, { width: width - labelWidth, size: 9 });
    y = Math.max(bottom, valueBottom) + 2;
  }
  return y;
}

export interface Column {
  header: string;
  /** Share of the content width. */
  share: number;
  align?: "left" | "right";
}

export interface Row {
  cells: string[];
  /** Smaller grey lines under the first cell (period, "Prorated"). */
  notes?: string[];
  bold?: boolean;
}

const CELL_PADDING = 4;

/**
 * A table from `y`, breaking onto new pages as needed with the header row repeated.
 * Returns the y below the last row.
 */
export function table(doc: Pdf, columns: Column[], rows: Row[], y: number, accent: string): number {
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.share * total);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, w) => a + w, 0));
  const header = (top: number) => {
    const height = Math.max(
      ...columns.map((c, i) =>
        measure(doc, c.header, { width: widths[i]! - 2 * CELL_PADDING, bold: true, size: 9 }),
      ),
    );
    columns.forEach((column, i) =>
      write(doc, column.header, xs[i]! + CELL_PADDING, top, {
        width: widths[i]! - 2 * CELL_PADDING,
        align: column.align ?? "left",
        bold: true,
        size: 9,
        color: accent,
      }),
    );
    rule(doc, top + height + 3, accent, 1);
    return top + height + 7;
  };
  y = header(ensureSpace(doc, y, 40));
  for (const row of rows) {
    const cellHeights = row.cells.map((cell, i) =>
      measure(doc, cell, { width: widths[i]! - 2 * CELL_PADDING, bold: row.bold ?? false, size: 9 }),
    );
    const notes = row.notes ?? [];
    const notesHeight = notes.reduce(
      (sum, note) => sum + measure(doc, note, { width: widths[0]! - 2 * CELL_PADDING, size: 8 }),
      0,
    );
    const height = Math.max(...cellHeights, (cellHeights[0] ?? 0) + notesHeight) + 6;
    const top = ensureSpace(doc, y, height);
    if (top !== y) y = header(top);
    row.cells.forEach((cell, i) =>
      write(doc, cell, xs[i]! + CELL_PADDING, y + 3, {
        width: widths[i]! - 2 * CELL_PADDING,
        align: columns[i]!.align ?? "left",
        bold: row.bold ?? false,
        size: 9,
      }),
    );
    let noteY = y + 3 + (cellHeights[0] ?? 0);
    for (const note of notes) {
      noteY = write(doc, note, xs[0]! + CELL_PADDING, noteY, {
        width: widths[0]! - 2 * CELL_PADDING,
        size: 8,
        color: COLORS.muted,
      });
    }
    y += height;
    rule(doc, y, COLORS.rule, 0.5);
  }
  return y + 4;
}

/** Right-aligned label / amount lines (subtotal, tax, total…); `strong` lines in bold over a rule. */
export function totals(
  doc: Pdf,
  lines: { label: string; value: string; strong?: boolean }[],
  y: number,
  accent: string,
): number {
  const width = contentWidth(doc);
  const labelX = MARGIN + width * 0.45;
  const labelWidth = width * 0.35;
  const valueX = labelX + labelWidth;
  const valueWidth = width - (valueX - MARGIN);
  const heights = lines.map(
    (line) => measure(doc, line.label, { width: labelWidth, bold: line.strong ?? false }) + 6,
  );
  // Kept on one page when it fits on one: a total is read with the lines above it.
  y = ensureSpace(
    doc,
    y,
    Math.min(
      heights.reduce((a, h) => a + h + 4, 0),
      bottomLimit(doc) - MARGIN,
    ),
  );
  for (const [index, line] of lines.entries()) {
    const height = heights[index]!;
    y = ensureSpace(doc, y, height + 4);
    if (line.strong) {
      doc
        .moveTo(labelX, y)
        .lineTo(MARGIN + width, y)
        .lineWidth(1)
        .strokeColor(accent)
        .stroke();
      y += 3;
    }
    write(doc, line.label, labelX, y, { width: labelWidth, align: "right", bold: line.strong ?? false });
    write(doc, line.value, valueX, y, { width: valueWidth, align: "right", bold: line.strong ?? false });
    y += height;
  }
  return y;
}

/** A framed, tilted word (PAID, VOID, OVERDUE) at the top right of the first page. */
export function stamp(doc: Pdf, word: string, color: string): void {
  const text = toWinAnsi(word);
  doc.font(FONT.bold).fontSize(26);
  const width = doc.widthOfString(text) + 24;
  const height = 40;
  const x = MARGIN + contentWidth(doc) - width - 10;
  const y = MARGIN + 70;
  doc.save();
  doc.rotate(-12, { origin: [x + width / 2, y + height / 2] });
  doc.roundedRect(x, y, width, height, 6).lineWidth(3).strokeColor(color).strokeOpacity(0.8).stroke();
  doc
    .fillColor(color)
    .fillOpacity(0.8)
    .text(text, x, y + 8, { width, align: "center", lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).strokeOpacity(1);
}

/** The footer at the bottom of every page. */
function numberPages(doc: Pdf, footer: PageFooter): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Below the bottom margin: lift it, or PDFKit would start yet another page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    write(doc, footer(index - range.start + 1, range.count), MARGIN, doc.page.height - MARGIN + 10, {
      width: contentWidth(doc),
      align: "center",
      size: 8,
      color: COLORS.muted,
    });
    doc.page.margins.bottom = margin;
  }
}
