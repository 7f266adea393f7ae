import { createRequire } from "node:module";
import path from "node:path";

export interface SpaDistDirs {
  portal: string;
  console: string;
}

/** Where Vite writes each SPA's build, found through the workspace packages. */
export function defaultSpaDistDirs(): SpaDistDirs {
  const require = createRequire(import.meta.url);
  const distOf = (name: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), "dist");
  return { portal: distOf("@portico/portal"), console: distOf("@portico/console") };
}
