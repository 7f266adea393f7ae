import { useTranslation } from "@portico/i18n";
import { Button } from "./Button.js";
import { useEffect, useId, useRef } from "react";

export interface ConfirmDialogProps {
  /** Shown while set; the dialog closes when it becomes null. */
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Are you sure?" before something that cannot be undone. A native modal <dialog>: focus
 * moves into it (to Cancel, the safe choice) and stays there, Escape cancels, and focus
 * returns to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="pt-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={() => {
        if (open) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={descriptionId}>{description}</p>
      <div className="pt-actions">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          {t("common.cancel")}
        </Button>
        <Button className="pt-button--danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
