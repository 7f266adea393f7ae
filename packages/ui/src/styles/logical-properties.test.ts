import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Right-to-left locales mirror the layout only when the CSS says "start" and "end", never
// "left" and "right". Every stylesheet of the SPAs and the design system is checked.
const root = path.resolve(import.meta.dirname, "../../../..");
const dirs = ["packages/ui/src", "apps/portal/src", "apps/console/src"];

const PHYSICAL = [
  /(?:margin|padding|border)-(?:left|right)\b/,
  /(?:^|[\s;{])(?:left|right)\s*:/,
  /text-align\s*:\s*(?:left|right)\b/,
  /float\s*:\s*(?:left|right)\b/,
  /(?:^|[\s;{])(?:(?:min|max)-)?(?:width|height)\s*:/,
];

function stylesheets(): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".css"))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
}

describe("stylesheets", () => {
  it("use logical properties only, so right-to-left layouts mirror", () => {
    const offences: string[] = [];
    for (const file of stylesheets()) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        // Media queries measure the viewport, which has no writing direction.
        const code = line.replace(/\/\*.*?\*\//g, "").replace(/@media.*/, "");
        if (PHYSICAL.some((pattern) => pattern.test(code))) {
          offences.push(`${path.relative(root, file)}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offences).toEqual([]);
  });
});
