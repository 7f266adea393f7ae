/* The app-level pieces both SPAs share: start-up, providers, frame, sign-in and sign-out. */
export { type Translate, accountErrorText } from "./account-errors.js";
export { BrandedShell, type BrandedShellProps, type BrandingQuery } from "./BrandedShell.js";
export { emailProblem } from "./email-check.js";
export { EmailField, type EmailFieldProps } from "./EmailField.js";
export { lazyPage } from "./lazy-page.js";
export { PageLoadError, PageLoading } from "./page-states.js";
export { NEW_PASSWORD_MIN_LENGTH } from "./password-rules.js";
export { type Credentials, PasswordSignInForm, type PasswordSignInFormProps } from "./PasswordSignInForm.js";
export { SessionList, type SessionListItem, type SessionListProps } from "./SessionList.js";
export { type SignOutMutation, SignOutButton, useSignOut } from "./sign-out.js";
export { SpaProviders, type SpaProvidersProps, type SpaTrpc } from "./SpaProviders.js";
export { type StartSpaOptions, startSpa } from "./start-spa.js";
