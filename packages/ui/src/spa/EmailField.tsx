import { useTranslation } from "@portico/i18n";
import { TextField, type TextFieldProps } from "../TextField.js";

export type EmailFieldProps = Omit<
  TextFieldProps,
  "label" | "type" | "inputMode" | "spellCheck" | "value" | "onChange"
> & {
  value: string;
  onChange(value: string): void;
};

/**
 * "Email address", as every form of either app asks for it: an e-mail keyboard, no spell
 * check, and by default the `username` autofill of sign-in forms.
 */
export function EmailField({
  value,
  onChange,
  name = "email",
  autoComplete = "username",
  ...field
}: EmailFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t("auth.email")}
      type="email"
      name={name}
      autoComplete={autoComplete}
      inputMode="email"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...field}
    />
  );
}
