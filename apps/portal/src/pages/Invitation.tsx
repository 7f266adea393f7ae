import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { PageLoadError, PageLoading } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "wouter";
import { useAuthErrorText } from "../auth-errors.js";
import { useNewPasswordFields } from "../components/NewPasswordFields.js";
import { useFinishSignIn } from "../sign-in.js";
import { trpc } from "../trpc.js";

const isInvalid = (error: unknown) => errorReason(error) === "INVITATION_INVALID";

/**
 * `/invite/<secret>`, the link of an invitation or registration e-mail: the invitee picks a
 * name and a password and is signed in.
 */
export function Invitation({ params }: { params: { secret: string } }) {
  const invitation = trpc.auth.portal.invitation.useQuery(
    { secret: params.secret },
    { retry: (n, error) => !isInvalid(error) && n < 2 },
  );

  if (invitation.isPending) return <PageLoading />;
  if (isInvalid(invitation.error)) return <InvitationInvalid />;
  if (invitation.isError) {
    return <PageLoadError level={1} onRetry={() => void invitation.refetch()} />;
  }
  return <AcceptForm secret={params.secret} invitation={invitation.data} />;
}

function InvitationInvalid() {
  const { t } = useTranslation();
  return (
    <div className="pt-state" role="alert">
      <h1 className="pt-state__title">{t("portalAccount.inviteInvalidTitle")}</h1>
      <p className="pt-state__description">{t("portalAccount.inviteInvalidDescription")}</p>
      <div className="pt-state__actions">
        <Link href="/login" replace>
          {t("portal.linkSignIn")}
        </Link>
      </div>
    </div>
  );
}

interface AcceptFormProps {
  secret: string;
  invitation: RouterOutputs["auth"]["portal"]["invitation"];
}

function AcceptForm({ secret, invitation }: AcceptFormProps) {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const finishSignIn = useFinishSignIn();
  const [name, setName] = useState(invitation.name ?? "");
  const [nameError, setNameError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const newPassword = useNewPasswordFields();
  const accept = trpc.auth.portal.acceptInvitation.useMutation({ onSuccess: finishSignIn });

  if (isInvalid(accept.error)) return <InvitationInvalid />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = !name.trim();
    setNameError(missing ? t("portalAccount.nameRequired") : null);
    if (missing) return nameRef.current?.focus();
    if (newPassword.validate()) accept.mutate({ secret, name: name.trim(), password: newPassword.password });
  }

  const registration = invitation.kind === "registration";
  const values = { customer: invitation.customerName, merchant: invitation.merchantName };
  const error = accept.isError ? errorText(accept.error, t("portalAccount.actionFailed")) : null;
  return (
    <>
      <h1>
        {t(registration ? "portalAccount.finishRegistrationTitle" : "portalAccount.inviteTitle", values)}
      </h1>
      <p>
        {t(
          registration ? "portalAccount.finishRegistrationDescription" : "portalAccount.inviteDescription",
          values,
        )}
      </p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={accept.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <TextField
          label={t("auth.email")}
          name="email"
          autoComplete="username"
          readOnly
          value={invitation.email}
        />
        <TextField
          ref={nameRef}
          label={t("portalAccount.yourName")}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
        />
        {newPassword.fields}
        <div className="pt-actions">
          <Button type="submit" disabled={accept.isPending}>
            {accept.isPending
              ? t("portalAccount.saving")
              : t(registration ? "portalAccount.finishRegistrationSubmit" : "portalAccount.inviteSubmit")}
          </Button>
        </div>
      </form>
    </>
  );
}
