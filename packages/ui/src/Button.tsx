import type { ComponentPropsWithRef } from "react";
import { cx } from "./cx.js";

export type ButtonProps = ComponentPropsWithRef<"button"> & { variant?: "primary" | "secondary" };

/** A button that never submits a form by accident (`type="button"` unless told otherwise). */
export function Button({ variant = "primary", type = "button", className, ...props }: ButtonProps) {
  return <button type={type} className={cx("pt-button", `pt-button--${variant}`, className)} {...props} />;
}
