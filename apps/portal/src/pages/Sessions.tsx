import { formatDate, useTranslation } from "@portico/i18n";
import { Button, ErrorState, Notice, PageSkeleton, errorReason, localeTag } from "@portico/ui";
import { useState } from "react";
import { trpc } from "../trpc.js";
import { describeDevice } from "../user-agent.js";

type Status = { tone: "success" | "error"; text: string } | null;

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
    <>
      <h1>{t("portal.sessionsTitle")}</h1>
      <p>{t("portal.sessionsDescription")}</p>
    </>
  );
  if (sessions.isPending) {
    return (
      <>
        {heading}
        <PageSkeleton label={t("common.loading")} />
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
        <ErrorState
          title={t("common.errorTitle")}
          description={t("common.errorDescription")}
          retryLabel={t("common.retry")}
          onRetry={() => void sessions.refetch()}
        />
      </>
    );
  }

  const locale = localeTag();
  const others = sessions.data.filter((s) => !s.current).length;
  const busy = revoke.isPending || revokeAll.isPending;
  return (
    <>
      {heading}
      <Notice tone={status?.tone === "error" ? "error" : "success"}>{status && <p>{status.text}</p>}</Notice>
      <ul className="pt-records" aria-busy={sessions.isFetching}>
        {sessions.data.map((session) => {
          const parts = describeDevice(session.userAgent);
          const device = parts ? t("portal.deviceOn", parts) : t("portal.sessionUnknownDevice");
          const lastActive = formatDate(session.lastActiveAt, locale, {
            dateStyle: "medium",
            timeStyle: "short",
          });
          return (
            <li key={session.id} className="pt-record">
              {session.current && <span className="pt-badge">{t("portal.sessionCurrent")}</span>}
              <dl>
                <dt>{t("portal.sessionDevice")}</dt>
                <dd>{device}</dd>
                <dt>{t("portal.sessionIp")}</dt>
                <dd>{session.ip ?? t("portal.sessionUnknownIp")}</dd>
                <dt>{t("portal.sessionLastActive")}</dt>
                <dd>
                  <time dateTime={session.lastActiveAt}>{lastActive}</time>
                </dd>
              </dl>
              {!session.current && (
                <div className="pt-actions">
                  <Button
                    variant="secondary"
                    disabled={busy}
                    aria-label={t("portal.sessionRevokeLabel", { device, time: lastActive })}
                    onClick={() => revoke.mutate({ session: session.id })}
                  >
                    {t("portal.sessionRevoke")}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
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
