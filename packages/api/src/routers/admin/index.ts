import { createTRPCRouter } from "../../trpc.js";
import { apiKeysRouter } from "./api-keys.js";
import { gatewayRouter } from "./gateway.js";
import { usersRouter } from "./users.js";

/** The merchant console's API (merchant user sessions). */
export const adminRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
  gateway: gatewayRouter,
  users: usersRouter,
});
