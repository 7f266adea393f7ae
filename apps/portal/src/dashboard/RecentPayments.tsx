import { useTranslation } from "@portico/i18n";
import { Badge } from "@portico/ui";
import { useId } from "react";
import { Link } from "wouter";
import { date, money } from "../format.js";
import { useCardName } from "../payments/card-name.js";
import { STATUS_TONES } from "../payments/payment-status.js";
import type { SummaryPayment } from "./types.js";

/** The latest payments (amount, status, date, method) and the way to the full history. */
export function RecentPayments({ payments }: { payments: readonly SummaryPayment[] }) {
  const { t } = useTranslation();
  const cardName = useCardName();
  const titleId = useId();
  return (
    <section className="pt-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("portalHome.paymentsTitle")}</h2>
      {payments.length === 0 ? (
        <p>{t("portalHome.noPayments")}</p>
      ) : (
        <ul className="pt-records">
          {payments.map((payment) => (
            <li key={payment.id} className="pt-record pt-home-payment">
              <span className="pt-home-record-title">{money(payment.amount, payment.currency)}</span>
              <Badge tone={STATUS_TONES[payment.status]}>
                {t(`portalPayments.status_${payment.status}`)}
              </Badge>
              {/* One line on wide screens: the values speak for themselves, the terms are for screen readers. */}
              <dl>
                <dt className="pt-visually-hidden">{t("portalHome.paymentDate")}</dt>
                <dd>{date(payment.createdAt)}</dd>
                {payment.paymentMethod && (
                  <>
                    <dt className="pt-visually-hidden">{t("portalHome.paymentMethod")}</dt>
                    <dd>{cardName(payment.paymentMethod)}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <p className="pt-home-more">
        <Link href="/payments">{t("portalHome.viewPayments")}</Link>
      </p>
    </section>
  );
}
