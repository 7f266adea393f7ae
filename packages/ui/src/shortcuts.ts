import { useEffect, useRef, useSyncExternalStore } from "react";

/** A single-key shortcut the `?` dialog lists, e.g. `{ key: "p", description: "Pay this invoice" }`. */
export interface Shortcut {
  key: string;
  description: string;
}

// The shortcuts the mounted screens registered, for the help dialog. A module store: one
// app per page, and registration must not re-render the tree through a context.
let registered: readonly (Shortcut & { id: number })[] = [];
const listeners = new Set<() => void>();
let nextId = 1;

function publish(next: typeof registered) {
  registered = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The shortcuts of the screens on display now, in registration order. */
export function useRegisteredShortcuts(): readonly Shortcut[] {
  return useSyncExternalStore(subscribe, () => registered);
}

/** True when a key press belongs to a text field (or a modifier combination), not to us. */
export function isTypingTarget(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}

/** True while a modal dialog is open: its own keys win. */
const modalOpen = () => document.querySelector("dialog[open]") !== null;

/**
 * Runs `handler` when `key` is pressed outside any text field and modal dialog, and lists
 * it in the `?` dialog under `description`. Pass `enabled: false` to withdraw it (for
 * instance "p" on an invoice that cannot be paid).
 */
export function useShortcut(
  key: string,
  handler: (event: KeyboardEvent) => void,
  description: string,
  enabled = true,
): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const entry = { id: nextId++, key, description };
    publish([...registered, entry]);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== key || event.defaultPrevented || isTypingTarget(event) || modalOpen()) return;
      event.preventDefault();
      latest.current(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      publish(registered.filter((shortcut) => shortcut.id !== entry.id));
    };
  }, [key, description, enabled]);
}
