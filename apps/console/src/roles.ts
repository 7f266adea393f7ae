import type { useTranslation } from "@portico/i18n";
import type { ConsoleIdentity } from "./session.js";

export type Role = ConsoleIdentity["user"]["role"];

/** A console role in the user's language. */
export function roleLabel(t: ReturnType<typeof useTranslation>["t"], role: Role): string {
  switch (role) {
    case "owner":
      return t("consoleAccount.roleOwner");
    case "admin":
      return t("consoleAccount.roleAdmin");
    case "support":
      return t("consoleAccount.roleSupport");
  }
}
