import { useTranslation } from "@portico/i18n";
import { Button, Notice, SelectField, TextField, errorReason, localeTag } from "@portico/ui";
import { accountErrorText } from "@portico/ui/spa";
import { type ChangeEvent, type FormEvent, useMemo, useRef, useState } from "react";
import { trpc } from "../trpc.js";
import { countryOptions, languageOptions } from "./display-names.js";
import {
  FIELD_ORDER,
  type FieldErrors,
  type FormField,
  type Profile,
  changesOf,
  formOf,
  serverFieldErrors,
  validate,
} from "./profile-form.js";
import type { Status } from "./status.js";

/**
 * The billing details the configuration lets the customer change (all but the e-mail, which
 * has its own confirmation flow). Saves only what changed; checks the server's formats first
 * and shows its refusals next to the field they name.
 */
export function BillingDetailsForm({
  profile,
  onSaved,
}: {
  profile: Profile;
  onSaved(profile: Profile): void;
}) {
  const { t } = useTranslation();
  const editable = profile.editableFields;
  const can = (field: Profile["editableFields"][number]) => editable.includes(field);
  const [form, setForm] = useState(() => formOf(profile));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const inputs = useRef<Partial<Record<FormField, HTMLInputElement | null>>>({});
  const countries = useMemo(
    () => countryOptions(profile.options.countries, localeTag()),
    [profile.options.countries],
  );
  const languages = useMemo(
    () => languageOptions(profile.options.locales, profile.locale),
    [profile.options.locales, profile.locale],
  );

  const focusFirst = (problems: FieldErrors) => {
    const first = FIELD_ORDER.find((field) => problems[field]);
    if (first) inputs.current[first]?.focus();
  };
  const save = trpc.portal.profile.update.useMutation({
    onSuccess: (saved) => {
      onSaved(saved);
      setForm(formOf(saved));
      setStatus({ tone: "success", text: t("portalProfile.saved") });
    },
    onError: (error) => {
      const problems = serverFieldErrors(error);
      setErrors(problems);
      if (Object.keys(problems).length > 0) {
        setStatus({ tone: "error", text: t("portalProfile.fixErrors") });
        return focusFirst(problems);
      }
      const text =
        errorReason(error) === "FIELD_NOT_EDITABLE"
          ? t("portalProfile.notEditable")
          : (accountErrorText(t, error) ?? t("portalProfile.saveFailed"));
      setStatus({ tone: "error", text });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = validate(form, editable);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setStatus({ tone: "error", text: t("portalProfile.fixErrors") });
      return focusFirst(problems);
    }
    const changes = changesOf(form, profile, editable);
    if (Object.keys(changes).length === 0) {
      return setStatus({ tone: "info", text: t("portalProfile.noChanges") });
    }
    setStatus(null);
    save.mutate(changes);
  }

  /** A text input bound to `field`, with its inline error. */
  const text = (field: FormField, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      ref={(element) => {
        inputs.current[field] = element;
      }}
      label={label}
      name={field}
      value={form[field]}
      onChange={(event: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [field]: event.target.value })}
      error={errors[field] ? t(`portalProfile.${errors[field]}`) : null}
      {...extra}
    />
  );

  return (
    <section className="pt-section" aria-labelledby="billing-details-form-title">
      <h2 id="billing-details-form-title">{t("portalProfile.detailsTitle")}</h2>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={save.isPending}>
        {can("name") &&
          text("name", t("portalProfile.name"), { autoComplete: "organization", maxLength: 200 })}
        {can("phone") &&
          text("phone", t("portalProfile.phone"), {
            type: "tel",
            inputMode: "tel",
            autoComplete: "tel",
            maxLength: 40,
            hint: t("portalProfile.phoneHint"),
          })}
        {can("taxId") &&
          text("taxId", t("portalProfile.taxId"), {
            autoComplete: "off",
            spellCheck: false,
            maxLength: 64,
            hint: t("portalProfile.taxIdHint"),
          })}
        {can("address") && (
          <fieldset className="pt-choice pt-profile-address">
            <legend>{t("portalProfile.address")}</legend>
            {text("line1", t("portalProfile.line1"), { autoComplete: "address-line1", maxLength: 200 })}
            {text("line2", t("portalProfile.line2"), { autoComplete: "address-line2", maxLength: 200 })}
            <div className="pt-profile-address__row">
              {text("city", t("portalProfile.city"), { autoComplete: "address-level2", maxLength: 200 })}
              {text("postalCode", t("portalProfile.postalCode"), {
                autoComplete: "postal-code",
                maxLength: 20,
              })}
            </div>
            {text("state", t("portalProfile.state"), { autoComplete: "address-level1", maxLength: 200 })}
            <SelectField
              label={t("portalProfile.country")}
              name="country"
              autoComplete="country"
              value={form.country}
              onChange={(event) => setForm({ ...form, country: event.target.value })}
            >
              <option value="">{t("portalProfile.countryNone")}</option>
              {countries.map((country) => (
                <option key={country.value} value={country.value}>
                  {country.label}
                </option>
              ))}
            </SelectField>
          </fieldset>
        )}
        {can("locale") && (
          <SelectField
            label={t("portalProfile.locale")}
            hint={t("portalProfile.localeHint")}
            name="locale"
            value={form.locale}
            onChange={(event) => setForm({ ...form, locale: event.target.value })}
          >
            <option value="">{t("portalProfile.localeNone")}</option>
            {languages.map((language) => (
              <option key={language.value} value={language.value} lang={language.value}>
                {language.label}
              </option>
            ))}
          </SelectField>
        )}
        <Notice tone={status?.tone}>{status && <p>{status.text}</p>}</Notice>
        <div className="pt-actions">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("portalProfile.saving") : t("portalProfile.save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
