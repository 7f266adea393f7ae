import { describe, expect, it } from "vitest";
import { describeDevice } from "./user-agent.js";

describe("describeDevice", () => {
  it("names the browser and system", () => {
    const chrome =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
    expect(describeDevice(chrome)).toEqual({ browser: "Chrome", os: "Linux" });
    const safari =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    expect(describeDevice(safari)).toEqual({ browser: "Safari", os: "iOS" });
  });

  it("gives up on unknown or missing agents", () => {
    expect(describeDevice(null)).toBeNull();
    expect(describeDevice("curl/8.0")).toBeNull();
  });
});
