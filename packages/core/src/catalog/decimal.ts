/** A non-negative decimal that fits `numeric(30, 12)`: up to 18 digits, then up to 12 decimals. */
export const UNIT_AMOUNT_DECIMAL_PATTERN = /^\d{1,18}(\.\d{1,12})?$/;

/** `"007.2500"` → `"7.25"`, `"5.000"` → `"5"`: one spelling per value (as the database's is padded). */
export function normalizeDecimal(value: string): string {
  const [whole = "0", fraction = ""] = value.trim().split(".");
  const integer = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  return decimals ? `${integer}.${decimals}` : integer;
}
