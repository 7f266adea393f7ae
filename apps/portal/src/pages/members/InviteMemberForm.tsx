import { useTranslation } from "@portico/i18n";
import { Button, SelectField, TextField, errorReason } from "@portico/ui";
import { EmailField, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { trpc } from "../../trpc.js";
import type { Status } from "../../components/StatusNotice.js";

type Role = "admin" | "member";

/** Invite someone by e-mail, with an optional name and a role. */
export function InviteMemberForm({ onStatus }: { onStatus(status: Status): void }) {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [emailError, setEmailError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const invite = trpc.portal.members.invite.useMutation({
    onSuccess: (_, input) => {
      onStatus({ tone: "success", text: t("portalAccount.inviteSent", { email: input.email }) });
      setEmail("");
      setName("");
      setRole("member");
    },
    onError: (error) => {
      const text =
        errorReason(error) === "USER_EXISTS"
          ? t("portalAccount.memberExists")
          : errorText(error, t("portalAccount.actionFailed"));
      onStatus({ tone: "error", text });
      emailRef.current?.focus();
    },
    onSettled: () => utils.portal.members.list.invalidate(),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setEmailError(problem && t(problem));
    if (problem) return emailRef.current?.focus();
    onStatus(null);
    invite.mutate({ email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) });
  }

  return (
    <section className="pt-section" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("portalAccount.inviteFormTitle")}</h2>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={invite.isPending}>
        <EmailField
          ref={emailRef}
          name="invite-email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={emailError}
        />
        <TextField
          label={t("portalAccount.inviteName")}
          name="invite-name"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t("portalAccount.role")}
          hint={t("portalAccount.roleHint")}
          name="invite-role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          <option value="member">{t("portalAccount.roleMember")}</option>
          <option value="admin">{t("portalAccount.roleAdmin")}</option>
        </SelectField>
        <div className="pt-actions">
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? t("portalAccount.codeSending") : t("portalAccount.inviteFormSubmit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
