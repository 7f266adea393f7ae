import { useTranslation } from "@portico/i18n";
import { SignOutButton } from "@portico/ui/spa";
import { Link, useLocation } from "wouter";
import { type ConsoleIdentity, useConsoleSignOut } from "./session.js";

const LINKS = [
  { href: "/", label: "consoleAccount.navDashboard", adminOnly: false },
  { href: "/users", label: "consoleAccount.navUsers", adminOnly: true },
  { href: "/api-keys", label: "consoleAccount.navApiKeys", adminOnly: true },
  { href: "/sessions", label: "consoleAccount.navSessions", adminOnly: false },
  { href: "/account", label: "consoleAccount.navAccount", adminOnly: false },
] as const;

/** The console's left navigation and who is signed in. Support users do not see admin pages. */
export function Nav({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const signOut = useConsoleSignOut();
  const links = LINKS.filter((link) => !link.adminOnly || identity.user.role !== "support");
  return (
    <>
      <nav className="pt-nav" aria-label={t("consoleAccount.nav")}>
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={location === link.href ? "page" : undefined}>
                {t(link.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="pt-console-user">
        <p>
          <span className="pt-console-user__name">{identity.user.name}</span>
          <span className="pt-console-user__email">{identity.user.email}</span>
        </p>
        <SignOutButton signOut={signOut} />
      </div>
    </>
  );
}
