import { useTranslation } from "@portico/i18n";
import { localeTag } from "@portico/ui";
import { ADDRESS_PARTS, type Profile } from "./profile-form.js";

/** "City, Country" style: the address parts that are set, the country by name. */
function addressLine(address: NonNullable<Profile["address"]>): string {
  const country = address.country
    ? new Intl.DisplayNames([localeTag()], { type: "region", fallback: "code" }).of(address.country)
    : null;
  return ADDRESS_PARTS.map((part) => (part === "country" ? country : address[part]))
    .filter(Boolean)
    .join(", ");
}

/** The details on file that this configuration does not let the customer change, when set. */
export function ReadOnlyDetails({ profile, merchant }: { profile: Profile; merchant: string }) {
  const { t } = useTranslation();
  const locked = (field: Profile["editableFields"][number]) => !profile.editableFields.includes(field);
  const language = profile.locale
    ? new Intl.DisplayNames([profile.locale], { type: "language", fallback: "code" }).of(profile.locale)
    : null;
  const rows = [
    { label: t("portalProfile.name"), value: locked("name") ? profile.name : null },
    { label: t("portalProfile.phone"), value: locked("phone") ? profile.phone : null },
    { label: t("portalProfile.taxId"), value: locked("taxId") ? profile.taxId : null },
    {
      label: t("portalProfile.address"),
      value: locked("address") && profile.address ? addressLine(profile.address) : null,
    },
    { label: t("portalProfile.locale"), value: locked("locale") ? language : null },
  ].filter((row) => row.value);
  if (rows.length === 0) return null;
  return (
    <section className="pt-section" aria-labelledby="billing-details-locked-title">
      <h2 id="billing-details-locked-title">{t("portalProfile.lockedTitle")}</h2>
      <p>{t("portalProfile.lockedDescription", { merchant })}</p>
      <dl className="pt-profile-locked">
        {rows.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
