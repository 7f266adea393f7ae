import { type RefObject, useEffect } from "react";
import { isTypingTarget } from "./shortcuts.js";

const ITEM = "[data-list-item]";

const NEXT_KEYS = new Set(["j", "ArrowDown"]);
const PREVIOUS_KEYS = new Set(["k", "ArrowUp"]);

/**
 * Keyboard movement through a list: `j`/`k` (anywhere on the page) and the arrow keys
 * (inside the list) move focus between the elements marked `data-list-item`, and Enter on
 * an item that is not itself a link or button follows the first link in it. Items must
 * be focusable: make them links, or give them `tabIndex={0}`.
 */
export function useListKeyboard(list: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const root = list.current;
      if (!root || isTypingTarget(event) || document.querySelector("dialog[open]")) return;
      const items = [...root.querySelectorAll<HTMLElement>(ITEM)];
      if (items.length === 0) return;
      const current = items.findIndex((item) => item === document.activeElement);
      const inside = root.contains(document.activeElement);
      const step = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
      // Arrows keep their scrolling meaning outside the list; j and k work from anywhere.
      if (step !== 0 && (inside || !event.key.startsWith("Arrow"))) {
        event.preventDefault();
        const next = current === -1 ? (step === 1 ? 0 : items.length - 1) : current + step;
        items[Math.min(Math.max(next, 0), items.length - 1)]?.focus();
        return;
      }
      if (event.key === "Enter" && current !== -1) {
        const item = items[current];
        if (!item || item.matches("a[href], button")) return;
        const link = item.querySelector<HTMLElement>("a[href]");
        if (link) {
          event.preventDefault();
          link.click();
        }
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [list]);
}
