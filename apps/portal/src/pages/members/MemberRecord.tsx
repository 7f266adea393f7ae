import type { RouterOutputs } from "@portico/api";
import { formatDate, useTranslation } from "@portico/i18n";
import { Button, errorReason, localeTag } from "@portico/ui";
import { useEffect, useRef, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { trpc } from "../../trpc.js";
import type { Status } from "../../components/StatusNotice.js";

type Member = RouterOutputs["portal"]["members"]["list"][number];

export interface MemberRecordProps {
  member: Member;
  /** The caller is an admin and this is not their own row. */
  manage: boolean;
  onStatus(status: Status): void;
}

/** One member: who, role, status, last sign-in; an admin's actions, removal confirmed inline. */
export function MemberRecord({ member, manage, onStatus }: MemberRecordProps) {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Keyboard users land on the confirmation, and back on the button that asked for it.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) askRef.current?.focus();
    asked.current ||= confirming;
  }, [confirming]);
  const who = member.name ?? member.email;
  const handlers = (success: string) => ({
    onSuccess: () => onStatus({ tone: "success", text: success }),
    onError: (error: unknown) => {
      const text =
        errorReason(error) === "LAST_ADMIN"
          ? t("portalAccount.lastAdmin")
          : errorText(error, t("portalAccount.actionFailed"));
      onStatus({ tone: "error", text });
    },
    onSettled: () => {
      setConfirming(false);
      return utils.portal.members.list.invalidate();
    },
  });
  const resend = trpc.portal.members.resendInvite.useMutation(
    handlers(t("portalAccount.inviteResent", { email: member.email })),
  );
  const revoke = trpc.portal.members.revokeInvite.useMutation(
    handlers(t("portalAccount.inviteRevoked", { email: member.email })),
  );
  const updateRole = trpc.portal.members.updateRole.useMutation(
    handlers(t("portalAccount.roleChanged", { name: who })),
  );
  const remove = trpc.portal.members.remove.useMutation(
    handlers(t("portalAccount.memberRemoved", { name: who })),
  );
  const busy = resend.isPending || revoke.isPending || updateRole.isPending || remove.isPending;

  const locale = localeTag();
  const when = (iso: string | null) =>
    iso ? formatDate(iso, locale, { dateStyle: "medium", timeStyle: "short" }) : t("portalAccount.never");
  const invited = member.status === "invited";
  const ref = { member: member.id };

  return (
    <li className="pt-record">
      <div className="pt-actions">
        <strong>{who}</strong>
        {member.isSelf && <span className="pt-badge">{t("portalAccount.memberYou")}</span>}
        <span className="pt-badge">{t(`portalAccount.status_${member.status}`)}</span>
      </div>
      <dl>
        <dt>{t("auth.email")}</dt>
        <dd>{member.email}</dd>
        <dt>{t("portalAccount.role")}</dt>
        <dd>{t(member.role === "admin" ? "portalAccount.roleAdmin" : "portalAccount.roleMember")}</dd>
        <dt>{invited ? t("portalAccount.memberInvitedAt") : t("portalAccount.memberLastSignIn")}</dt>
        <dd>{when(invited ? member.invitedAt : member.lastLoginAt)}</dd>
      </dl>
      {manage && member.status !== "disabled" && (
        <div className="pt-actions">
          {confirming ? (
            <>
              <span>
                {t(invited ? "portalAccount.revokeConfirm" : "portalAccount.removeConfirm", { name: who })}
              </span>
              <Button
                ref={confirmRef}
                disabled={busy}
                onClick={() => (invited ? revoke.mutate(ref) : remove.mutate(ref))}
                aria-label={t(invited ? "portalAccount.revokeLabel" : "portalAccount.removeLabel", {
                  name: who,
                })}
              >
                {t(invited ? "portalAccount.revoke" : "portalAccount.remove")}
              </Button>
              <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
                {t("portalAccount.cancel")}
              </Button>
            </>
          ) : (
            <>
              {invited ? (
                <Button
                  variant="secondary"
                  disabled={busy}
                  onClick={() => resend.mutate(ref)}
                  aria-label={t("portalAccount.resendLabel", { name: who })}
                >
                  {t("portalAccount.resend")}
                </Button>
              ) : (
                <Button
                  variant="secondary"
                  disabled={busy}
                  onClick={() =>
                    updateRole.mutate({ ...ref, role: member.role === "admin" ? "member" : "admin" })
                  }
                  aria-label={t(
                    member.role === "admin"
                      ? "portalAccount.makeMemberLabel"
                      : "portalAccount.makeAdminLabel",
                    { name: who },
                  )}
                >
                  {t(member.role === "admin" ? "portalAccount.makeMember" : "portalAccount.makeAdmin")}
                </Button>
              )}
              <Button
                ref={askRef}
                variant="secondary"
                disabled={busy}
                onClick={() => setConfirming(true)}
                aria-label={t(invited ? "portalAccount.revokeLabel" : "portalAccount.removeLabel", {
                  name: who,
                })}
              >
                {t(invited ? "portalAccount.revoke" : "portalAccount.remove")}
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
