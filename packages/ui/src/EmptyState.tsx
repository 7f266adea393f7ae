import { StateMessage, type StateMessageProps } from "./StateMessage.js";

/** "Nothing here yet": what the section will hold, and optionally an action (children). */
export function EmptyState(props: StateMessageProps) {
  return (
    <div className="pt-state">
      <StateMessage {...props} />
    </div>
  );
}
