// Lists the API pages with a cursor (`nextCursor`): one hook for every paged list of these pages,
// read a page at a time ("加载更多"), and a loop for the short lists a picker needs whole.
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page may say more than its items (the inbox's counts per kind): `data.pages` keeps it whole. */
export function useCursorList<P extends Page<unknown>>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<P>, options: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery({
    queryKey,
    enabled: options.enabled ?? true,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: (query.data?.pages.flatMap((page) => page.items) ?? []) as P['items'] };
}

/** Every page of a list the caller needs whole (a class roster, a school's classes: tens of items). */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
