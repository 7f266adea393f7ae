import type { ReactNode } from "react";

const MAIN_ID = "pt-main";

export interface AppShellProps {
  /** Top of the side panel: usually `<Brand>`, or a skeleton while branding loads. */
  brand?: ReactNode;
  /** What this app is, under the brand ("Billing portal"). */
  label?: ReactNode;
  /** The rest of the side panel: navigation, return link. */
  side?: ReactNode;
  /** Bottom of the side panel: legal links, version. */
  sideFooter?: ReactNode;
  skipLinkLabel: string;
  children: ReactNode;
}

/**
 * Side panel + main column. Stacks below 48rem; the panel sits on the inline-start
 * side, so it moves to the right in right-to-left locales.
 */
export function AppShell({ brand, label, side, sideFooter, skipLinkLabel, children }: AppShellProps) {
  return (
    <div className="pt-shell">
      <a className="pt-skip-link" href={`#${MAIN_ID}`}>
        {skipLinkLabel}
      </a>
      <header className="pt-shell__side">
        {brand}
        {label && <p className="pt-shell__label">{label}</p>}
        {side}
        {sideFooter && <div className="pt-shell__side-footer">{sideFooter}</div>}
      </header>
      {/* tabIndex lets the skip link move focus, not only scroll. */}
      <main id={MAIN_ID} className="pt-shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export interface BrandProps {
  name: string;
  logoUrl?: string | null;
}

/** The merchant's logo (or a monogram when it has none) and name. */
export function Brand({ name, logoUrl }: BrandProps) {
  return (
    <div className="pt-brand">
      {logoUrl ? (
        // The name is written beside it, so the logo itself is decorative.
        <img className="pt-brand__logo" src={logoUrl} alt="" />
      ) : (
        <span className="pt-brand__monogram" aria-hidden="true">
          {name.trim().charAt(0).toUpperCase()}
        </span>
      )}
      <span className="pt-brand__name">{name}</span>
    </div>
  );
}
