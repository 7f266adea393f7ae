import { useTranslation } from "@portico/i18n";
import { Badge, Button, Notice } from "@portico/ui";
import { useEffect, useId, useRef, useState } from "react";
import { type AddedPaymentMethod, CardForm } from "../components/CardForm.js";
import { useCardName } from "../payments/card-name.js";
import { expiryMonth } from "../payments/expiry.js";
import { useBranding } from "../use-branding.js";
import { isExpired } from "./expired.js";
import type { SavedMethod } from "./types.js";

export interface MethodChoiceProps {
  methods: readonly SavedMethod[];
  selected: string | null;
  onSelect(method: string): void;
  /** A card added here; the list is refreshed by the caller. */
  onAdded(method: AddedPaymentMethod): Promise<void>;
  /** The configuration lets the customer add cards (paymentMethodUpdate). */
  canAdd: boolean;
  /** The pay form the radios belong to (Enter on one submits it). */
  form: string;
  error: string | null;
}

/** `pm_…` → the id of its radio, so a new card can take focus once listed. */
const radioId = (base: string, method: string) => `${base}-${method}`;

/**
 * Which saved method pays: a radio per method (expired cards shown but not selectable),
 * and "Add a card", which opens the gateway's card form in place; the added card is then
 * selected and focused.
 */
export function MethodChoice(props: MethodChoiceProps) {
  const { methods, selected, onSelect, canAdd, form, error } = props;
  const { t } = useTranslation();
  const cardName = useCardName();
  const merchant = useBranding().data?.merchant.name ?? "";
  const base = useId();
  const [adding, setAdding] = useState(methods.length === 0);
  const [added, setAdded] = useState<string | null>(null);
  // Where focus goes once the card form opens or closes, so keyboard users never lose it.
  const [focusTo, setFocusTo] = useState<"form" | "button" | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const addHeading = useRef<HTMLHeadingElement>(null);
  const now = new Date();

  useEffect(() => {
    if (focusTo === "form") addHeading.current?.focus();
    if (focusTo === "button") addButton.current?.focus();
    setFocusTo(null);
  }, [focusTo]);

  // Focus the new card's radio once the refreshed list shows it.
  useEffect(() => {
    if (added && methods.some((method) => method.id === added)) {
      document.getElementById(radioId(base, added))?.focus();
    }
  }, [added, methods, base]);

  async function cardAdded(method: AddedPaymentMethod) {
    await props.onAdded(method);
    onSelect(method.id);
    setAdded(method.id);
    setAdding(false);
  }

  const addedMethod = methods.find((method) => method.id === added);
  return (
    <section className="pt-section" aria-labelledby={`${base}-title`}>
      <fieldset className="pt-choice" aria-describedby={error ? `${base}-error` : undefined}>
        <legend id={`${base}-title`}>{t("portalPay.methodLegend")}</legend>
        {methods.length === 0 && (
          <p>{canAdd ? t("portalPay.noMethods") : t("portalPay.noMethodsNoAdd", { merchant })}</p>
        )}
        <ul className="pt-checkout-methods">
          {methods.map((method) => {
            const expired = isExpired(method, now);
            const id = radioId(base, method.id);
            return (
              <li key={method.id}>
                {/* Named by the card alone; expiry and "Default" are its description. */}
                <label className="pt-checkout-method" data-disabled={expired || undefined}>
                  <input
                    id={id}
                    type="radio"
                    name={`${base}-method`}
                    form={form}
                    value={method.id}
                    checked={selected === method.id}
                    disabled={expired}
                    onChange={() => onSelect(method.id)}
                    aria-labelledby={`${id}-name`}
                    aria-describedby={`${id}-detail`}
                  />
                  <span className="pt-checkout-method__name" id={`${id}-name`}>
                    {cardName(method)}
                  </span>
                  <span className="pt-checkout-method__detail" id={`${id}-detail`}>
                    {method.expMonth !== null &&
                      method.expYear !== null &&
                      (expired
                        ? t("portalPay.methodExpired")
                        : t("portalPay.methodExpires", {
                            date: expiryMonth(method.expMonth, method.expYear),
                          }))}{" "}
                    {method.isDefault && <Badge>{t("portalPay.methodDefault")}</Badge>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {error && (
        <p className="pt-field__error" id={`${base}-error`}>
          {error}
        </p>
      )}
      <Notice tone="success">
        {addedMethod && <p>{t("portalPay.cardAdded", { card: cardName(addedMethod) })}</p>}
      </Notice>
      {canAdd &&
        (adding ? (
          <section className="pt-checkout-add-card" aria-labelledby={`${base}-add`}>
            <h3 id={`${base}-add`} ref={addHeading} tabIndex={-1}>
              {t("portalPay.addCardTitle")}
            </h3>
            <CardForm
              onAdded={(method) => void cardAdded(method)}
              submitLabel={t("portalPay.addCardSubmit")}
            />
            {methods.length > 0 && (
              <Button
                variant="secondary"
                onClick={() => {
                  setAdding(false);
                  setFocusTo("button");
                }}
              >
                {t("portalPay.cancelAddCard")}
              </Button>
            )}
          </section>
        ) : (
          <div className="pt-actions pt-checkout-add">
            <Button
              ref={addButton}
              variant="secondary"
              onClick={() => {
                setAdding(true);
                setFocusTo("form");
              }}
            >
              {t("portalPay.addCard")}
            </Button>
          </div>
        ))}
    </section>
  );
}
