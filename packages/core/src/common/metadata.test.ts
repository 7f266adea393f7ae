import { describe, expect, it } from "vitest";
import type { AppError } from "../errors.js";
import { applyMetadataPatch, checkMetadata } from "./metadata.js";

const problemOf = (run: () => unknown) => {
  try {
    run();
    return "accepted";
  } catch (error) {
    return (error as AppError).details?.problem;
  }
};

describe("metadata", () => {
  it("merges a patch: strings set, null and empty string remove", () => {
    expect(applyMetadataPatch({ a: "1", b: "2", c: "3" }, { a: "one", b: null, c: "", d: "4" })).toEqual({
      a: "one",
      d: "4",
    });
  });

  it("enforces Stripe's limits on the result", () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    expect(checkMetadata(fifty)).toBe(fifty);
    expect(problemOf(() => applyMetadataPatch(fifty, { extra: "v" }))).toBe("too_many_keys");
    expect(problemOf(() => applyMetadataPatch(fifty, { k0: null, extra: "v" }))).toBe("accepted");
    expect(problemOf(() => checkMetadata({ ["k".repeat(41)]: "v" }))).toBe("invalid_key");
    expect(problemOf(() => checkMetadata({ "a[0]": "v" }))).toBe("invalid_key");
    expect(problemOf(() => checkMetadata({ k: "v".repeat(501) }))).toBe("invalid_value");
  });
});
