import type { DemoSummary } from "@portico/db";

export interface BannerInput {
  version: string;
  /** Base URL without a trailing slash, e.g. http://localhost:3000. */
  publicUrl: string;
  databaseKind: "server" | "embedded";
  demo: DemoSummary | null;
}

/** The human-readable lines printed once the server listens. */
export function formatBanner({ version, publicUrl, databaseKind, demo }: BannerInput): string {
  const lines = [
    "",
    `  Portico ${version} is running (${databaseKind === "embedded" ? "embedded PostgreSQL" : "PostgreSQL server"})`,
    "",
    `  Landing page      ${publicUrl}/`,
    `  Customer portal   ${publicUrl}/portal/`,
    `  Merchant console  ${publicUrl}/console/`,
    `  API (tRPC)        ${publicUrl}/trpc`,
  ];
  if (demo) lines.push("", ...demoLines(demo));
  lines.push("", "");
  return lines.join("\n");
}

function demoLines(demo: DemoSummary): string[] {
  const lines = [
    `  Demo merchant "${demo.merchant.name}" (${demo.merchant.slug})${demo.created ? ", just seeded" : ""}`,
  ];
  const emailWidth = Math.max(0, ...demo.logins.map((login) => login.email.length));
  const passwordWidth = Math.max(0, ...demo.logins.map((login) => login.password.length));
  for (const login of demo.logins) {
    const { surface, email, password, description } = login;
    lines.push(
      `    ${surface.padEnd(8)} ${email.padEnd(emailWidth)}  ${password.padEnd(passwordWidth)}  ${description}`,
    );
  }
  lines.push(
    demo.apiKey.value
      ? `  Demo API key      ${demo.apiKey.value}`
      : `  Demo API key      ${demo.apiKey.prefix}… (only its hash is stored; set PORTICO_DEMO_API_KEY to use a known key)`,
  );
  return lines;
}
