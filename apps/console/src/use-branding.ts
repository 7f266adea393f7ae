import { trpc } from "./trpc.js";

/** The merchant's name and branding. One request: every caller shares the cached query. */
export function useBranding() {
  return trpc.public.branding.useQuery({});
}
