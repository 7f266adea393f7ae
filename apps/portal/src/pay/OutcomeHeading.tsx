import { type ReactNode, useEffect, useRef } from "react";

export interface OutcomeHeadingProps {
  id: string;
  children: ReactNode;
  /** Take focus when shown (default): the outcome of something the user just did. */
  announce?: boolean;
}

/**
 * The heading of a payment outcome. It takes focus when it appears, so a screen reader
 * reads the outcome out and keyboard users continue from there.
 */
export function OutcomeHeading({ id, children, announce = true }: OutcomeHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (announce) ref.current?.focus();
  }, [announce]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="pt-checkout-outcome__title">
      {children}
    </h2>
  );
}
