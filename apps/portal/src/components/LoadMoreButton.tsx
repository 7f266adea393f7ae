import { Button } from "@portico/ui";

export interface LoadMoreButtonProps {
  label: string;
  /** The next page is on its way: the button waits. */
  loading: boolean;
  onLoadMore(): void;
  /** Extra classes of the row holding the button (its spacing on the page). */
  className?: string;
}

/** The "Show more" / "Load more" button under a keyset-paged list. */
export function LoadMoreButton({ label, loading, onLoadMore, className }: LoadMoreButtonProps) {
  return (
    <div className={className ? `pt-actions ${className}` : "pt-actions"}>
      <Button variant="secondary" disabled={loading} onClick={onLoadMore}>
        {label}
      </Button>
    </div>
  );
}
