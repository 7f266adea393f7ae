import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
// pdf.js reads the metrics of the standard fonts from its own package (a folder path, slash-ended).
const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

export interface PdfText {
  pages: string[];
  /** Every page's text, one string (items joined by spaces, whitespace collapsed). */
  all: string;
  info: Record<string, unknown>;
}

/** Parses a PDF with pdf.js (Mozilla's reader, as a browser would) and returns its text per page. */
export async function pdfText(data: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(data), standardFontDataUrl, isEvalSupported: false })
    .promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
      pages.push(normalize(text));
    }
    const { info } = await pdf.getMetadata();
    return { pages, all: pages.join(" "), info: info as Record<string, unknown> };
  } finally {
    await pdf.destroy();
  }
}

/** No-break spaces as spaces, runs of whitespace as one. */
export function normalize(text: string): string {
  return text.replace(/[\u00a0\u202f\s]+/g, " ").trim();
}
