import type { DemoSummary } from "@portico/db";

export interface LandingPageInput {
  version: string;
  /** The demo seed's summary; null on installs without demo data. */
  demo: DemoSummary | null;
}

const SURFACE_LINKS = { console: "/console/", portal: "/portal/" } as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The page at `/`: what this is, where to go, and the demo logins when there are any. */
export function renderLandingPage({ version, demo }: LandingPageInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portico</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1f2937; }
  a { color: #4338ca; }
  nav { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.5rem 0; }
  nav a { padding: .75rem 1.25rem; border: 1px solid #c7d2fe; border-radius: .5rem; text-decoration: none; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: .4rem .6rem; border-block-end: 1px solid #e5e7eb; vertical-align: top; }
  code { font-size: .95em; }
  footer { margin-top: 2rem; color: #6b7280; font-size: .875rem; }
</style>
</head>
<body>
<main>
<h1>Portico</h1>
<p>A self-hostable customer billing portal: customers pay invoices and manage subscriptions,
merchants configure what they may do.</p>
<nav aria-label="Applications">
  <a href="/portal/">Customer portal</a>
  <a href="/console/">Merchant console</a>
</nav>
${demo ? renderDemo(demo) : ""}
</main>
<footer>Portico ${escapeHtml(version)} · <a href="/readyz">readiness</a></footer>
</body>
</html>
`;
}

function renderDemo(demo: DemoSummary): string {
  const rows = demo.logins
    .map(
      (login) => `    <tr>
      <td><a href="${SURFACE_LINKS[login.surface]}">${login.surface === "console" ? "Merchant console" : "Customer portal"}</a></td>
      <td><code>${escapeHtml(login.email)}</code></td>
      <td><code>${escapeHtml(login.password)}</code></td>
      <td>${escapeHtml(login.description)}</td>
    </tr>`,
    )
    .join("\n");
  return `<section aria-labelledby="demo">
<h2 id="demo">Demo logins — ${escapeHtml(demo.merchant.name)}</h2>
<table>
  <thead><tr><th scope="col">Where</th><th scope="col">Email</th><th scope="col">Password</th><th scope="col">Who</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>
</section>`;
}
