import base, { restrictImports } from "@portico/eslint-config/base";

// Shared with the SPAs: zod only, nothing from the server side.
export default [
  ...base,
  restrictImports([
    "@portico/db",
    "@portico/core",
    "@portico/auth",
    "@portico/api",
    "@portico/server",
    "@mikro-orm/core",
    "@mikro-orm/postgresql",
    "@trpc/server",
  ]),
];
