import type { ICustomer } from "@portico/db";
import { describe, expect, it } from "vitest";
import { toCustomerProfileDto } from "./dto.js";

describe("toCustomerProfileDto", () => {
  it("exposes the public id and profile, never internal keys, balances or gateway ids", () => {
    const customer = {
      id: 42,
      publicId: "cus_abc",
      name: "Alpha Ltd",
      email: null,
      address: null,
      locale: null,
      currency: "EUR",
      balance: 9999,
      gatewayCustomerId: "cus_STRIPE",
      metadata: { internal: "x" },
    } as unknown as ICustomer;
    const dto = toCustomerProfileDto(customer);
    expect(dto).toEqual({
      id: "cus_abc",
      name: "Alpha Ltd",
      email: null,
      address: null,
      locale: null,
      currency: "EUR",
    });
    expect(JSON.stringify(dto)).not.toMatch(/42|9999|STRIPE|internal/);
  });
});
