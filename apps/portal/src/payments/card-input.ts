/** What the sandbox's test-card form holds, as typed. */
export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
}

export type CardField = keyof CardInput;

/** The catalog keys (portalPayments.*) of what can be wrong with a field before it is sent. */
export type CardProblem = "numberMissing" | "numberInvalid" | "expiryInvalid" | "cvcInvalid";

/** The card as `portal.paymentMethods.add` takes it. */
export interface TestCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** `12/30`, `12 / 30`, `1230`, `12/2030`. */
const EXPIRY = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/;

/**
 * The card a form names, or what is wrong with each field. Only the shape is checked here
 * (digits, MM/YY, 3–4 digit code): the server tells a test card from another number, and
 * an expired card, in words of its own.
 */
export function readCardInput(
  input: CardInput,
):
  { card: TestCard; problems?: never } | { card?: never; problems: Partial<Record<CardField, CardProblem>> } {
  const problems: Partial<Record<CardField, CardProblem>> = {};
  const number = input.number.replace(/[\s-]/g, "");
  if (number === "") problems.number = "numberMissing";
  else if (!/^\d{12,19}$/.test(number)) problems.number = "numberInvalid";
  const expiry = EXPIRY.exec(input.expiry.trim());
  const expMonth = expiry ? Number(expiry[1]) : NaN;
  if (!expiry || expMonth < 1 || expMonth > 12) problems.expiry = "expiryInvalid";
  const cvc = input.cvc.trim();
  if (!/^\d{3,4}$/.test(cvc)) problems.cvc = "cvcInvalid";
  if (Object.keys(problems).length > 0 || !expiry) return { problems };
  const year = Number(expiry[2]);
  return { card: { number, expMonth, expYear: year < 100 ? 2000 + year : year, cvc } };
}
