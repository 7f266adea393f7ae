import { useTranslation } from "@portico/i18n";
import { ErrorState } from "../ErrorState.js";
import { PageSkeleton } from "../Skeleton.js";

/** A page (or the part of one a query feeds) while it loads, announced as "Loading…". */
export function PageLoading() {
  const { t } = useTranslation();
  return <PageSkeleton label={t("common.loading")} />;
}

/** What a page shows when its data could not load: the common copy and a Retry button. */
export function PageLoadError({ level, onRetry }: { level?: 1 | 2 | 3; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorState
      level={level}
      title={t("common.errorTitle")}
      description={t("common.errorDescription")}
      retryLabel={t("common.retry")}
      onRetry={onRetry}
    />
  );
}
