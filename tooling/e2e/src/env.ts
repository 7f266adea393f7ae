// The harness's configuration, read from the environment here and nowhere else.
export const env = {
  /** Chromium binary; Debian's package by default. */
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  /** A real PostgreSQL for the server under test; unset → embedded PGlite in a temp dir. */
  databaseUrl: process.env.DATABASE_URL,
};

/** The environment the server under test inherits before the harness's own settings. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
