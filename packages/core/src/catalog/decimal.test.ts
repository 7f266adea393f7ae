import { describe, expect, it } from "vitest";
import { normalizeDecimal } from "./decimal.js";

describe("normalizeDecimal", () => {
  it.each([
    ["0.200000000000", "0.2"],
    ["5.000000000000", "5"],
    ["007.2500", "7.25"],
    ["0", "0"],
    ["0.000", "0"],
    ["10", "10"],
  ])("%s → %s", (input, output) => expect(normalizeDecimal(input)).toBe(output));
});
