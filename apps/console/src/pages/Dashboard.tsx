import { useTranslation } from "@portico/i18n";
import { EmptyState } from "@portico/ui";
import type { ConsoleIdentity } from "../session.js";

/** Start page of a signed-in merchant user. The overview replaces the empty state. */
export function Dashboard({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("console.welcome", { name: identity.user.name })}</h1>
      <EmptyState title={t("console.homeEmptyTitle")} description={t("console.homeEmptyDescription")} />
    </>
  );
}
