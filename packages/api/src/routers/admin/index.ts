import { createTRPCRouter } from "../../trpc.js";
import { apiKeysRouter } from "./api-keys.js";

/** The merchant console's API (merchant user sessions). */
export const adminRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
});
