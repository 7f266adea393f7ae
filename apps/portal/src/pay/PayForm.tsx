import { useTranslation } from "@portico/i18n";
import { Button, Notice, localeTag } from "@portico/ui";
import { type FormEvent, useId, useRef, useState } from "react";
import type { AddedPaymentMethod } from "../components/CardForm.js";
import type { PortalFeatures } from "../features.js";
import { money } from "../format.js";
import { AmountChoice, type AmountMode } from "./AmountChoice.js";
import { isExpired } from "./expired.js";
import { MethodChoice } from "./MethodChoice.js";
import { parseMoneyInput, sampleAmount } from "./money-input.js";
import { PaymentFailed } from "./PaymentFailed.js";
import type { InvoicePayment, PayableInvoice, SavedMethod } from "./types.js";
import type { PayRequest } from "./use-pay-invoice.js";

export interface PayFormProps {
  invoice: PayableInvoice;
  methods: readonly SavedMethod[];
  features: PortalFeatures;
  onPay(request: PayRequest): void;
  /** Refreshes the saved methods after a card was added here. */
  onCardAdded(method: AddedPaymentMethod): Promise<void>;
  pending: boolean;
  /** The last attempt was declined: shown above the form, with "Try again". */
  failed: InvoicePayment | null;
  /** The last attempt was refused or got no answer. */
  error: string | null;
}

/** The saved method to offer first: the default one, else the first that has not expired. */
function preferredMethod(methods: readonly SavedMethod[], now: Date): string | null {
  const usable = methods.filter((method) => !isExpired(method, now));
  return (usable.find((method) => method.isDefault) ?? usable[0])?.id ?? null;
}

/** The least a partial payment may be: the configuration's minimum, never above what remains. */
export const minimumOf = (features: PortalFeatures, remaining: number) =>
  Math.min(features.partialPayments.minimumAmount ?? 1, remaining);

/**
 * Method, amount and "Pay $X". Checks what it can before asking the server (a method is
 * chosen and has not expired; a partial amount reads as money in range) and names the
 * problem under its field.
 */
export function PayForm(props: PayFormProps) {
  const { invoice, methods, features, onPay, pending, failed, error } = props;
  const { t } = useTranslation();
  const formId = useId();
  const { currency, amountRemaining: remaining } = invoice;
  const [selected, setSelected] = useState(() => preferredMethod(methods, new Date()));
  const [methodError, setMethodError] = useState<string | null>(null);
  const [mode, setMode] = useState<AmountMode>("full");
  const [text, setText] = useState("");
  const [amountError, setAmountError] = useState<string | null>(null);
  const amountInput = useRef<HTMLInputElement>(null);

  const minimum = minimumOf(features, remaining);
  const partialAllowed = features.partialPayments.enabled && minimum < remaining;
  const partial = partialAllowed && mode === "partial" ? parseMoneyInput(text, currency) : null;
  const amount = partial ?? remaining;

  /** The amount to send (undefined: everything that remains), or null after naming the problem. */
  function checkedAmount(): number | undefined | null {
    if (!partialAllowed || mode === "full") return undefined;
    const problem =
      text.trim() === ""
        ? t("portalPay.amountRequired")
        : partial === null
          ? t("portalPay.amountInvalid", { example: sampleAmount(currency, localeTag()) })
          : partial < minimum
            ? t("portalPay.amountTooLow", { min: money(minimum, currency) })
            : partial > remaining
              ? t("portalPay.amountTooHigh", { max: money(remaining, currency) })
              : null;
    setAmountError(problem);
    if (problem) {
      amountInput.current?.focus();
      return null;
    }
    return partial === remaining ? undefined : (partial ?? undefined);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const method = methods.find((m) => m.id === selected);
    const usable = method && !isExpired(method, new Date());
    setMethodError(usable ? null : t("portalPay.chooseMethod"));
    const request = checkedAmount();
    if (!usable) {
      document.querySelector<HTMLInputElement>(`input[form="${formId}"]:not(:disabled)`)?.focus();
      return;
    }
    if (request === null) return;
    onPay({ paymentMethod: method.id, ...(request === undefined ? {} : { amount: request }) });
  }

  return (
    <>
      {failed && (
        <PaymentFailed key={failed.id} payment={failed} onRetry={() => submit()} retrying={pending} />
      )}
      <MethodChoice
        methods={methods}
        selected={selected}
        onSelect={(id) => {
          setSelected(id);
          setMethodError(null);
        }}
        onAdded={props.onCardAdded}
        canAdd={features.paymentMethodUpdate.enabled}
        form={formId}
        error={methodError}
      />
      <form id={formId} className="pt-form pt-section" noValidate onSubmit={submit} aria-busy={pending}>
        {partialAllowed && (
          <AmountChoice
            currency={currency}
            remaining={remaining}
            minimum={minimum}
            mode={mode}
            onMode={(next) => {
              setMode(next);
              setAmountError(null);
            }}
            text={text}
            onText={(next) => {
              setText(next);
              setAmountError(null);
            }}
            error={amountError}
            inputRef={amountInput}
          />
        )}
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <div className="pt-actions">
          <Button type="submit" disabled={pending}>
            {pending ? t("portalPay.submitting") : t("portalPay.submit", { amount: money(amount, currency) })}
          </Button>
        </div>
      </form>
    </>
  );
}
