import { useTranslation } from "@portico/i18n";
import { Badge, Button } from "@portico/ui";
import { Link } from "wouter";
import { date, money } from "../format.js";
import { useCardName } from "./card-name.js";
import { failureKey, type HistoryPayment, STATUS_TONES } from "./payment-status.js";

export interface PaymentRecordProps {
  payment: HistoryPayment;
  downloading: boolean;
  onDownload(payment: string): void;
}

/**
 * One payment: amount and date, status (with the reason of a failure), the invoice it paid
 * (a link) or "prepaid credit top-up", the card, the receipt number, its refunds, and the
 * receipt download once it went through.
 */
export function PaymentRecord({ payment, downloading, onDownload }: PaymentRecordProps) {
  const { t } = useTranslation();
  const cardName = useCardName();
  const amount = money(payment.amount, payment.currency);
  const title = t("portalPayments.paymentTitle", { amount, date: date(payment.createdAt) });
  return (
    <li
      className="pt-record"
      data-list-item
      data-receipt={payment.receiptAvailable ? payment.id : undefined}
      tabIndex={0}
    >
      <div className="pt-record-head">
        <h3 className="pt-pay-record-title">{title}</h3>
        <Badge tone={STATUS_TONES[payment.status]}>{t(`portalPayments.status_${payment.status}`)}</Badge>
      </div>
      {payment.status === "failed" && (
        <p className="pt-pay-failure">
          {t("portalPayments.failedBecause", { reason: t(failureKey(payment.failureCode)) })}
        </p>
      )}
      <dl>
        <dt>{t("portalPayments.invoiceLabel")}</dt>
        <dd>
          {payment.invoice ? (
            <Link href={`/invoices/${payment.invoice}`}>{payment.invoiceNumber ?? payment.invoice}</Link>
          ) : (
            t("portalPayments.walletTopUp")
          )}
        </dd>
        {payment.paymentMethod && (
          <>
            <dt>{t("portalPayments.methodLabel")}</dt>
            <dd>{cardName(payment.paymentMethod)}</dd>
          </>
        )}
        {payment.receiptNumber && (
          <>
            <dt>{t("portalPayments.receiptLabel")}</dt>
            <dd>{payment.receiptNumber}</dd>
          </>
        )}
        {payment.refunds.length > 0 && (
          <>
            <dt>{t("portalPayments.refundsLabel")}</dt>
            <dd>
              <ul className="pt-pay-refunds">
                {payment.refunds.map((refund) => (
                  <li key={refund.id}>
                    {t(`portalPayments.refund_${refund.status}`, {
                      amount: money(refund.amount, payment.currency),
                      date: date(refund.succeededAt ?? refund.createdAt),
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {payment.receiptAvailable && (
        <div className="pt-actions">
          <Button
            variant="secondary"
            disabled={downloading}
            aria-label={t("portalPayments.downloadReceiptLabel", { payment: title })}
            onClick={() => onDownload(payment.id)}
          >
            {t("portalPayments.downloadReceipt")}
          </Button>
        </div>
      )}
    </li>
  );
}
