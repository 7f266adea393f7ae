import base, { restrictImports } from "@portico/eslint-config/base";

// core is business logic without transport: no tRPC, no HTTP server, no apps, and not auth
// (auth sits beside core and imports it).
export default [
  ...base,
  restrictImports([
    "@trpc/server",
    "@trpc/client",
    "fastify",
    "@portico/api",
    "@portico/auth",
    "@portico/client",
    "@portico/server",
    "@portico/portal",
    "@portico/console",
  ]),
];
