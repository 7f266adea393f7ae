import { useTranslation } from "@portico/i18n";
import { Button } from "@portico/ui";

/** "Make this my default payment method", shown when the customer has other cards. */
export function MakeDefaultCheckbox({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <label className="pt-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {t("portalPayments.makeDefault")}
    </label>
  );
}

export interface AddCardButtonProps {
  /** The card is being saved: the button says so. */
  busy: boolean;
  disabled: boolean;
  /** The button's words; "Add card" by default. */
  label?: string;
}

/** A card form's submit button. */
export function AddCardButton({ busy, disabled, label }: AddCardButtonProps) {
  const { t } = useTranslation();
  return (
    <div className="pt-actions">
      <Button type="submit" disabled={disabled}>
        {busy ? t("portalPayments.addingCard") : (label ?? t("portalPayments.addCard"))}
      </Button>
    </div>
  );
}
