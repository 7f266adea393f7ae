import type { ReactNode } from "react";

export interface StateMessageProps {
  title: string;
  description?: ReactNode;
  /** Heading level, so the message fits the page's outline. */
  level?: 1 | 2 | 3;
  children?: ReactNode;
}

/** Shared layout of the empty and error states: heading, text, actions. */
export function StateMessage({ title, description, level = 2, children }: StateMessageProps) {
  const Heading = `h${level}` as const;
  return (
    <>
      <Heading className="pt-state__title">{title}</Heading>
      {description && <p className="pt-state__description">{description}</p>}
      {children && <div className="pt-state__actions">{children}</div>}
    </>
  );
}
