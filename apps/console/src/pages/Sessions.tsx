import { useTranslation } from "@portico/i18n";
import { Button, Notice } from "@portico/ui";
import { SessionList } from "@portico/ui/spa";
import { useState } from "react";
import { QueryState } from "../components/PageStates.js";
import { trpc } from "../trpc.js";

type Status = { tone: "success" | "error"; text: string } | null;

/** "Your sessions": where this console account is signed in, with sign-out per device or all others. */
export function Sessions() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const sessions = trpc.auth.console.sessions.list.useQuery();
  const [status, setStatus] = useState<Status>(null);
  const failed = () => setStatus({ tone: "error", text: t("consoleAccount.actionFailed") });
  const revoke = trpc.auth.console.sessions.revoke.useMutation({
    onSuccess: () => setStatus({ tone: "success", text: t("consoleAccount.sessionRevoked") }),
    onError: failed,
    onSettled: () => utils.auth.console.sessions.list.invalidate(),
  });
  const revokeAll = trpc.auth.console.sessions.revokeAll.useMutation({
    onSuccess: ({ revoked }) =>
      setStatus({ tone: "success", text: t("consoleAccount.sessionsRevokedAll", { count: revoked }) }),
    onError: failed,
    onSettled: () => utils.auth.console.sessions.list.invalidate(),
  });

  const heading = (
    <>
      <h1>{t("consoleAccount.sessionsTitle")}</h1>
      <p>{t("consoleAccount.sessionsDescription")}</p>
    </>
  );
  if (!sessions.data) {
    return (
      <>
        {heading}
        <QueryState error={sessions.error} onRetry={() => void sessions.refetch()} />
      </>
    );
  }

  const others = sessions.data.filter((s) => !s.current).length;
  const busy = revoke.isPending || revokeAll.isPending;
  return (
    <>
      {heading}
      <Notice tone={status?.tone === "error" ? "error" : "success"}>{status && <p>{status.text}</p>}</Notice>
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
            {t("consoleAccount.sessionsRevokeAll")}
          </Button>
        ) : (
          <p>{t("consoleAccount.sessionsOnlyThis")}</p>
        )}
      </div>
    </>
  );
}
