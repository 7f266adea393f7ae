import { useTranslation } from "@portico/i18n";
import { Button, Notice, Skeleton, localeTag } from "@portico/ui";
import type { Stripe, StripeCardElement, StripeElementLocale } from "@stripe/stripe-js";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";
import { cardErrorOf } from "./card-errors.js";
import { AddCardButton, MakeDefaultCheckbox } from "./CardFormControls.js";
import type { CardFormInnerProps } from "./card-form-props.js";

export interface StripeCardFormProps extends CardFormInnerProps {
  publishableKey: string;
  /** The SetupIntent's, from `portal.paymentMethods.setup`; one card per SetupIntent. */
  clientSecret: string;
}

type Loaded = { stripe: Stripe; card: StripeCardElement };

/**
 * Stripe's card Element: Stripe.js is downloaded when this form first shows (a dynamic
 * import, never in the portal's first bundle), the card number goes to Stripe only, the
 * SetupIntent is confirmed in the browser (3-D Secure included) and its `seti_…` is handed
 * to `portal.paymentMethods.add`. Stripe's own messages (localised by Stripe.js) explain a
 * refused card; Portico's catalog explains everything else.
 */
export function StripeCardForm({
  publishableKey,
  clientSecret,
  submitLabel,
  allowSetDefault,
  onAdded,
}: StripeCardFormProps) {
  const { t } = useTranslation();
  const merchant = useBranding().data?.merchant.name ?? "";
  const labelId = useId();
  const mountPoint = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [cardError, setCardError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [makeDefault, setMakeDefault] = useState(false);
  const add = trpc.portal.paymentMethods.add.useMutation();

  useEffect(() => {
    let cancelled = false;
    let card: StripeCardElement | null = null;
    setLoadFailed(false);
    void (async () => {
      try {
        const { loadStripe } = await import("@stripe/stripe-js/pure");
        const locale = stripeLocale();
        const stripe = await loadStripe(publishableKey, { locale });
        if (cancelled) return;
        if (!stripe || !mountPoint.current) throw new Error("Stripe.js did not load");
        card = stripe.elements({ locale }).create("card", { style: { base: elementStyle() } });
        card.on("change", (event) => setCardError(event.error?.message ?? null));
        card.mount(mountPoint.current);
        setLoaded({ stripe, card });
      } catch {
        if (!cancelled) setLoadFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      card?.destroy();
      setLoaded(null);
    };
  }, [publishableKey, attempt]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!loaded) return;
    setFormError(null);
    setConfirming(true);
    try {
      const result = await loaded.stripe.confirmCardSetup(clientSecret, {
        payment_method: { card: loaded.card },
      });
      if (result.error) {
        setFormError(result.error.message ?? t("portalPayments.cardNotConfirmed"));
        loaded.card.focus();
        return;
      }
      const method = await add.mutateAsync({
        setupIntent: result.setupIntent.id,
        ...(allowSetDefault ? { setDefault: makeDefault } : {}),
      });
      onAdded(method);
    } catch (error) {
      setFormError(t(`portalPayments.${cardErrorOf(error).key}`, { merchant }));
    } finally {
      setConfirming(false);
    }
  };

  const busy = confirming || add.isPending;
  return (
    <form className="pt-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="pt-field">
        {/* Stripe's iframe labels its own inputs; this names the group they sit in. */}
        <span id={labelId} className="pt-field__label">
          {t("portalPayments.stripeCardLabel")}
        </span>
        <div
          ref={mountPoint}
          className="pt-card-element"
          role="group"
          aria-labelledby={labelId}
          aria-busy={!loaded && !loadFailed}
        >
          {!loaded && !loadFailed && <Skeleton height="1.5rem" />}
        </div>
        {cardError && <p className="pt-field__error">{cardError}</p>}
      </div>
      <Notice tone="error">
        {loadFailed && (
          <p>
            {t("portalPayments.stripeLoadFailed")}{" "}
            <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t("portalPayments.retry")}
            </Button>
          </p>
        )}
        {formError && <p>{formError}</p>}
      </Notice>
      <Notice>
        {!loaded && !loadFailed && <p className="pt-visually-hidden">{t("portalPayments.stripeLoading")}</p>}
      </Notice>
      {allowSetDefault && <MakeDefaultCheckbox checked={makeDefault} onChange={setMakeDefault} />}
      <AddCardButton busy={busy} disabled={!loaded || busy} label={submitLabel} />
    </form>
  );
}

/** The portal's languages (packages/i18n SUPPORTED_LOCALES), all of which Stripe.js speaks. */
const STRIPE_LOCALES = new Map<string, StripeElementLocale>([
  ["en", "en"],
  ["fr", "fr"],
]);

/** Stripe.js speaks the portal's language, or else picks the browser's. */
function stripeLocale(): StripeElementLocale {
  return STRIPE_LOCALES.get(localeTag().split("-")[0] ?? "") ?? "auto";
}

/** The page's text colour and size inside Stripe's iframe, which page CSS cannot reach. */
function elementStyle() {
  const style = getComputedStyle(document.body);
  return { color: style.color, fontFamily: style.fontFamily, fontSize: "16px" };
}
