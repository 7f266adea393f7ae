import "../pay/pay.css";
import { useTranslation } from "@portico/i18n";
import { EmptyState, errorReason } from "@portico/ui";
import { Link, useParams } from "wouter";
import { QueryState } from "../components/QueryState.js";
import { type PortalFeatures, usePortalConfiguration } from "../features.js";
import { money } from "../format.js";
import { InvoiceSummary } from "../pay/InvoiceSummary.js";
import { PayForm, minimumOf } from "../pay/PayForm.js";
import { PaymentProcessing } from "../pay/PaymentProcessing.js";
import { PaymentReceipt } from "../pay/PaymentReceipt.js";
import type { PayableInvoice, SavedMethod } from "../pay/types.js";
import { usePayInvoice } from "../pay/use-pay-invoice.js";
import { trpc } from "../trpc.js";

/** An id that is not an invoice of this customer, or not an invoice id at all. */
const NOT_FOUND = new Set(["INVOICE_NOT_FOUND", "INVALID_INPUT"]);
const isNotFound = (error: unknown) => NOT_FOUND.has(errorReason(error) ?? "");

/** `/invoices/:id/pay`: pay one open invoice with a saved or new card, then see the receipt. */
export function PayInvoice() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const invoice = trpc.portal.invoices.get.useQuery({ invoice: id }, { retry: false });
  const methods = trpc.portal.paymentMethods.list.useQuery();
  const configuration = usePortalConfiguration();

  if (invoice.isError && isNotFound(invoice.error)) {
    return (
      <EmptyState
        level={1}
        title={t("portalPay.notFoundTitle")}
        description={t("portalPay.notFoundDescription")}
      >
        <Link href="/invoices">{t("portalPay.backToInvoices")}</Link>
      </EmptyState>
    );
  }
  const failed = [invoice, methods, configuration].find((query) => query.isError);
  if (failed) return <QueryState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!invoice.data || !methods.data || !configuration.data)
    return <QueryState error={null} onRetry={() => {}} />;
  return <PayFlow invoice={invoice.data} methods={methods.data} features={configuration.data.features} />;
}

interface PayFlowProps {
  invoice: PayableInvoice;
  methods: readonly SavedMethod[];
  features: PortalFeatures;
}

/** The invoice, then the form or the outcome of paying it. */
function PayFlow({ invoice, methods, features }: PayFlowProps) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const minimum = money(minimumOf(features, invoice.amountRemaining), invoice.currency);
  const { pay, pending, outcome } = usePayInvoice(invoice, minimum);
  const paidWith = (payment: string | null) =>
    invoice.payments.find((p) => p.id === payment) ??
    invoice.payments.findLast((p) => p.status === "succeeded") ??
    null;

  let body;
  if (outcome?.kind === "succeeded") {
    body = <PaymentReceipt kind="succeeded" invoice={invoice} payment={outcome.payment} />;
  } else if (outcome?.kind === "already") {
    body = <PaymentReceipt kind="already" invoice={invoice} payment={paidWith(outcome.payment)} />;
  } else if (outcome?.kind === "processing") {
    body = <PaymentProcessing />;
  } else if (invoice.status === "paid") {
    body = <PaymentReceipt kind="already" invoice={invoice} payment={paidWith(null)} announce={false} />;
  } else if (
    (invoice.status !== "open" && invoice.status !== "uncollectible") ||
    invoice.amountRemaining === 0
  ) {
    body = (
      <EmptyState
        title={t("portalPay.notPayableTitle")}
        description={
          invoice.status === "void" ? t("portalPay.notPayableVoid") : t("portalPay.notPayableOther")
        }
      />
    );
  } else {
    body = (
      <PayForm
        invoice={invoice}
        methods={methods}
        features={features}
        onPay={(request) => void pay(request)}
        onCardAdded={() => utils.portal.paymentMethods.list.invalidate()}
        pending={pending}
        failed={outcome?.kind === "failed" ? outcome.payment : null}
        error={outcome?.kind === "error" ? outcome.text : null}
      />
    );
  }
  return (
    <>
      <h1>
        {invoice.number ? t("portalPay.title", { number: invoice.number }) : t("portalPay.titleNoNumber")}
      </h1>
      <InvoiceSummary invoice={invoice} />
      {body}
    </>
  );
}
