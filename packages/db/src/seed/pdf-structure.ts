/**
 * Checks what a PDF reader relies on first: the header, a cross-reference table whose
 * offsets each point at `N 0 obj`, a trailer naming the root, and `startxref` pointing at
 * the table. Throws on the first problem. Used by the seed's tests on the files it writes.
 */
export function checkPdfStructure(data: Buffer): void {
  const text = data.toString("latin1");
  if (!text.startsWith("%PDF-1.")) throw new Error("missing %PDF- header");
  if (!text.trimEnd().endsWith("%%EOF")) throw new Error("missing %%EOF");
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!startxref) throw new Error("missing startxref");
  const xrefAt = Number(startxref[1]);
  if (text.slice(xrefAt, xrefAt + 4) !== "xref")
    throw new Error(`startxref ${xrefAt} does not point at the xref table`);
  const header = /^xref\s+0 (\d+)\s+/.exec(text.slice(xrefAt));
  if (!header) throw new Error("malformed xref header");
  const count = Number(header[1]);
  const entries = text
    .slice(xrefAt + header[0].length)
    .split(/\r?\n/)
    .slice(0, count);
  if (entries[0]?.trim() !== "0000000000 65535 f") throw new Error("xref must start with the free entry");
  for (let object = 1; object < count; object++) {
    const match = /^(\d{10}) 00000 n\s*$/.exec(entries[object] ?? "");
    if (!match) throw new Error(`malformed xref entry for object ${object}`);
    const offset = Number(match[1]);
    if (!text.startsWith(`${object} 0 obj`, offset))
      throw new Error(`object ${object} is not at offset ${offset}`);
  }
  if (!/trailer\s*<<[^>]*\/Root 1 0 R/.test(text)) throw new Error("trailer without /Root");
  const stream = /<< \/Length (\d+) >>\nstream\n/.exec(text);
  if (stream) {
    const start = stream.index + stream[0].length;
    if (text.slice(start + Number(stream[1]), start + Number(stream[1]) + 10) !== "\nendstream") {
      throw new Error("content stream /Length does not match");
    }
  }
}
