import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Area, consoleCatalogs, portalCatalogs } from "./app-catalogs.js";
import { catalogs } from "./catalogs/index.js";

// Each SPA loads only its own areas, but `t()` is typed against the whole catalog: a portal
// screen could name a console key and show the raw key. The sources are read to catch that.
const root = path.resolve(import.meta.dirname, "../../..");
const areas = Object.keys(catalogs.en);
const keyPattern = new RegExp(`["'\`](${areas.join("|")})\\.[A-Za-z_$]`, "g");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.includes(".test."))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Area → the files that use one of its keys. */
function areasUsedIn(dir: string): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(root, dir))) {
    for (const match of readFileSync(file, "utf8").matchAll(keyPattern)) {
      const area = match[1] ?? "";
      used.set(area, [...new Set([...(used.get(area) ?? []), path.relative(root, file)])]);
    }
  }
  return used;
}

const loadedBy = async (app: Record<"en", () => Promise<object>>) => [
  "common",
  ...Object.keys(await app.en()),
];

describe("the areas each SPA loads", () => {
  it.each([
    ["apps/portal/src", portalCatalogs],
    ["apps/console/src", consoleCatalogs],
  ] as const)("cover every key %s uses", async (dir, app) => {
    const loaded = await loadedBy(app);
    const used = areasUsedIn(dir);
    expect(used.size, `${dir} uses no catalog key: is the path right?`).toBeGreaterThan(0);
    for (const [area, files] of used) expect(loaded, `${area}.* in ${files.join(", ")}`).toContain(area);
  });

  it("cover, in both apps, every key the shared UI uses", async () => {
    const portal = await loadedBy(portalCatalogs);
    const console = await loadedBy(consoleCatalogs);
    const shared = portal.filter((area) => console.includes(area)) as (Area | "common")[];
    for (const [area, files] of areasUsedIn("packages/ui/src")) {
      expect(shared, `${area}.* in ${files.join(", ")}`).toContain(area);
    }
  });
});
