import type { RouterOutputs } from "@portico/api";

/** A saved method as `portal.paymentMethods.add` answers it: brand, last4, expiry, default. */
export type AddedPaymentMethod = RouterOutputs["portal"]["paymentMethods"]["add"];

/** What CardForm passes on to the form of the merchant's gateway. */
export interface CardFormInnerProps {
  /** The submit button's words; "Add card" by default. */
  submitLabel?: string;
  /** Offer "Make this my default payment method". */
  allowSetDefault: boolean;
  onAdded(method: AddedPaymentMethod): void;
}
