import type { ConsoleArea } from "../../app-catalogs.js";
import type { Catalog } from "../en/index.js";
import { auth } from "./auth.js";
import { consoleAccount } from "./console-account.js";
import { consoleMessages } from "./console.js";
import { sessions } from "./sessions.js";
import { throttle } from "./throttle.js";

/** The merchant console's areas in French: one chunk, all the console fetches at start. */
export const consoleBundle: Pick<Catalog, ConsoleArea> = {
  auth,
  throttle,
  sessions,
  console: consoleMessages,
  consoleAccount,
};
