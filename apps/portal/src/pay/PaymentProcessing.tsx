import { useTranslation } from "@portico/i18n";
import { useId } from "react";
import { OutcomeHeading } from "./OutcomeHeading.js";

/** The bank has not answered yet; the page polls the invoice until the payment settles. */
export function PaymentProcessing() {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="pt-checkout-outcome" aria-labelledby={titleId} aria-busy="true">
      <div className="pt-checkout-outcome__row">
        <span className="pt-spinner" aria-hidden="true" />
        <OutcomeHeading id={titleId}>{t("portalPay.processingTitle")}</OutcomeHeading>
      </div>
      <p>{t("portalPay.processingDescription")}</p>
    </section>
  );
}
