import { type MessageKey, useTranslation } from "@portico/i18n";
import { Notice, TextField } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";
import { cardErrorOf } from "./card-errors.js";
import { AddCardButton, MakeDefaultCheckbox } from "./CardFormControls.js";
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

/** Each field's label and what the browser's card autofill knows it by. */
const FIELDS = {
  number: {
    label: "portalPayments.cardNumber",
    name: "cardnumber",
    autoComplete: "cc-number",
    maxLength: 23,
  },
  expiry: { label: "portalPayments.cardExpiry", name: "cc-exp", autoComplete: "cc-exp", maxLength: 9 },
  cvc: { label: "portalPayments.cardCvc", name: "cvc", autoComplete: "cc-csc", maxLength: 4 },
} as const satisfies Record<
  CardField,
  { label: MessageKey; name: string; autoComplete: string; maxLength: number }
>;

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

  const cardField = (field: CardField) => (
    <TextField
      ref={fields[field]}
      label={t(FIELDS[field].label)}
      name={FIELDS[field].name}
      autoComplete={FIELDS[field].autoComplete}
      inputMode="numeric"
      maxLength={FIELDS[field].maxLength}
      value={input[field]}
      error={fieldErrors[field]}
      onChange={(event) => change(field)(event.target.value)}
    />
  );

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
      {cardField("number")}
      <div className="pt-card-row">
        {cardField("expiry")}
        {cardField("cvc")}
      </div>
      {allowSetDefault && <MakeDefaultCheckbox checked={makeDefault} onChange={setMakeDefault} />}
      <Notice tone="error">{formError && <p>{formError}</p>}</Notice>
      <AddCardButton busy={add.isPending} disabled={add.isPending} label={submitLabel} />
    </form>
  );
}
