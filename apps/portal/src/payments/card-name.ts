import { useTranslation } from "@portico/i18n";
import { useCallback } from "react";

/** The brands the catalog names; any other is shown as the gateway spells it, capitalised. */
const BRAND_ENTRIES = [
  ["visa", "portalPayments.brand_visa"],
  ["mastercard", "portalPayments.brand_mastercard"],
  ["amex", "portalPayments.brand_amex"],
  ["discover", "portalPayments.brand_discover"],
  ["diners", "portalPayments.brand_diners"],
  ["jcb", "portalPayments.brand_jcb"],
  ["unionpay", "portalPayments.brand_unionpay"],
] as const;
const BRANDS: ReadonlyMap<string, (typeof BRAND_ENTRIES)[number][1]> = new Map(BRAND_ENTRIES);

export interface CardFacts {
  brand: string | null;
  last4: string | null;
}

/** "Visa ending in 4242", in the viewer's language: how lists, buttons and messages name a card. */
export function useCardName(): (card: CardFacts) => string {
  const { t } = useTranslation();
  return useCallback(
    (card) => {
      const raw = card.brand?.toLowerCase() ?? "";
      const key = BRANDS.get(raw);
      const brand = key
        ? t(key)
        : raw
          ? raw.charAt(0).toUpperCase() + raw.slice(1)
          : t("portalPayments.brand_card");
      return card.last4
        ? t("portalPayments.cardName", { brand, last4: card.last4 })
        : t("portalPayments.cardNameNoDigits", { brand });
    },
    [t],
  );
}
