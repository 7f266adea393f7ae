/**
 * Initial JavaScript of each SPA, gzip-compressed: the entry chunk plus every chunk it imports
 * statically (the `modulepreload` links of dist/index.html). It also lists the message-catalog
 * chunks (`*-bundle-*.js`), one of which the app fetches before its first render. Gzip is
 * zlib's default level, as Vite's build report uses; 1 kB = 1000 bytes.
 *
 *   npx tsx scripts/bundle-size.ts [--budget 120] [apps/portal apps/console]
 *
 * Run `npx vite build` in each app first. Exits 1 when an app's initial JS is over the budget.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const { values, positionals } = parseArgs({
  options: { budget: { type: "string", default: "120" } },
  allowPositionals: true,
});
const budgetKb = Number(values.budget);
const apps = positionals.length > 0 ? positionals : ["apps/portal", "apps/console"];

const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / 1000;

/** Chunk file names (under dist/assets) that index.html loads or preloads as modules. */
function initialChunks(html: string): string[] {
  const urls = [
    ...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"/g),
  ].map((match) => match[1] ?? "");
  return urls.map((url) => url.slice(url.lastIndexOf("/") + 1));
}

/** Adds the chunks each chunk imports statically, in case a preload link were missing. */
function withStaticImports(assets: string, chunks: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...chunks];
  for (let name = queue.shift(); name; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const code = readFileSync(path.join(assets, name), "utf8");
    for (const match of code.matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      if (match[1]) queue.push(match[1]);
    }
  }
  return [...seen];
}

let over = false;
const rows: string[][] = [];
for (const app of apps) {
  const dist = path.join(app, "dist");
  const assets = path.join(dist, "assets");
  const initial = withStaticImports(
    assets,
    initialChunks(readFileSync(path.join(dist, "index.html"), "utf8")),
  );
  const initialKb = initial.reduce((sum, name) => sum + gzipKb(path.join(assets, name)), 0);
  const catalogs = readdirSync(assets).filter((name) => /-bundle-[\w-]+\.js$/.test(name));
  const catalogKb = catalogs.map((name) => gzipKb(path.join(assets, name)));
  const largestCatalogKb = Math.max(0, ...catalogKb);
  over ||= initialKb > budgetKb;
  rows.push([
    path.basename(app),
    initialKb.toFixed(2),
    catalogKb.map((kb) => kb.toFixed(2)).join(" / ") || "-",
    (initialKb + largestCatalogKb).toFixed(2),
    initialKb > budgetKb ? `OVER ${budgetKb}` : `≤ ${budgetKb}`,
  ]);
  console.log(`${app}: ${initial.length} initial chunks: ${initial.join(", ")}`);
}

const header = ["app", "initial JS kB gzip", "catalog chunks kB", "with largest catalog", "budget"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
for (const row of [header, ...rows]) {
  console.log(
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "),
  );
}
process.exitCode = over ? 1 : 0;
