import { useTranslation } from "@portico/i18n";
import { Button } from "@portico/ui";
import type { CustomerChoice } from "../sign-in.js";

export interface CustomerChoiceListProps {
  choices: CustomerChoice[];
  disabled: boolean;
  onChoose(customer: string): void;
}

/** "Choose an account": one button per customer an e-mail signs in to. */
export function CustomerChoiceList({ choices, disabled, onChoose }: CustomerChoiceListProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="pt-choice">
      <legend>{t("auth.chooseCustomerTitle")}</legend>
      <p>{t("auth.chooseCustomerDescription")}</p>
      {choices.map((choice) => (
        <Button
          key={choice.customer}
          variant="secondary"
          disabled={disabled}
          onClick={() => onChoose(choice.customer)}
        >
          {t("auth.chooseCustomer", { name: choice.name })}
        </Button>
      ))}
    </fieldset>
  );
}
