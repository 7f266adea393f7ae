import type { ReactNode } from "react";
import { cx } from "./cx.js";

export interface NoticeProps {
  tone?: "info" | "success" | "error";
  children?: ReactNode;
  className?: string;
}

/**
 * A live region that is always in the page, so screen readers announce what appears in it:
 * errors assertively (`role="alert"`), everything else politely (`role="status"`).
 * Takes no room while empty.
 */
export function Notice({ tone = "info", children, className }: NoticeProps) {
  const empty = children === null || children === undefined || children === false || children === "";
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      aria-live={tone === "error" ? "assertive" : "polite"}
      className={cx("pt-notice", !empty && `pt-notice--${tone}`, className)}
    >
      {children}
    </div>
  );
}
