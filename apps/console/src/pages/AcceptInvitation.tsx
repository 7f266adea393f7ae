import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { PageLoadError, PageLoading } from "@portico/ui/spa";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link, useLocation, useParams } from "wouter";
import { accountErrorMessage } from "../auth-errors.js";
import {
  type NewPassword,
  type NewPasswordErrors,
  NewPasswordFields,
  checkNewPassword,
} from "../components/NewPasswordFields.js";
import { roleLabel } from "../roles.js";
import { trpc } from "../trpc.js";

type FieldErrors = NewPasswordErrors & { name?: string };

/**
 * The invitation link (`/console/invite/<secret>`): shows who invited whom to what, then the
 * invitee picks a name and password and is signed in (an owner goes on to MFA enrolment).
 */
export function AcceptInvitation() {
  const { t } = useTranslation();
  const { secret = "" } = useParams<{ secret: string }>();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const invitation = trpc.auth.console.invitation.useQuery({ secret }, { retry: false });
  const [name, setName] = useState<string | null>(null);
  const [value, setValue] = useState<NewPassword>({ password: "", confirmation: "" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const accept = trpc.auth.console.acceptInvitation.useMutation({
    onSuccess: ({ mfaRequired, mfaEnrollmentRequired, ...identity }) => {
      queryClient.removeQueries({ queryKey: [["admin"]] });
      utils.auth.console.session.setData(undefined, identity);
      navigate(mfaRequired || mfaEnrollmentRequired ? "/mfa" : "/", { replace: true });
    },
  });

  if (invitation.isPending) return <PageLoading />;
  const invalid =
    (invitation.isError && errorReason(invitation.error) === "INVITATION_INVALID") ||
    (accept.isError && errorReason(accept.error) === "INVITATION_INVALID");
  if (invalid || invitation.isError) {
    if (!invalid) {
      return <PageLoadError level={1} onRetry={() => void invitation.refetch()} />;
    }
    return (
      <>
        <h1>{t("consoleAccount.invitationInvalidTitle")}</h1>
        <p>{t("consoleAccount.invitationInvalid")}</p>
        <p>
          <Link href="/login">{t("consoleAccount.backToSignIn")}</Link>
        </p>
      </>
    );
  }
  const { data } = invitation;
  const currentName = name ?? data.name;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = checkNewPassword(t, value);
    if (!currentName.trim()) errors.name = t("consoleAccount.nameRequired");
    setFieldErrors(errors);
    if (errors.name) return nameRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    if (errors.confirmation) return confirmationRef.current?.focus();
    accept.mutate({ secret, name: currentName.trim(), password: value.password });
  }

  const reason = accept.isError ? errorReason(accept.error) : null;
  const error =
    accept.isError &&
    (reason === "PASSWORD_TOO_WEAK" || reason === "INVALID_INPUT"
      ? t("consoleAccount.passwordRejected")
      : accountErrorMessage(t, accept.error));
  return (
    <>
      <h1>{t("consoleAccount.invitationTitle", { merchant: data.merchantName })}</h1>
      <p>
        {t("consoleAccount.invitationDescription", {
          email: data.email,
          role: roleLabel(t, data.role),
        })}
      </p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={accept.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <TextField
          ref={nameRef}
          label={t("consoleAccount.name")}
          name="name"
          autoComplete="name"
          maxLength={200}
          value={currentName}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
        />
        <NewPasswordFields
          value={value}
          onChange={setValue}
          errors={fieldErrors}
          passwordRef={passwordRef}
          confirmationRef={confirmationRef}
        />
        <div className="pt-actions">
          <Button type="submit" disabled={accept.isPending}>
            {accept.isPending ? t("consoleAccount.saving") : t("consoleAccount.invitationAccept")}
          </Button>
        </div>
      </form>
    </>
  );
}
