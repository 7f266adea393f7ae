import { expiryState } from "../payments/expiry.js";

/** A saved card past its expiry month cannot pay (the server refuses it too); other methods never expire. */
export function isExpired(method: { expMonth: number | null; expYear: number | null }, now: Date): boolean {
  return (
    method.expMonth !== null &&
    method.expYear !== null &&
    expiryState(method.expMonth, method.expYear, now) === "expired"
  );
}
