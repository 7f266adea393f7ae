import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";
import { cardErrorOf } from "./card-errors.js";
import { type CardField, type CardInput, readCardInput } from "./card-input.js";
import type { CardFormInnerProps } from "./card-form-props.js";

/** The documented test cards the hint offers (packages/core/src/payments/test-cards.ts). */
const TEST_CARDS = [
  { number: "4242 4242 4242 4242", outcome: "testCardSucceeds" },
  { number: "4000 0000 0000 0002", outcome: "testCardDeclines" },
  { number: "4000 0000 0000 0259", outcome: "testCardProcessing" },
] as const;

const EMPTY: CardInput = { number: "", expiry: "", cvc: "" };
const FIELD_ORDER: readonly CardField[] = ["number", "expiry", "cvc"];

/**
 * The sandbox gateway's test-card form: number, expiry (MM/YY), security code and, when
 * asked, "make default". The card goes to `portal.paymentMethods.add`, which tokenizes it
 * and keeps brand, last4 and expiry only. Field problems show under their field and take
 * the focus; other refusals show above the button.
 */
export function SandboxCardForm({ submitLabel, allowSetDefault, onAdded }: CardFormInnerProps) {
  const { t } = useTranslation();
  const merchant = useBranding().data?.merchant.name ?? "";
  const [input, setInput] = useState<CardInput>(EMPTY);
  const [makeDefault, setMakeDefault] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<CardField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const fields = {
    number: useRef<HTMLInputElement>(null),
    expiry: useRef<HTMLInputElement>(null),
    cvc: useRef<HTMLInputElement>(null),
  };
  const add = trpc.portal.paymentMethods.add.useMutation();

  const change = (field: CardField) => (value: string) => {
    setInput((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const read = readCardInput(input);
    if (read.problems) {
      setFieldErrors(
        Object.fromEntries(
          Object.entries(read.problems).map(([field, problem]) => [field, t(`portalPayments.${problem}`)]),
        ),
      );
      const first = FIELD_ORDER.find((field) => read.problems[field]);
      if (first) fields[first].current?.focus();
      return;
    }
    setFieldErrors({});
    try {
      const method = await add.mutateAsync({
        card: read.card,
        ...(allowSetDefault ? { setDefault: makeDefault } : {}),
      });
      setInput(EMPTY);
      setMakeDefault(false);
      onAdded(method);
    } catch (error) {
      const { field, key } = cardErrorOf(error);
      const text = t(`portalPayments.${key}`, { merchant });
      if (field) {
        setFieldErrors({ [field]: text });
        fields[field].current?.focus();
      } else {
        setFormError(text);
      }
    }
  };

  return (
    <form className="pt-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="pt-card-test">
        <p>
          <strong>{t("portalPayments.sandboxTitle")}</strong> {t("portalPayments.sandboxHint")}
        </p>
        <ul>
          {TEST_CARDS.map((card) => (
            <li key={card.number}>{t(`portalPayments.${card.outcome}`, { number: card.number })}</li>
          ))}
        </ul>
      </div>
      <TextField
        ref={fields.number}
        label={t("portalPayments.cardNumber")}
        name="cardnumber"
        autoComplete="cc-number"
        inputMode="numeric"
        maxLength={23}
        value={input.number}
        error={fieldErrors.number}
        onChange={(event) => change("number")(event.target.value)}
      />
      <div className="pt-card-row">
        <TextField
          ref={fields.expiry}
          label={t("portalPayments.cardExpiry")}
          name="cc-exp"
          autoComplete="cc-exp"
          inputMode="numeric"
          maxLength={9}
          value={input.expiry}
          error={fieldErrors.expiry}
          onChange={(event) => change("expiry")(event.target.value)}
        />
        <TextField
          ref={fields.cvc}
          label={t("portalPayments.cardCvc")}
          name="cvc"
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
          value={input.cvc}
          error={fieldErrors.cvc}
          onChange={(event) => change("cvc")(event.target.value)}
        />
      </div>
      {allowSetDefault && (
        <label className="pt-card-check">
          <input
            type="checkbox"
            checked={makeDefault}
            onChange={(event) => setMakeDefault(event.target.checked)}
          />
          {t("portalPayments.makeDefault")}
        </label>
      )}
      <Notice tone="error">{formError && <p>{formError}</p>}</Notice>
      <div className="pt-actions">
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? t("portalPayments.addingCard") : (submitLabel ?? t("portalPayments.addCard"))}
        </Button>
      </div>
    </form>
  );
}
