import { AppError } from "../errors.js";

/** What a sandbox charge of a card does. */
export type SandboxOutcome =
  { kind: "succeed" } | { kind: "processing" } | { kind: "fail"; code: string; message: string };

interface TestCard {
  number: string;
  brand: string;
  country: string;
  outcome: SandboxOutcome;
}

const SUCCEED: SandboxOutcome = { kind: "succeed" };
const decline = (code: string, message: string): SandboxOutcome => ({ kind: "fail", code, message });

/**
 * The cards the sandbox accepts: Stripe's documented test numbers, with the same outcomes.
 * Like Stripe's test mode, any other number is refused, so a real card number never
 * reaches Portico even by mistake.
 */
export const SANDBOX_TEST_CARDS: readonly TestCard[] = [
  { number: "4242424242424242", brand: "visa", country: "US", outcome: SUCCEED },
  { number: "4000056655665556", brand: "visa", country: "US", outcome: SUCCEED },
  { number: "5555555555554444", brand: "mastercard", country: "US", outcome: SUCCEED },
  { number: "5200828282828210", brand: "mastercard", country: "US", outcome: SUCCEED },
  { number: "378282246310005", brand: "amex", country: "US", outcome: SUCCEED },
  { number: "6011111111111117", brand: "discover", country: "US", outcome: SUCCEED },
  { number: "4000002500000003", brand: "visa", country: "FR", outcome: SUCCEED },
  { number: "4000000000000259", brand: "visa", country: "US", outcome: { kind: "processing" } },
  {
    number: "4000000000000002",
    brand: "visa",
    country: "US",
    outcome: decline("card_declined", "Your card was declined."),
  },
  {
    number: "4000000000009995",
    brand: "visa",
    country: "US",
    outcome: decline("insufficient_funds", "Your card has insufficient funds."),
  },
  {
    number: "4000000000009987",
    brand: "visa",
    country: "US",
    outcome: decline("lost_card", "Your card was declined."),
  },
  {
    number: "4000000000000069",
    brand: "visa",
    country: "US",
    outcome: decline("expired_card", "Your card has expired."),
  },
  {
    number: "4000000000000119",
    brand: "visa",
    country: "US",
    outcome: decline("processing_error", "An error occurred while processing your card."),
  },
];

/**
 * The outcome of charging a saved card, from its brand and last4 — the only card facts
 * Portico keeps. Methods tokenized before (the demo seed's) behave the same way; a
 * combination the table does not know succeeds.
 */
export function sandboxOutcome(brand: string | null, last4: string | null): SandboxOutcome {
  const card = SANDBOX_TEST_CARDS.find((c) => c.brand === brand && c.number.endsWith(last4 ?? "-"));
  return card?.outcome ?? SUCCEED;
}

function badCard(reason: string, message: string, field: string): AppError {
  return new AppError("BAD_REQUEST", reason, message, { details: { field } });
}

/** Luhn's mod-10 checksum, which every card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export interface CardForm {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/**
 * The test card a form names, or BAD_REQUEST with a reason per field: INVALID_CARD_NUMBER
 * (not 12–19 digits, or failing Luhn), TEST_CARD_REQUIRED (a valid number that is not a
 * test card), INVALID_CARD_EXPIRY, CARD_EXPIRED (valid through the end of its month),
 * INVALID_CARD_CVC (3 digits, 4 for amex). Messages never repeat the number.
 */
export function readTestCard(form: CardForm, now: Date): TestCard & { digits: string } {
  const digits = form.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) {
    throw badCard("INVALID_CARD_NUMBER", "The card number is not valid.", "number");
  }
  const card = SANDBOX_TEST_CARDS.find((c) => c.number === digits);
  if (!card) {
    throw badCard(
      "TEST_CARD_REQUIRED",
      "The sandbox accepts only test cards (e.g. 4242 4242 4242 4242).",
      "number",
    );
  }
  const { expMonth } = form;
  const expYear = form.expYear < 100 ? 2000 + form.expYear : form.expYear;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(expYear)) {
    throw badCard("INVALID_CARD_EXPIRY", "The expiry date is not valid.", "expMonth");
  }
  // Valid through the last instant of its month (UTC).
  if (Date.UTC(expYear, expMonth, 1) <= now.getTime()) {
    throw badCard("CARD_EXPIRED", "The card has expired.", "expYear");
  }
  const cvcLength = card.brand === "amex" ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(form.cvc)) {
    throw badCard("INVALID_CARD_CVC", `The security code is ${cvcLength} digits.`, "cvc");
  }
  return { ...card, digits };
}
