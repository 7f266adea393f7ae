import { describe, expect, it } from "vitest";
import { isWinAnsi, toWinAnsi } from "./win-ansi.js";

describe("toWinAnsi", () => {
  it("keeps Latin-1 and WinAnsi's typographic characters (French needs nothing else)", () => {
    const french = "Facture n° 12 — « Société Générale » : 1 234,56 € œuvre, Ÿ, ‘quotes’ “too” … ™";
    expect(toWinAnsi(french)).toBe(french);
    expect([...french].every((c) => isWinAnsi(c.codePointAt(0)!))).toBe(true);
  });

  it("turns Intl's narrow no-break space and minus sign into printable ones", () => {
    const formatted = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(-1234.5);
    expect(formatted).toContain("\u202f");
    expect(toWinAnsi(formatted)).toBe("-1\u00a0234,50\u00a0€");
    expect(toWinAnsi("5 \u2212 3\u2009=\u20072")).toBe("5 - 3 =\u00a02");
  });

  it("drops accents it cannot print, and writes ? for scripts the standard fonts lack", () => {
    expect(toWinAnsi("Őrség, Dvořák, Łódź")).toBe("Orség, Dvorák, ?ódz");
    expect(toWinAnsi("Привет 東京 مرحبا 🎉")).toBe("?????? ?? ????? ?");
  });

  it("keeps line breaks (normalized) and makes tabs spaces", () => {
    expect(toWinAnsi("a\r\nb\rc\td")).toBe("a\nb\nc d");
  });
});
