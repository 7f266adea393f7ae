import { Button } from "./Button.js";
import { StateMessage, type StateMessageProps } from "./StateMessage.js";

export interface ErrorStateProps extends Omit<StateMessageProps, "children"> {
  retryLabel: string;
  onRetry: () => void;
}

/** A failure, announced as an alert, with a Retry button. */
export function ErrorState({ retryLabel, onRetry, ...message }: ErrorStateProps) {
  return (
    <div className="pt-state pt-state--error" role="alert">
      <StateMessage {...message}>
        <Button onClick={onRetry}>{retryLabel}</Button>
      </StateMessage>
    </div>
  );
}
