import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function PaymentMethods() {
  const { t } = useTranslation();
  return <h1>{t("portal.navPaymentMethods")}</h1>;
}
