import { describe, expect, it } from "vitest";
import { readCardInput } from "./card-input.js";

describe("readCardInput", () => {
  it("reads a card typed with spaces and an MM/YY expiry", () => {
    expect(readCardInput({ number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" })).toEqual({
      card: { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" },
    });
  });

  it("takes the expiry as MMYY, M/YY or MM/YYYY", () => {
    const cardOf = (expiry: string) =>
      readCardInput({ number: "4242424242424242", expiry, cvc: "1234" }).card;
    expect(cardOf("0731")).toMatchObject({ expMonth: 7, expYear: 2031 });
    expect(cardOf("7 / 31")).toMatchObject({ expMonth: 7, expYear: 2031 });
    expect(cardOf("07/2031")).toMatchObject({ expMonth: 7, expYear: 2031 });
  });

  it("says what is wrong with each field", () => {
    expect(readCardInput({ number: "", expiry: "13/30", cvc: "12" })).toEqual({
      problems: { number: "numberMissing", expiry: "expiryInvalid", cvc: "cvcInvalid" },
    });
    expect(readCardInput({ number: "4242 abcd", expiry: "12-30", cvc: "123" })).toEqual({
      problems: { number: "numberInvalid", expiry: "expiryInvalid" },
    });
  });
});
