/**
 * PDFs are written with the 14 standard PDF fonts (Helvetica), which every viewer has and
 * which cost nothing to embed. They encode text as WinAnsi: Latin-1 plus a few
 * typographic characters (€ – — ‘ ’ “ ” … œ Œ Š ž Ÿ …), enough for English, French and most
 * Western European languages. Anything else would print as garbage, so it is made
 * printable here: typographic spaces become no-break spaces, a Unicode minus becomes `-`,
 * accented letters outside the set lose their accent (ő → o), and the rest — Cyrillic,
 * Greek, Arabic, CJK… — becomes `?`. Rendering those scripts needs an embedded Unicode
 * font (e.g. Noto), which Portico does not ship.
 */

/** WinAnsi's characters outside Latin-1 (its 0x80–0x9F block). */
const WIN_ANSI_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

const REPLACEMENTS: Record<string, string> = {
  "\u202f": "\u00a0", // narrow no-break space (French thousands separator in Intl)
  "\u2007": "\u00a0", // figure space
  "\u2009": " ", // thin space
  "\u200a": " ", // hair space
  "\u2212": "-", // minus sign
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
  "\u200b": "", // zero-width space
  "\u200e": "", // left-to-right mark
  "\u200f": "", // right-to-left mark
  "\t": " ",
};

export function isWinAnsi(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

/** `text` with only characters the standard PDF fonts can print (see above). */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC").replace(/\r\n?/g, "\n")) {
    const replaced = REPLACEMENTS[char];
    if (replaced !== undefined) {
      out += replaced;
      continue;
    }
    if (isWinAnsi(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    // ő, ł, ą…: the base letter without its accent, when that one is printable.
    const base = char.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base !== "" && [...base].every((c) => isWinAnsi(c.codePointAt(0)!)) ? base : "?";
  }
  return out;
}
