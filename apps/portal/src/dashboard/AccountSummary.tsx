import { useTranslation } from "@portico/i18n";
import { type ReactNode, useId } from "react";
import { date, money } from "../format.js";
import { useCardName } from "../payments/card-name.js";
import type { BillingSummary } from "./types.js";

/** One figure of the summary: a titled card, its amount, and a line or two about it. */
function Figure({ title, value, children }: { title: string; value: string; children?: ReactNode }) {
  const id = useId();
  return (
    <section className="pt-home-figure" aria-labelledby={id}>
      <h3 id={id} className="pt-home-figure__title">
        {title}
      </h3>
      <p className="pt-home-figure__value">{value}</p>
      {children}
    </section>
  );
}

/** Amount due, next charge, and balance and credit (when the account has either). */
export function AccountSummary({ summary }: { summary: BillingSummary }) {
  const { t } = useTranslation();
  const cardName = useCardName();
  const titleId = useId();
  const { credit, nextCharge, overdue } = summary;
  const currency = credit.currency;
  return (
    <section className="pt-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="pt-visually-hidden">
        {t("portalHome.summaryTitle")}
      </h2>
      <div className="pt-home-figures">
        <Figure title={t("portalHome.amountDueTitle")} value={money(summary.amountDue, currency)}>
          <p>
            {summary.openInvoiceCount > 0
              ? t("portalHome.openInvoices", { count: summary.openInvoiceCount })
              : t("portalHome.nothingDue")}
          </p>
          {overdue.count > 0 && (
            <p className="pt-home-overdue">
              {t("portalHome.overdueAmount", { amount: money(overdue.amount, currency) })}
            </p>
          )}
        </Figure>
        {nextCharge && (
          <Figure
            title={t("portalHome.nextChargeTitle")}
            value={money(nextCharge.amount, nextCharge.currency)}
          >
            <p>{t("portalHome.nextChargeOn", { date: date(nextCharge.date) })}</p>
            <p>
              {nextCharge.paymentMethod
                ? t("portalHome.nextChargeMethod", { method: cardName(nextCharge.paymentMethod) })
                : t("portalHome.nextChargeNoMethod")}
            </p>
            {nextCharge.partial && <p>{t("portalHome.nextChargeUsage")}</p>}
          </Figure>
        )}
        {(credit.creditLimit !== null || credit.balance !== 0) && (
          <Figure
            title={t("portalHome.balanceTitle")}
            value={
              credit.balance < 0
                ? t("portalHome.balanceCredit", { amount: money(-credit.balance, currency) })
                : money(credit.balance, currency)
            }
          >
            {credit.creditLimit !== null && (
              <dl className="pt-home-figure__facts">
                <dt>{t("portalHome.creditLimit")}</dt>
                <dd>{money(credit.creditLimit, currency)}</dd>
                <dt>{t("portalHome.availableCredit")}</dt>
                <dd>{money(credit.availableCredit ?? 0, currency)}</dd>
              </dl>
            )}
            {credit.overLimit && <p className="pt-home-overdue">{t("portalHome.overLimit")}</p>}
          </Figure>
        )}
      </div>
    </section>
  );
}
