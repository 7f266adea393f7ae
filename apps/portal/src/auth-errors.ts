import { useTranslation } from "@portico/i18n";
import { errorDetails, errorReason } from "@portico/ui";
import { NEW_PASSWORD_MIN_LENGTH, accountErrorText } from "@portico/ui/spa";
import { useCallback } from "react";

/**
 * The copy for the API's auth failures that several portal forms share (lock, throttle, wrong
 * code…). Anything else, and a form's own reasons, fall back to `fallback`.
 */
export function useAuthErrorText(): (error: unknown, fallback: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (error, fallback) => {
      switch (errorReason(error)) {
        case "INVALID_LOGIN_CODE":
          return t("portalAccount.codeInvalid");
        case "INVALID_MFA_CODE":
          return t("portalAccount.mfaCodeInvalid");
        case "PASSWORD_TOO_WEAK":
          return t("portalAccount.passwordTooShort", { min: passwordMinLength(errorDetails(error)) });
        default:
          return accountErrorText(t, error) ?? fallback;
      }
    },
    [t],
  );
}

/** The API's minimum password length, from a PASSWORD_TOO_WEAK answer or the default. */
function passwordMinLength(details: Record<string, unknown>): number {
  return typeof details.minLength === "number" ? details.minLength : NEW_PASSWORD_MIN_LENGTH;
}
