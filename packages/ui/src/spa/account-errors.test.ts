import { consoleCatalogs, loadI18n } from "@portico/i18n";
import { TRPCClientError } from "@trpc/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountErrorText } from "./account-errors.js";

/** The error a tRPC client raises for an answer carrying this `data`. */
const answer = (data: object) =>
  new TRPCClientError("refused", { result: { error: { code: -32000, message: "refused", data } } });

// The formatted times are in the page's language (<html lang>) and the machine's zone.
process.env.TZ = "UTC";
const page = (lang: string) => vi.stubGlobal("document", { documentElement: { lang } });

describe("accountErrorText", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2026-11-21T10:26:00Z"), toFake: ["Date"] }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("says until when a locked account stays locked, in the viewer's language", async () => {
    const locked = answer({ reason: "ACCOUNT_LOCKED", details: { lockedUntil: "2026-11-21T10:35:00Z" } });
    page("en-US");
    const en = await loadI18n(consoleCatalogs, { catalog: "en", tag: "en-US" });
    expect(accountErrorText(en.i18n.t, locked)).toMatch(
      /^Account locked until Nov 21, 2026, 10:35\sAM\. Try again after that\.$/,
    );
    page("fr-FR");
    const fr = await loadI18n(consoleCatalogs, { catalog: "fr", tag: "fr-FR" });
    expect(accountErrorText(fr.i18n.t, locked)).toContain("21 nov. 2026, 10:35");
  });

  it("gives a throttled request the time to try again, or asks to wait when there is none", async () => {
    page("en-GB");
    const { i18n } = await loadI18n(consoleCatalogs, { catalog: "en", tag: "en-GB" });
    const throttled = answer({ reason: "RATE_LIMITED", details: { retryAfterSeconds: 540 } });
    expect(accountErrorText(i18n.t, throttled)).toBe("Too many attempts. Try again at 10:35.");
    expect(accountErrorText(i18n.t, answer({ reason: "RATE_LIMITED", details: {} }))).toBe(
      "Too many attempts. Wait a few minutes, then try again.",
    );
  });

  it("leaves every other error to the form", async () => {
    const { i18n } = await loadI18n(consoleCatalogs, { catalog: "en", tag: "en" });
    expect(accountErrorText(i18n.t, answer({ reason: "INVALID_CREDENTIALS" }))).toBeNull();
    expect(accountErrorText(i18n.t, new Error("offline"))).toBeNull();
  });
});
