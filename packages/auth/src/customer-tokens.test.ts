import { describe, expect, it } from "vitest";
import { hasScope } from "./customer-tokens.js";

describe("hasScope", () => {
  it("grants the exact scope, and read where the same resource is writable", () => {
    expect(hasScope(["invoices:read"], "invoices:read")).toBe(true);
    expect(hasScope(["subscriptions:write"], "subscriptions:read")).toBe(true);
    expect(hasScope(["payment_methods:write"], "payment_methods:write")).toBe(true);
  });

  it("refuses write from read, and other resources", () => {
    expect(hasScope(["invoices:read"], "subscriptions:write")).toBe(false);
    expect(hasScope(["subscriptions:read"], "subscriptions:write")).toBe(false);
    expect(hasScope(["customer:write"], "subscriptions:read")).toBe(false);
    expect(hasScope([], "usage:read")).toBe(false);
  });
});
