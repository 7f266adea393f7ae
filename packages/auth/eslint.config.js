import base, { restrictImports } from "@portico/eslint-config/base";

// Beside core: no transport, no apps.
export default [...base, restrictImports(["@portico/api", "@portico/core", "@trpc/server", "@trpc/client"])];
