import type { RouterOutputs } from "@portico/api";
import { isSignedOut } from "@portico/ui";
import { trpc } from "./trpc.js";

/** What the session's configuration turns on, section by section. */
export type PortalFeatures = RouterOutputs["portal"]["configuration"]["get"]["features"];

/** Where the session's portal configuration comes from; every caller shares the cached query. */
export function usePortalConfiguration() {
  return trpc.portal.configuration.get.useQuery(undefined, {
    staleTime: 5 * 60_000,
    retry: (n, error) => !isSignedOut(error) && n < 2,
  });
}

/** The enabled features, or undefined while they load (show nothing gated until then). */
export function usePortalFeatures(): PortalFeatures | undefined {
  return usePortalConfiguration().data?.features;
}
