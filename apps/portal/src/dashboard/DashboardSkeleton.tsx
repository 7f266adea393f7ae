import { useTranslation } from "@portico/i18n";
import { Skeleton } from "@portico/ui";

/** The dashboard while its summary loads: greeting, three figures, a list (announced once). */
export function DashboardSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="pt-page-skeleton" aria-busy="true">
      <span role="status" className="pt-visually-hidden">
        {t("common.loading")}
      </span>
      <Skeleton width="60%" height="2rem" />
      <div className="pt-home-figures">
        <Skeleton height="7rem" />
        <Skeleton height="7rem" />
        <Skeleton height="7rem" />
      </div>
      <Skeleton width="40%" height="1.5rem" />
      <Skeleton height="6rem" />
      <Skeleton height="6rem" />
    </div>
  );
}
