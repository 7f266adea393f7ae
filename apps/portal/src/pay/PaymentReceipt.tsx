import { useTranslation } from "@portico/i18n";
import { Button, Notice } from "@portico/ui";
import { useId } from "react";
import { Link } from "wouter";
import { date, money } from "../format.js";
import { useCardName } from "../payments/card-name.js";
import { OutcomeHeading } from "./OutcomeHeading.js";
import type { InvoicePayment, PayableInvoice } from "./types.js";
import { useReceiptDownload } from "./use-receipt-download.js";

export interface PaymentReceiptProps {
  invoice: PayableInvoice;
  /**
   * The charge; null when account credits paid the invoice and nothing was charged (or,
   * for `already`, while the invoice's payments are still loading).
   */
  payment: InvoicePayment | null;
  /** `already`: the invoice was paid before this attempt (CONFLICT PAYMENT_ALREADY_PROCESSED). */
  kind: "succeeded" | "already";
  /** Move focus to the heading (an outcome of the user's action, not a page just opened). */
  announce?: boolean;
}

/** The receipt of a payment that went through: number, date, method, download, way back. */
export function PaymentReceipt({ invoice, payment, kind, announce = true }: PaymentReceiptProps) {
  const { t } = useTranslation();
  const cardName = useCardName();
  const titleId = useId();
  const receiptFor = payment?.receiptNumber ? payment.id : null;
  const receipt = useReceiptDownload(receiptFor);
  const amount = money(payment?.amount ?? invoice.amountPaid, invoice.currency);
  const paidAt = payment?.succeededAt ?? payment?.createdAt ?? invoice.paidAt;
  return (
    <section className="pt-checkout-outcome pt-checkout-outcome--success" aria-labelledby={titleId}>
      <OutcomeHeading id={titleId} announce={announce}>
        {kind === "already" ? t("portalPay.alreadyTitle") : t("portalPay.succeededTitle", { amount })}
      </OutcomeHeading>
      {kind === "already" && <p>{t("portalPay.alreadyDescription")}</p>}
      {invoice.status === "open" && invoice.amountRemaining > 0 && (
        <p>
          {t("portalPay.succeededRemaining", { amount: money(invoice.amountRemaining, invoice.currency) })}
        </p>
      )}
      <dl className="pt-checkout-facts">
        {payment?.receiptNumber && (
          <>
            <dt>{t("portalPay.receiptNumber")}</dt>
            <dd>{payment.receiptNumber}</dd>
          </>
        )}
        {paidAt && (
          <>
            <dt>{t("portalPay.paidOn")}</dt>
            <dd>{date(paidAt)}</dd>
          </>
        )}
        {payment?.paymentMethod ? (
          <>
            <dt>{t("portalPay.paidWith")}</dt>
            <dd>{cardName(payment.paymentMethod)}</dd>
          </>
        ) : (
          kind === "succeeded" && (
            <>
              <dt>{t("portalPay.paidWith")}</dt>
              <dd>{t("portalPay.creditsApplied")}</dd>
            </>
          )
        )}
      </dl>
      <div className="pt-actions">
        {receiptFor && (
          <Button onClick={() => void receipt.download()} disabled={receipt.pending}>
            {receipt.pending ? t("portalPay.preparingReceipt") : t("portalPay.downloadReceipt")}
          </Button>
        )}
        <Link className="pt-button pt-button--secondary pt-checkout-link" href={`/invoices/${invoice.id}`}>
          {t("portalPay.backToInvoice")}
        </Link>
      </div>
      <Notice tone="success">{receipt.status?.tone === "success" && receipt.status.text}</Notice>
      <Notice tone="error">{receipt.status?.tone === "error" && receipt.status.text}</Notice>
    </section>
  );
}
