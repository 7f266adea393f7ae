import { useTranslation } from "@portico/i18n";
import { type Credentials, PasswordSignInForm } from "@portico/ui/spa";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { trpc } from "../trpc.js";

/** Console password sign-in; a session that owes MFA goes on to enrolment or the challenge. */
export function Login() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const [credentials, setCredentials] = useState<Credentials>({ email: "", password: "" });

  const login = trpc.auth.console.login.useMutation({
    onSuccess: ({ mfaRequired, mfaEnrollmentRequired, ...identity }) => {
      queryClient.removeQueries({ queryKey: [["admin"]] });
      utils.auth.console.session.setData(undefined, identity);
      navigate(mfaRequired || mfaEnrollmentRequired ? "/mfa" : "/", { replace: true });
    },
  });

  return (
    <>
      <h1>{t("auth.signInTitle")}</h1>
      <p>{t("console.signInDescription")}</p>
      <PasswordSignInForm
        value={credentials}
        onChange={setCredentials}
        onSubmit={(submitted) => login.mutate(submitted)}
        pending={login.isPending}
        error={login.error}
      />
      <p className="pt-section">
        <Link href="/forgot">{t("consoleAccount.forgotLink")}</Link>
      </p>
    </>
  );
}
