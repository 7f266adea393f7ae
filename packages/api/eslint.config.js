import base, { restrictImports } from "@portico/eslint-config/base";

// api is transport over core: it never reaches up into the apps or the HTTP server.
export default [
  ...base,
  restrictImports(["fastify", "@portico/server", "@portico/portal", "@portico/console", "@portico/client"]),
];
