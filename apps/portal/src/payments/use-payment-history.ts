import { useInfiniteQuery } from "@tanstack/react-query";
import { trpc } from "../trpc.js";

/** Payments per page: a screenful on a phone. */
const PAGE_SIZE = 20;

/**
 * The customer's payment history a keyset page at a time ("Load more"). tRPC's infinite
 * queries want a `cursor` input; portal lists take Stripe's `startingAfter`, so this drives
 * react-query directly with the tRPC client.
 */
export function usePaymentHistory() {
  const utils = trpc.useUtils();
  const query = useInfiniteQuery({
    queryKey: ["portal", "payments", "history"],
    queryFn: ({ pageParam }) =>
      utils.client.portal.payments.list.query({
        limit: PAGE_SIZE,
        ...(pageParam ? { startingAfter: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const payments = query.data?.pages.flatMap((page) => page.data) ?? [];
  return { query, payments };
}
