import base, { restrictImports } from "@portico/eslint-config/base";

// Beside core (it may use core's errors and clock; core never imports auth): no transport, no apps.
export default [...base, restrictImports(["@portico/api", "@trpc/server", "@trpc/client"])];
