import { Customer, type EntityManager } from "@portico/db";
import { AppError } from "../errors.js";
import { toCustomerProfileDto, type CustomerProfileDto } from "./dto.js";

/** The caller's own customer, as resolved by the portal's procedure builder. */
export interface CustomerReadScope {
  merchantId: number;
  customerId: number;
}

/** The scoped customer's profile; a deleted (or foreign) customer is NOT_FOUND. */
export async function getCustomerProfile(
  em: EntityManager,
  scope: CustomerReadScope,
): Promise<CustomerProfileDto> {
  const customer = await em.findOne(Customer, {
    id: scope.customerId,
    merchant: scope.merchantId,
    deletedAt: null,
  });
  if (!customer) throw new AppError("NOT_FOUND", "CUSTOMER_NOT_FOUND", "No such customer.");
  return toCustomerProfileDto(customer);
}
