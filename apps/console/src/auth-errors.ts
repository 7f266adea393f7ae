import { type Translate, accountErrorText } from "@portico/ui/spa";

/**
 * Copy for the failures any console account form can meet: the shared lock and throttle
 * messages, else the console's generic failure. Forms map their own reasons first.
 */
export function accountErrorMessage(t: Translate, error: unknown): string {
  return accountErrorText(t, error) ?? t("consoleAccount.failed");
}
