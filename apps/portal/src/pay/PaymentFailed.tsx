import { useTranslation } from "@portico/i18n";
import { Button } from "@portico/ui";
import { useId } from "react";
import { OutcomeHeading } from "./OutcomeHeading.js";
import { declineReason } from "./pay-errors.js";
import type { InvoicePayment } from "./types.js";

export interface PaymentFailedProps {
  payment: InvoicePayment;
  /** Pays again with the method chosen below (a new attempt, so a new idempotency key). */
  onRetry: () => void;
  retrying: boolean;
}

/** The bank declined: why, and a way to try again; the form below offers other cards. */
export function PaymentFailed({ payment, onRetry, retrying }: PaymentFailedProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section
      className="pt-checkout-outcome pt-checkout-outcome--failed"
      role="alert"
      aria-labelledby={titleId}
    >
      <OutcomeHeading id={titleId}>
        {t("portalPay.failedTitle", {
          reason: declineReason(t, payment.failureCode, payment.failureMessage),
        })}
      </OutcomeHeading>
      <p>{t("portalPay.failedDescription")}</p>
      <div className="pt-actions">
        <Button onClick={onRetry} disabled={retrying}>
          {t("portalPay.tryAgain")}
        </Button>
      </div>
    </section>
  );
}
