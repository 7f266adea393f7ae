import { z } from "zod";

/** Inputs of the console's `admin.apiKeys` router. Modes mirror @portico/db API_KEY_MODES. */
export const API_KEY_MODE_VALUES = ["test", "live"] as const;

export const ZCreateApiKeyInput = z.object({
  /** What the key is for ("Production backend"), shown in the list. */
  name: z.string().trim().min(1).max(200),
  mode: z.enum(API_KEY_MODE_VALUES),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({
  /** Public id of the key (`key_…`), as the list shows it. */
  id: z.string().startsWith("key_").max(64),
});
export type TRevokeApiKeyInput = z.infer<typeof ZRevokeApiKeyInput>;
