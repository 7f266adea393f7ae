import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Button, ConfirmDialog, Notice, SelectField, TextField, errorReason } from "@portico/ui";
import { EmailField, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";

import { date, dateTime } from "../components/format.js";
import { QueryState } from "../components/PageStates.js";
import { type Role, roleLabel } from "../roles.js";
import { type ConsoleIdentity } from "../session.js";
import { trpc } from "../trpc.js";

type TeamUser = RouterOutputs["admin"]["users"]["list"][number];
type Status = { tone: "success" | "error"; text: string } | null;
type Translate = ReturnType<typeof useTranslation>["t"];

const ROLES: readonly Role[] = ["owner", "admin", "support"];

const statusLabel = (t: Translate, status: TeamUser["status"]) =>
  status === "active"
    ? t("consoleAccount.statusActive")
    : status === "invited"
      ? t("consoleAccount.statusInvited")
      : t("consoleAccount.statusDisabled");

/** The copy for a refused team change; the server's rules, in the user's words. */
function teamError(t: Translate, error: unknown): string {
  switch (errorReason(error)) {
    case "USER_EXISTS":
      return t("consoleAccount.userExists");
    case "LAST_OWNER":
      return t("consoleAccount.lastOwner");
    case "OWNER_REQUIRED":
      return t("consoleAccount.ownerRequired");
    case "SELF_NOT_ALLOWED":
      return t("consoleAccount.selfNotAllowed");
    case "INVITATION_NOT_PENDING":
      return t("consoleAccount.invitationNotPending");
    case "USER_NOT_FOUND":
      return t("consoleAccount.userNotFound");
    case "INVALID_INPUT":
      return t("consoleAccount.inviteInvalid");
    default:
      return t("consoleAccount.actionFailed");
  }
}

/** The roles the signed-in user may hand out, as <option>s: only owners make owners. */
function RoleOptions({ me }: { me: ConsoleIdentity }) {
  const { t } = useTranslation();
  return ROLES.filter((role) => role !== "owner" || me.user.role === "owner").map((role) => (
    <option key={role} value={role}>
      {roleLabel(t, role)}
    </option>
  ));
}

function InviteForm({ me, onStatus }: { me: ConsoleIdentity; onStatus: (status: Status) => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("support");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const invite = trpc.admin.users.invite.useMutation({
    onSuccess: (user) => {
      setEmail("");
      setName("");
      onStatus({ tone: "success", text: t("consoleAccount.invited", { email: user.email }) });
    },
    onError: (error) => onStatus({ tone: "error", text: teamError(t, error) }),
    onSettled: () => utils.admin.users.list.invalidate(),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setFieldError(problem && t(problem));
    if (problem) return emailRef.current?.focus();
    onStatus(null);
    invite.mutate({ email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) });
  }

  return (
    <section className="pt-section" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("consoleAccount.inviteTitle")}</h2>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={invite.isPending}>
        <EmailField ref={emailRef} autoComplete="off" value={email} onChange={setEmail} error={fieldError} />
        <TextField
          label={t("consoleAccount.inviteName")}
          hint={t("consoleAccount.optional")}
          name="name"
          autoComplete="off"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t("consoleAccount.role")}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          <RoleOptions me={me} />
        </SelectField>
        <div className="pt-actions">
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? t("consoleAccount.sending") : t("consoleAccount.inviteSubmit")}
          </Button>
        </div>
      </form>
    </section>
  );
}

type Pending = { kind: "remove" | "revokeInvite"; user: TeamUser } | null;

/** Users & invites: the team with role and status, invitations, role changes and removal. */
export function Users({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const users = trpc.admin.users.list.useQuery();
  const [status, setStatus] = useState<Status>(null);
  const [roles, setRoles] = useState<Record<string, Role>>({});
  const [pending, setPending] = useState<Pending>(null);
  const done = (text: string) => setStatus({ tone: "success", text });
  const handlers = {
    onError: (error: unknown) => setStatus({ tone: "error", text: teamError(t, error) }),
    onSettled: () => {
      setPending(null);
      return utils.admin.users.list.invalidate();
    },
  };
  const resend = trpc.admin.users.resendInvite.useMutation({
    onSuccess: (user) => done(t("consoleAccount.inviteResent", { email: user.email })),
    ...handlers,
  });
  const revokeInvite = trpc.admin.users.revokeInvite.useMutation({
    onSuccess: () => done(t("consoleAccount.inviteRevoked", { email: pending?.user.email ?? "" })),
    ...handlers,
  });
  const updateRole = trpc.admin.users.updateRole.useMutation({
    onSuccess: (user) =>
      done(t("consoleAccount.roleChanged", { name: user.name, role: roleLabel(t, user.role) })),
    ...handlers,
  });
  const remove = trpc.admin.users.remove.useMutation({
    onSuccess: () => done(t("consoleAccount.userRemoved", { name: pending?.user.name ?? "" })),
    ...handlers,
  });
  const busy = resend.isPending || revokeInvite.isPending || updateRole.isPending || remove.isPending;

  const heading = (
    <>
      <h1>{t("consoleAccount.usersTitle")}</h1>
      <p>{t("consoleAccount.usersDescription")}</p>
    </>
  );
  if (!users.data) {
    return (
      <>
        {heading}
        <QueryState error={users.error} onRetry={() => void users.refetch()} />
      </>
    );
  }

  return (
    <>
      {heading}
      <Notice tone={status?.tone === "error" ? "error" : "success"}>{status && <p>{status.text}</p>}</Notice>
      <section className="pt-section" aria-labelledby="team-title">
        <h2 id="team-title">{t("consoleAccount.teamTitle")}</h2>
        <div className="pt-table-wrap" role="region" aria-labelledby="team-title" tabIndex={0}>
          <table className="pt-table" aria-busy={users.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t("consoleAccount.user")}</th>
                <th scope="col">{t("consoleAccount.role")}</th>
                <th scope="col">{t("consoleAccount.status")}</th>
                <th scope="col">{t("consoleAccount.twoFactor")}</th>
                <th scope="col">{t("consoleAccount.lastSignIn")}</th>
                <th scope="col">{t("consoleAccount.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => {
                const chosen = roles[user.id] ?? user.role;
                // Owners' roles are changed by owners only; the server says the same.
                const canManage = !user.isSelf && (user.role !== "owner" || identity.user.role === "owner");
                return (
                  <tr key={user.id}>
                    <th scope="row">
                      <span className="pt-cell-title">{user.name}</span>
                      <span className="pt-cell-detail">{user.email}</span>
                      {user.isSelf && <span className="pt-badge">{t("consoleAccount.you")}</span>}
                    </th>
                    <td>
                      {canManage && user.status === "active" ? (
                        <div className="pt-actions">
                          <select
                            className="pt-field__input"
                            aria-label={t("consoleAccount.roleFor", { name: user.name })}
                            value={chosen}
                            onChange={(e) => setRoles({ ...roles, [user.id]: e.target.value as Role })}
                          >
                            <RoleOptions me={identity} />
                          </select>
                          <Button
                            variant="secondary"
                            disabled={busy || chosen === user.role}
                            aria-label={t("consoleAccount.roleSaveLabel", { name: user.name })}
                            onClick={() => updateRole.mutate({ user: user.id, role: chosen })}
                          >
                            {t("consoleAccount.roleSave")}
                          </Button>
                        </div>
                      ) : (
                        roleLabel(t, user.role)
                      )}
                    </td>
                    <td>
                      <span className={`pt-badge pt-badge--${user.status}`}>
                        {statusLabel(t, user.status)}
                      </span>
                    </td>
                    <td>{user.mfaEnabled ? t("consoleAccount.on") : t("consoleAccount.off")}</td>
                    <td>
                      {user.lastLoginAt ? (
                        <time dateTime={user.lastLoginAt} title={dateTime(user.lastLoginAt)}>
                          {date(user.lastLoginAt)}
                        </time>
                      ) : user.status === "invited" && user.invitedAt ? (
                        t("consoleAccount.invitedAt", { time: date(user.invitedAt) })
                      ) : (
                        t("consoleAccount.never")
                      )}
                    </td>
                    <td>
                      {canManage && user.status === "invited" && (
                        <div className="pt-actions">
                          <Button
                            variant="secondary"
                            disabled={busy}
                            aria-label={t("consoleAccount.inviteResendLabel", { email: user.email })}
                            onClick={() => resend.mutate({ user: user.id })}
                          >
                            {t("consoleAccount.inviteResend")}
                          </Button>
                          <Button
                            variant="secondary"
                            disabled={busy}
                            aria-label={t("consoleAccount.inviteRevokeLabel", { email: user.email })}
                            onClick={() => setPending({ kind: "revokeInvite", user })}
                          >
                            {t("consoleAccount.inviteRevoke")}
                          </Button>
                        </div>
                      )}
                      {canManage && user.status === "active" && (
                        <Button
                          variant="secondary"
                          disabled={busy}
                          aria-label={t("consoleAccount.userRemoveLabel", { name: user.name })}
                          onClick={() => setPending({ kind: "remove", user })}
                        >
                          {t("consoleAccount.userRemove")}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <InviteForm me={identity} onStatus={setStatus} />
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "remove"
            ? t("consoleAccount.userRemoveTitle", { name: pending.user.name })
            : t("consoleAccount.inviteRevokeTitle", { email: pending?.user.email ?? "" })
        }
        description={
          pending?.kind === "remove"
            ? t("consoleAccount.userRemoveDescription")
            : t("consoleAccount.inviteRevokeDescription")
        }
        confirmLabel={
          pending?.kind === "remove" ? t("consoleAccount.userRemove") : t("consoleAccount.inviteRevoke")
        }
        busy={busy}
        onConfirm={() => {
          if (pending?.kind === "remove") remove.mutate({ user: pending.user.id });
          else if (pending) revokeInvite.mutate({ user: pending.user.id });
        }}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
