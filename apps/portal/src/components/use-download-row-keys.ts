import { useListKeyboard, useShortcut } from "@portico/ui";
import { type KeyboardEvent, type RefObject, useCallback } from "react";

/**
 * Keyboard use of a list of downloadable rows (`data-list-item`, `data-download` holding
 * the id of a row that can be downloaded now): j/k and the arrows move between rows, Enter
 * on a row and `d` on the focused row (or anything in it) download it.
 */
export function useDownloadRowKeys(
  list: RefObject<HTMLElement | null>,
  download: (id: string) => void,
  description: string,
  enabled: boolean,
) {
  useListKeyboard(list);
  const focusedRowId = () =>
    document.activeElement?.closest<HTMLElement>("[data-list-item]")?.dataset.download ?? null;
  useShortcut(
    "d",
    () => {
      const id = list.current?.contains(document.activeElement) ? focusedRowId() : null;
      if (id) download(id);
    },
    description,
    enabled,
  );
  /** For each row's onKeyDown. */
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const id = event.currentTarget.dataset.download;
      if (event.key !== "Enter" || event.target !== event.currentTarget || !id) return;
      event.preventDefault();
      // Enter downloads: the list's own Enter handler must not also follow a link in the row.
      event.stopPropagation();
      download(id);
    },
    [download],
  );
}
