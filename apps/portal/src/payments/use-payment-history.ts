import { usePagedList } from "../components/use-paged-list.js";
import { trpc } from "../trpc.js";

/** Payments per page: a screenful on a phone. */
const PAGE_SIZE = 20;

/** The customer's payment history a keyset page at a time ("Load more"). */
export function usePaymentHistory() {
  const client = trpc.useUtils().client;
  const { query, rows } = usePagedList({
    queryKey: ["portal", "payments", "history"],
    fetchPage: (startingAfter) =>
      client.portal.payments.list.query({
        limit: PAGE_SIZE,
        ...(startingAfter ? { startingAfter } : {}),
      }),
  });
  return { query, payments: rows };
}
