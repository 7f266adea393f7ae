import { useTranslation } from "@portico/i18n";
import { PageSkeleton, errorReason } from "@portico/ui";
import { PageLoadError } from "@portico/ui/spa";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useLocation } from "wouter";
import { trpc } from "../trpc.js";

/** `/portal/s/<secret>`: spends the link once for a session, then opens the dashboard. */
export function LinkLanding({ params }: { params: { secret: string } }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const redeem = trpc.auth.portal.redeemLink.useMutation({
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: [["auth"]] });
      queryClient.removeQueries({ queryKey: [["portal"]] });
      navigate("/", { replace: true });
    },
  });
  // A link works once: never spend it twice, not even when an effect runs again.
  const spent = useRef<string | null>(null);
  const { mutate } = redeem;
  useEffect(() => {
    if (spent.current === params.secret) return;
    spent.current = params.secret;
    mutate({ secret: params.secret });
  }, [mutate, params.secret]);

  if (redeem.isError) {
    const reason = errorReason(redeem.error);
    if (reason === "PORTAL_LINK_INVALID" || reason === "INVALID_INPUT") {
      return (
        <div className="pt-state" role="alert">
          <h1 className="pt-state__title">{t("portal.linkInvalidTitle")}</h1>
          <p className="pt-state__description">{t("portal.linkInvalidDescription")}</p>
          <div className="pt-state__actions">
            <Link href="/login" replace>
              {t("portal.linkSignIn")}
            </Link>
          </div>
        </div>
      );
    }
    return <PageLoadError level={1} onRetry={() => mutate({ secret: params.secret })} />;
  }
  return <PageSkeleton label={t("portal.linkOpening")} />;
}
