import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Badge, type BadgeTone } from "@portico/ui";
import { date, money } from "../format.js";
import { brandName, failureKey, PAYMENT_STATUS_KEYS } from "./invoice-text.js";
import { StackCell, StackRow, StackRowHeader, StackTable } from "./StackTable.js";

type Payment = RouterOutputs["portal"]["invoices"]["get"]["payments"][number];

const TONES: Record<Payment["status"], BadgeTone> = {
  succeeded: "success",
  processing: "info",
  failed: "danger",
  refunded: "neutral",
  partially_refunded: "neutral",
  canceled: "neutral",
};

function MethodText({ method }: { method: Payment["paymentMethod"] }) {
  const { t } = useTranslation();
  if (!method?.last4) return t("portalInvoices.methodUnknown");
  const { last4 } = method;
  if (method.type === "sepa_debit") return t("portalInvoices.methodSepa", { last4 });
  if (method.type === "us_bank_account") return t("portalInvoices.methodBank", { last4 });
  return t("portalInvoices.methodCard", { brand: brandName(method.brand ?? "card"), last4 });
}

/** Every attempt to pay the invoice, oldest first, with why a failed one failed. */
export function InvoicePayments({ payments }: { payments: Payment[] }) {
  const { t } = useTranslation();
  if (payments.length === 0) return <p>{t("portalInvoices.paymentsEmpty")}</p>;
  const [day, method, amount, status] = [
    { label: t("portalInvoices.colDate") },
    { label: t("portalInvoices.colMethod") },
    { label: t("portalInvoices.colAmount"), amount: true },
    { label: t("portalInvoices.colStatus") },
  ] as const;
  return (
    <StackTable caption={t("portalInvoices.paymentsTitle")} columns={[day, method, amount, status]} focusable>
      {payments.map((payment) => (
        <StackRow key={payment.id}>
          <StackRowHeader>{date(payment.createdAt)}</StackRowHeader>
          <StackCell column={method}>
            <MethodText method={payment.paymentMethod} />
          </StackCell>
          <StackCell column={amount}>{money(payment.amount, payment.currency)}</StackCell>
          <StackCell column={status}>
            <Badge tone={TONES[payment.status]}>{t(PAYMENT_STATUS_KEYS[payment.status])}</Badge>
            {payment.status === "failed" && (
              <span className="pt-cell-detail">{t(failureKey(payment.failureCode))}</span>
            )}
          </StackCell>
        </StackRow>
      ))}
    </StackTable>
  );
}
