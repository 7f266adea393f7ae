import { useTranslation } from "@portico/i18n";
import { Button } from "@portico/ui";
import { usePortalSignOut } from "../session.js";

/**
 * For a portal-link session (no login user): what the page needs, and a way to sign in
 * with an account of one's own.
 */
export function SignInWithOwnAccount({ description }: { description: string }) {
  const { t } = useTranslation();
  const signOut = usePortalSignOut();
  return (
    <div className="pt-state" role="status">
      <h2 className="pt-state__title">{t("common.forbiddenTitle")}</h2>
      <p className="pt-state__description">{description}</p>
      <div className="pt-state__actions">
        <Button variant="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t("portalAccount.signInOwnAccount")}
        </Button>
      </div>
    </div>
  );
}
