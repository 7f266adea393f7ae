import { useTranslation } from "@portico/i18n";
import { Button, Notice } from "@portico/ui";
import { accountErrorText } from "@portico/ui/spa";
import { type FormEvent, useId, useState } from "react";
import type { RouterOutputs } from "@portico/api";
import { trpc } from "../trpc.js";
import type { Status } from "./status.js";

export type NotificationPreferences = RouterOutputs["portal"]["notifications"]["get"];
type Category = NotificationPreferences["preferences"][number]["category"];

const settingsOf = (data: NotificationPreferences) =>
  Object.fromEntries(data.preferences.map(({ category, enabled }) => [category, enabled])) as Record<
    Category,
    boolean
  >;

/** One checkbox per e-mail category, with what it covers; saved together. */
export function NotificationsForm({
  preferences,
  onSaved,
}: {
  preferences: NotificationPreferences;
  onSaved(preferences: NotificationPreferences): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [settings, setSettings] = useState(() => settingsOf(preferences));
  const [status, setStatus] = useState<Status>(null);
  const save = trpc.portal.notifications.update.useMutation({
    onSuccess: (saved) => {
      onSaved(saved);
      setSettings(settingsOf(saved));
      setStatus({ tone: "success", text: t("portalProfile.notificationsSaved") });
    },
    onError: (error) =>
      setStatus({
        tone: "error",
        text: accountErrorText(t, error) ?? t("portalProfile.notificationsFailed"),
      }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    save.mutate({ preferences: settings });
  }

  return (
    <form className="pt-form" noValidate onSubmit={submit} aria-busy={save.isPending}>
      <fieldset className="pt-choice">
        <legend>{t("portalProfile.notificationsLegend")}</legend>
        {preferences.preferences.map(({ category }) => (
          <div key={category} className="pt-profile-check">
            <input
              type="checkbox"
              id={`${id}-${category}`}
              name={category}
              aria-describedby={`${id}-${category}-hint`}
              checked={settings[category]}
              onChange={(event) => setSettings({ ...settings, [category]: event.target.checked })}
            />
            <label htmlFor={`${id}-${category}`}>{t(`portalProfile.category_${category}`)}</label>
            <p id={`${id}-${category}-hint`} className="pt-field__hint">
              {t(`portalProfile.category_${category}_hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      <Notice tone={status?.tone}>{status && <p>{status.text}</p>}</Notice>
      <div className="pt-actions">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("portalProfile.saving") : t("portalProfile.notificationsSave")}
        </Button>
      </div>
    </form>
  );
}
