import { keepPreviousData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

/** One keyset page of a portal list (see packages/core/src/common/keyset-page.ts). */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

export interface PagedListOptions<T> {
  queryKey: QueryKey;
  fetchPage: (startingAfter: string | undefined) => Promise<Page<T>>;
  /** Milliseconds between refetches while `poll` says so, given the rows shown. */
  pollEvery?: number;
  poll?: (rows: T[]) => boolean;
}

/**
 * A "Show more" / "Load more" list over keyset pages. tRPC's own infinite queries want a `cursor` input
 * field; portal lists take Stripe's `startingAfter`, so this drives react-query directly.
 * A changed key (a filter) keeps the previous rows on screen until the new ones arrive.
 */
export function usePagedList<T>({ queryKey, fetchPage, pollEvery, poll }: PagedListOptions<T>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => {
      const rows = q.state.data?.pages.flatMap((page) => page.data) ?? [];
      return pollEvery !== undefined && poll?.(rows) ? pollEvery : false;
    },
  });
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  return { query, rows };
}
