import { useTranslation } from "@portico/i18n";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./Button.js";
import { isTypingTarget, useRegisteredShortcuts } from "./shortcuts.js";

/** A key as the help dialog shows it. */
function Key({ name }: { name: string }) {
  return <kbd className="pt-kbd">{name}</kbd>;
}

/**
 * The `?` dialog: the shortcuts of the screen on display, plus list movement. A native
 * modal <dialog>, so focus stays inside and Escape closes it.
 */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const shortcuts = useRegisteredShortcuts();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "?" || isTypingTarget(event) || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="pt-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
      <h2 id={titleId}>{t("common.shortcutsTitle")}</h2>
      <dl className="pt-shortcuts">
        {shortcuts.map((shortcut) => (
          <div key={`${shortcut.key} ${shortcut.description}`} className="pt-shortcuts__row">
            <dt>
              <Key name={shortcut.key} />
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
        <dt>
          <Key name="j" /> <Key name="k" />
        </dt>
        <dd>{t("common.shortcutsListMove")}</dd>
        <dt>
          <Key name="Enter" />
        </dt>
        <dd>{t("common.shortcutsListOpen")}</dd>
        <dt>
          <Key name="?" />
        </dt>
        <dd>{t("common.shortcutsShow")}</dd>
      </dl>
      <div className="pt-actions">
        <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
          {t("common.close")}
        </Button>
      </div>
    </dialog>
  );
}
