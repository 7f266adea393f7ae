/** What the global setup hands each test file (see global-setup.ts). */
declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data dir to copy, or a migrated server database to clone. */
    portico_db_template:
      { kind: "embedded"; dataDir: string } | { kind: "server"; url: string; database: string };
  }
}

export {};
