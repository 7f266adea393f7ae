import type { RouterInputs } from "@portico/api";
import { getQueryKey } from "@trpc/react-query";
import { usePagedList } from "../components/use-paged-list.js";
import { trpc } from "../trpc.js";

type ListInput = Omit<RouterInputs["portal"]["invoices"]["list"], "limit" | "startingAfter">;

const PAGE_SIZE = 10;

/**
 * The customer's invoices matching `input`, a keyset page at a time ("Load more"), under
 * tRPC's key so `utils.portal.invoices.invalidate()` (after a payment) refreshes it too.
 * New filters keep the rows on screen until theirs arrive.
 */
export function useInvoiceList(input: ListInput) {
  const client = trpc.useUtils().client;
  return usePagedList({
    queryKey: getQueryKey(trpc.portal.invoices.list, input, "infinite"),
    fetchPage: (startingAfter) =>
      client.portal.invoices.list.query({ ...input, limit: PAGE_SIZE, startingAfter }),
  });
}
