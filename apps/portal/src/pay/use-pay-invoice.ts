import { useTranslation } from "@portico/i18n";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../trpc.js";
import { AttemptKeys } from "./attempt-keys.js";
import { isDefinitive, isNetworkError, outcomeOfError } from "./pay-errors.js";
import type { PayableInvoice, PayOutcome } from "./types.js";

export interface PayRequest {
  /** `pm_…` */
  paymentMethod: string;
  /** Minor units of a partial payment; omitted pays everything that remains. */
  amount?: number;
}

/** How often a processing payment is looked at again. */
const SETTLE_POLL_MS = 2_000;

/**
 * Paying one invoice: at most one request on its way at a time (a second click is
 * ignored), one idempotency key per attempt (kept when the same attempt is sent again after
 * a lost answer, renewed after a definitive one), and the outcome for the screen. A lost
 * answer is retried twice with the same key before it is reported. While a payment is
 * processing, the invoice is fetched again every two seconds until the payment settles.
 */
export function usePayInvoice(invoice: PayableInvoice, minimumText: string) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [keys] = useState(() => new AttemptKeys());
  const inFlight = useRef(false);
  const [outcome, setOutcome] = useState<PayOutcome | null>(null);
  const mutation = trpc.portal.invoices.pay.useMutation({
    retry: (failures, error) => failures < 2 && isNetworkError(error),
  });

  async function pay(request: PayRequest) {
    if (inFlight.current) return;
    inFlight.current = true;
    const idempotencyKey = keys.keyFor(JSON.stringify([invoice.id, request.paymentMethod, request.amount]));
    try {
      const result = await mutation.mutateAsync({ invoice: invoice.id, ...request, idempotencyKey });
      utils.portal.invoices.get.setData({ invoice: invoice.id }, result.invoice);
      const payment = result.payment;
      if (payment?.status === "processing") {
        setOutcome({ kind: "processing", payment: payment.id });
      } else {
        keys.settle();
        setOutcome(
          payment?.status === "failed" ? { kind: "failed", payment } : { kind: "succeeded", payment },
        );
      }
    } catch (error) {
      if (isDefinitive(error)) keys.settle();
      setOutcome(outcomeOfError(t, error, minimumText));
    } finally {
      inFlight.current = false;
      // Everything that shows this invoice or the customer's payments is out of date now.
      void utils.portal.invoices.invalidate();
      void utils.portal.payments.invalidate();
      void utils.portal.billing.summary.invalidate();
    }
  }

  const processing = outcome?.kind === "processing" ? outcome : null;
  trpc.portal.invoices.get.useQuery(
    { invoice: invoice.id },
    { refetchInterval: processing ? SETTLE_POLL_MS : false },
  );
  useEffect(() => {
    if (!processing) return;
    // The payment the server named, else the invoice's latest attempt.
    const payment = processing.payment
      ? invoice.payments.find((p) => p.id === processing.payment)
      : invoice.payments.at(-1);
    if (!payment || payment.status === "processing") return;
    keys.settle();
    setOutcome(payment.status === "failed" ? { kind: "failed", payment } : { kind: "succeeded", payment });
  }, [processing, invoice, keys]);

  return { pay, pending: mutation.isPending, outcome, setOutcome };
}
