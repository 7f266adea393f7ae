import { useTranslation } from "@portico/i18n";
import { EmptyState } from "@portico/ui";
import { type ConsoleIdentity, SignOutButton } from "../session.js";

/** Start page of a signed-in merchant user. The overview replaces the empty state. */
export function Dashboard({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="pt-actions pt-account-bar">
        <p>{t("console.title", { merchant: identity.merchant.name })}</p>
        <SignOutButton />
      </div>
      <h1>{t("console.welcome", { name: identity.user.name })}</h1>
      <EmptyState title={t("console.homeEmptyTitle")} description={t("console.homeEmptyDescription")} />
    </>
  );
}
