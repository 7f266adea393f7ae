import "../profile/profile.css";
import { useTranslation } from "@portico/i18n";
import { EmptyState, errorReason } from "@portico/ui";
import { PageHeading } from "../components/PageHeading.js";
import { QueryState } from "../components/QueryState.js";
import { BillingDetailsForm } from "../profile/BillingDetailsForm.js";
import { EmailChange } from "../profile/EmailChange.js";
import type { Profile } from "../profile/profile-form.js";
import { ReadOnlyDetails } from "../profile/ReadOnlyDetails.js";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";

/**
 * `/billing-details`: the name, address, phone, tax ID and language on the customer's
 * invoices, and its billing e-mail — editable as far as the portal configuration allows.
 */
export function BillingDetails() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const merchant = useBranding().data?.merchant.name ?? "";
  const profile = trpc.portal.profile.get.useQuery(undefined, {
    retry: (n, error) => errorReason(error) === null && n < 2,
  });
  const saved = (next: Profile) => utils.portal.profile.get.setData(undefined, next);

  const heading = (
    <PageHeading title={t("portalProfile.title")} description={t("portalProfile.description")} />
  );
  if (!profile.data) {
    return (
      <>
        {heading}
        <QueryState level={2} error={profile.error} onRetry={() => void profile.refetch()} />
      </>
    );
  }
  const editable = profile.data.editableFields;
  const formFields = editable.filter((field) => field !== "email");
  return (
    <>
      {heading}
      {editable.length === 0 && (
        <EmptyState
          level={2}
          title={t("portalProfile.emptyTitle")}
          description={t("portalProfile.emptyDescription", { merchant })}
        />
      )}
      {formFields.length > 0 && <BillingDetailsForm profile={profile.data} onSaved={saved} />}
      <EmailChange profile={profile.data} merchant={merchant} onChanged={saved} />
      <ReadOnlyDetails profile={profile.data} merchant={merchant} />
    </>
  );
}
