import { QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

/** 4xx answers (bad input, not found, forbidden) will not change on a retry. */
function isClientError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status: unknown = error.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: (failures, error) => failures < 2 && !isClientError(error) },
    },
  });
}
