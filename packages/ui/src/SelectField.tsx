import { type ComponentPropsWithRef, useId } from "react";
import { cx } from "./cx.js";

export type SelectFieldProps = Omit<ComponentPropsWithRef<"select">, "id"> & {
  label: string;
  /** Shown under the label and linked to the control. */
  hint?: string;
};

/** A labelled native `<select>` (options as children), styled and wired like `TextField`. */
export function SelectField({ label, hint, className, children, ...select }: SelectFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={cx("pt-field", className)}>
      <label className="pt-field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="pt-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <select className="pt-field__input" id={id} aria-describedby={hintId} {...select}>
        {children}
      </select>
    </div>
  );
}
