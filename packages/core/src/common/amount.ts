import { AppError } from "../errors.js";

/**
 * `value` as an amount of integer minor units ≥ `min`, or BAD_REQUEST naming `field`.
 * Amounts are JS numbers, exact up to 2^53 (bigint columns).
 */
export function checkAmount(value: number, field: string, min = 0): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new AppError(
      "BAD_REQUEST",
      "INVALID_AMOUNT",
      `${field} must be an integer of minor units, at least ${min}.`,
      { details: { field, min } },
    );
  }
  return value;
}
