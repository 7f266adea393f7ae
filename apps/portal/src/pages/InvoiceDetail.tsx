import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function InvoiceDetail() {
  const { t } = useTranslation();
  return <h1>{t("portal.navInvoices")}</h1>;
}
