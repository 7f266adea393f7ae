import { useTranslation } from "@portico/i18n";
import { Notice } from "@portico/ui";
import { type Credentials, PasswordSignInForm } from "@portico/ui/spa";
import { useState } from "react";
import { Link } from "wouter";
import { CustomerChoiceList } from "../components/CustomerChoiceList.js";
import { type CustomerChoice, type SignInState, customerChoices, useFinishSignIn } from "../sign-in.js";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";

/**
 * Password sign-in, with the customer choice when one email opens several accounts, and
 * the ways around a password: an emailed code, a reset link, registration.
 */
export function Login() {
  const { t } = useTranslation();
  const finishSignIn = useFinishSignIn();
  const registrationEnabled = useBranding().data?.registrationEnabled === true;
  const [credentials, setCredentials] = useState<Credentials>({ email: "", password: "" });
  const [choices, setChoices] = useState<CustomerChoice[]>([]);

  const login = trpc.auth.portal.login.useMutation({
    onSuccess: finishSignIn,
    onError: (error) => setChoices(customerChoices(error) ?? []),
  });

  const carried: SignInState = { email: credentials.email.trim() };
  return (
    <>
      <h1>{t("auth.signInTitle")}</h1>
      <p>{t("portal.signInDescription")}</p>
      <PasswordSignInForm
        value={credentials}
        onChange={setCredentials}
        onSubmit={(submitted) => {
          setChoices([]);
          login.mutate(submitted);
        }}
        pending={login.isPending}
        error={login.error}
        actions={
          <Link href="/forgot" state={carried}>
            {t("portalAccount.forgotLink")}
          </Link>
        }
      >
        <Notice>
          {choices.length > 0 && login.variables && (
            <CustomerChoiceList
              choices={choices}
              disabled={login.isPending}
              onChoose={(customer) => login.mutate({ ...login.variables, customer })}
            />
          )}
        </Notice>
      </PasswordSignInForm>
      <ul className="pt-link-list">
        <li>
          <Link href="/login/code" state={carried}>
            {t("portalAccount.codeLink")}
          </Link>
        </li>
        {registrationEnabled && (
          <li>
            <Link href="/register" state={carried}>
              {t("portalAccount.registerLink")}
            </Link>
          </li>
        )}
      </ul>
    </>
  );
}
