import type { ReactNode } from "react";
import { cx } from "./cx.js";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info";

export interface BadgeProps {
  /** How the status reads at a glance; the text itself always says what it is. */
  tone?: BadgeTone;
  children: ReactNode;
}

/** A short status label ("Paid", "Overdue", "Default"). */
export function Badge({ tone = "neutral", children }: BadgeProps) {
  return <span className={cx("pt-badge", tone !== "neutral" && `pt-badge--${tone}`)}>{children}</span>;
}
