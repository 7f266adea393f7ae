import type { RouterInputs } from "@portico/api";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { trpc } from "../trpc.js";

type ListInput = Omit<RouterInputs["portal"]["invoices"]["list"], "limit" | "startingAfter">;

const PAGE_SIZE = 10;

/**
 * The customer's invoices matching `input`, a keyset page at a time ("Load more"). tRPC's
 * infinite queries want a `cursor` input; the portal lists take `startingAfter`, so this
 * drives react-query directly, under tRPC's key so `utils.portal.invoices.invalidate()` (after
 * a payment) refreshes it too. New filters keep the rows on screen until theirs arrive.
 */
export function useInvoiceList(input: ListInput) {
  const client = trpc.useUtils().client;
  const query = useInfiniteQuery({
    queryKey: getQueryKey(trpc.portal.invoices.list, input, "infinite"),
    queryFn: ({ pageParam }) =>
      client.portal.invoices.list.query({ ...input, limit: PAGE_SIZE, startingAfter: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  return { query, rows };
}
