import { describe, expect, it } from "vitest";
import { AttemptKeys } from "./attempt-keys.js";

describe("AttemptKeys", () => {
  const counter = () => {
    let n = 0;
    return new AttemptKeys(() => `key-${++n}`);
  };

  it("keeps an attempt's key while the same request is resubmitted", () => {
    const keys = counter();
    expect(keys.keyFor("in_1 pm_a full")).toBe("key-1");
    expect(keys.keyFor("in_1 pm_a full")).toBe("key-1");
  });

  it("starts a new attempt after a definitive answer, even for the same request", () => {
    const keys = counter();
    keys.keyFor("in_1 pm_a full");
    keys.settle();
    expect(keys.keyFor("in_1 pm_a full")).toBe("key-2");
  });

  it("starts a new attempt when the request changes (another card or amount)", () => {
    const keys = counter();
    keys.keyFor("in_1 pm_a full");
    expect(keys.keyFor("in_1 pm_b full")).toBe("key-2");
    expect(keys.keyFor("in_1 pm_b 500")).toBe("key-3");
  });

  it("makes UUIDs by default", () => {
    expect(new AttemptKeys().keyFor("x")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
