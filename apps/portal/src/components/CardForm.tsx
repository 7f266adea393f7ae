import "../payments/payments.css";
import { useTranslation } from "@portico/i18n";
import { Notice, Skeleton, errorReason, isSignedOut } from "@portico/ui";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";
import { QueryState } from "./QueryState.js";
import type { AddedPaymentMethod } from "../payments/card-form-props.js";
import { SandboxCardForm } from "../payments/SandboxCardForm.js";
import { StripeCardForm } from "../payments/StripeCardForm.js";

export type { AddedPaymentMethod } from "../payments/card-form-props.js";

export interface CardFormProps {
  /** Called with the saved method (brand, last4, expiry, default) once the card is added. */
  onAdded(method: AddedPaymentMethod): void;
  /** The submit button's words; "Add card" by default. */
  submitLabel?: string;
  /** Offer "Make this my default payment method" (the customer's first card always is). */
  allowSetDefault?: boolean;
}

/** What the server's refusal of `setup` means for the form, in catalog words. */
const SETUP_REFUSALS = {
  FEATURE_DISABLED: "portalPayments.changesDisabled",
  GATEWAY_NOT_CONFIGURED: "portalPayments.gatewayUnavailable",
} as const;

/**
 * Adds a card through the merchant's gateway: asks `portal.paymentMethods.setup` how, then
 * shows the sandbox's test-card form or Stripe's card Element. Card data never reaches
 * Portico outside the sandbox's test cards. Renders its own <form>: place it outside any
 * other form.
 */
export function CardForm({ onAdded, submitLabel, allowSetDefault = false }: CardFormProps) {
  const { t } = useTranslation();
  const merchant = useBranding().data?.merchant.name ?? "";
  const setup = trpc.portal.paymentMethods.setup.useQuery(undefined, {
    // A Stripe answer holds a SetupIntent: fetched when the form shows, replaced after each card.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: (count, error) => !isSignedOut(error) && errorReason(error) === null && count < 2,
  });

  if (setup.isPending) {
    return (
      <div className="pt-form" aria-busy="true">
        <span role="status" className="pt-visually-hidden">
          {t("portalPayments.cardFormLoading")}
        </span>
        <Skeleton height="4rem" />
        <Skeleton height="2.75rem" />
        <Skeleton height="2.75rem" />
      </div>
    );
  }
  if (setup.isError) {
    const reason = errorReason(setup.error);
    if (reason === "FEATURE_DISABLED" || reason === "GATEWAY_NOT_CONFIGURED") {
      return (
        <Notice tone="info">
          <p>{t(SETUP_REFUSALS[reason], { merchant })}</p>
        </Notice>
      );
    }
    return <QueryState error={setup.error} onRetry={() => void setup.refetch()} level={3} />;
  }

  const inner = { submitLabel, allowSetDefault };
  if (setup.data.gateway === "sandbox") return <SandboxCardForm {...inner} onAdded={onAdded} />;
  return (
    <StripeCardForm
      key={setup.data.clientSecret}
      {...inner}
      publishableKey={setup.data.publishableKey}
      clientSecret={setup.data.clientSecret}
      onAdded={(method) => {
        // The SetupIntent is spent: the next card needs a new one.
        void setup.refetch();
        onAdded(method);
      }}
    />
  );
}
