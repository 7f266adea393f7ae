import { PORTICO_VERSION } from "@portico/core";
import { describe, expect, it } from "vitest";
import { createCaller } from "../root.js";
import type { Context } from "../trpc.js";

describe("system.health", () => {
  it("answers ok with the version", async () => {
    // health reads nothing from the context.
    const caller = createCaller({} as Context);
    expect(await caller.system.health()).toEqual({ ok: true, version: PORTICO_VERSION });
  });
});
