import { describe, expect, it } from "vitest";
import { DOCUMENT_LANGUAGES, DOCUMENT_MESSAGES, fillMessage } from "./messages.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("document messages", () => {
  it("gives every language the same keys and the same placeholders", () => {
    const english = DOCUMENT_MESSAGES.en;
    for (const language of DOCUMENT_LANGUAGES) {
      const messages = DOCUMENT_MESSAGES[language];
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language}.${key}`).not.toBe("");
        expect(placeholders(text), `${language}.${key}`).toEqual(
          placeholders(english[key as keyof typeof english]),
        );
      }
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fillMessage("Page {page} of {pages}", { page: 2, pages: 3 })).toBe("Page 2 of 3");
    expect(fillMessage("Hello {name}")).toBe("Hello {name}");
  });
});
