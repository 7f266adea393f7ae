import { useTranslation } from "@portico/i18n";
import { TextField } from "@portico/ui";
import { type Ref, useId } from "react";
import { money } from "../format.js";

export type AmountMode = "full" | "partial";

export interface AmountChoiceProps {
  currency: string;
  /** What remains on the invoice, minor units: the full amount and the most a partial one may be. */
  remaining: number;
  /** The least a partial payment may be, minor units. */
  minimum: number;
  mode: AmountMode;
  onMode(mode: AmountMode): void;
  text: string;
  onText(text: string): void;
  error: string | null;
  inputRef: Ref<HTMLInputElement>;
}

/** Full amount, or another one typed in major units (shown only when partial payments are on). */
export function AmountChoice(props: AmountChoiceProps) {
  const { currency, remaining, minimum, mode, onMode, text, onText, error, inputRef } = props;
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="pt-choice">
      <legend>{t("portalPay.amountLegend")}</legend>
      <label className="pt-checkout-option">
        <input type="radio" name={name} checked={mode === "full"} onChange={() => onMode("full")} />
        {t("portalPay.amountFull", { amount: money(remaining, currency) })}
      </label>
      <label className="pt-checkout-option">
        <input type="radio" name={name} checked={mode === "partial"} onChange={() => onMode("partial")} />
        {t("portalPay.amountPartial")}
      </label>
      {mode === "partial" && (
        <TextField
          ref={inputRef}
          className="pt-checkout-amount"
          label={t("portalPay.amountLabel", { currency })}
          hint={t("portalPay.amountHint", { min: money(minimum, currency), max: money(remaining, currency) })}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(event) => onText(event.target.value)}
          error={error}
        />
      )}
    </fieldset>
  );
}
