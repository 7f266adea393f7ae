import { useTranslation } from "@portico/i18n";
import { Button, errorReason } from "@portico/ui";
import { PageLoadError, PageLoading, SessionList } from "@portico/ui/spa";
import { useState } from "react";
import { PageHeading } from "../components/PageHeading.js";
import { type Status, StatusNotice } from "../components/StatusNotice.js";
import { trpc } from "../trpc.js";

/** "Your sessions": where the account is signed in, with sign-out per device or everywhere else. */
export function Sessions() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const sessions = trpc.auth.portal.sessions.list.useQuery();
  const [status, setStatus] = useState<Status>(null);
  const failed = () => setStatus({ tone: "error", text: t("portal.sessionsActionFailed") });
  const revoke = trpc.auth.portal.sessions.revoke.useMutation({
    onSuccess: () => setStatus({ tone: "success", text: t("portal.sessionRevoked") }),
    onError: failed,
    onSettled: () => utils.auth.portal.sessions.list.invalidate(),
  });
  const revokeAll = trpc.auth.portal.sessions.revokeAll.useMutation({
    onSuccess: ({ revoked }) =>
      setStatus({ tone: "success", text: t("portal.sessionsRevokedAll", { count: revoked }) }),
    onError: failed,
    onSettled: () => utils.auth.portal.sessions.list.invalidate(),
  });

  const heading = (
    <PageHeading title={t("portal.sessionsTitle")} description={t("portal.sessionsDescription")} />
  );
  if (sessions.isPending) {
    return (
      <>
        {heading}
        <PageLoading />
      </>
    );
  }
  if (sessions.isError) {
    if (errorReason(sessions.error) === "USER_SESSION_REQUIRED") {
      return (
        <>
          {heading}
          <div className="pt-state" role="status">
            <h2 className="pt-state__title">{t("common.forbiddenTitle")}</h2>
            <p className="pt-state__description">{t("portal.sessionsForbidden")}</p>
          </div>
        </>
      );
    }
    return (
      <>
        {heading}
        <PageLoadError onRetry={() => void sessions.refetch()} />
      </>
    );
  }

  const others = sessions.data.filter((s) => !s.current).length;
  const busy = revoke.isPending || revokeAll.isPending;
  return (
    <>
      {heading}
      <StatusNotice status={status} />
      <div aria-busy={sessions.isFetching}>
        <SessionList
          sessions={sessions.data}
          busy={busy}
          onRevoke={(session) => revoke.mutate({ session })}
        />
      </div>
      <div className="pt-actions pt-section">
        {others > 0 ? (
          <Button disabled={busy} onClick={() => revokeAll.mutate()}>
            {t("portal.sessionsRevokeAll")}
          </Button>
        ) : (
          <p>{t("portal.sessionsOnlyThis")}</p>
        )}
      </div>
    </>
  );
}
