export interface SkeletonProps {
  /** CSS length, e.g. `"12rem"` or `"60%"`. */
  width?: string;
  height?: string;
}

/** A placeholder block shaped like the content to come. Hidden from assistive technology. */
export function Skeleton({ width = "100%", height = "1em" }: SkeletonProps) {
  return <span className="pt-skeleton" aria-hidden="true" style={{ inlineSize: width, blockSize: height }} />;
}

/** A whole page loading: announced once as `label`, drawn as a heading and a few blocks. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div className="pt-page-skeleton" aria-busy="true">
      <span role="status" className="pt-visually-hidden">
        {label}
      </span>
      <Skeleton width="60%" height="2rem" />
      <Skeleton height="5rem" />
      <Skeleton height="5rem" />
    </div>
  );
}
