import { type ComponentPropsWithRef, useId } from "react";
import { cx } from "./cx.js";

export type TextFieldProps = Omit<ComponentPropsWithRef<"input">, "id"> & {
  label: string;
  /** Shown under the field, linked to it, and marks it invalid. */
  error?: string | null;
  hint?: string;
};

/** A labelled input with its hint and inline error wired up for assistive technology. */
export function TextField({ label, error, hint, className, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("pt-field", error && "pt-field--invalid", className)}>
      <label className="pt-field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="pt-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        className="pt-field__input"
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p className="pt-field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
