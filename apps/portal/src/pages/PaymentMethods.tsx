import "../payments/payments.css";
import { useTranslation } from "@portico/i18n";
import { ConfirmDialog, EmptyState, PageSkeleton, errorReason, useListKeyboard } from "@portico/ui";
import { useId, useRef, useState } from "react";
import { CardForm } from "../components/CardForm.js";
import { PageHeading } from "../components/PageHeading.js";
import { QueryState } from "../components/QueryState.js";
import { type Status, StatusNotice } from "../components/StatusNotice.js";
import { usePortalFeatures } from "../features.js";
import { useCardName } from "../payments/card-name.js";
import { MethodRecord, type SavedMethod } from "../payments/MethodRecord.js";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";

/** The catalog keys of what a refused change means. */
const REFUSALS: Record<string, "portalPayments.removeRequired" | "portalPayments.changesDisabled"> = {
  PAYMENT_METHOD_REQUIRED: "portalPayments.removeRequired",
  FEATURE_DISABLED: "portalPayments.changesDisabled",
};

/**
 * "Payment methods": the saved cards (brand, last4, expiry, default; expired and
 * expiring-soon flagged), a card form to add one, make-default and remove (confirmed
 * first). The server keeps the last card a subscription charges: its refusal is shown as
 * is. Outcomes are announced; when the configuration turns changes off, the list stays.
 */
export function PaymentMethods() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const merchant = useBranding().data?.merchant.name ?? "";
  const features = usePortalFeatures();
  const editable = features?.paymentMethodUpdate.enabled === true;
  const methods = trpc.portal.paymentMethods.list.useQuery();
  const cardName = useCardName();
  const [now] = useState(() => new Date());
  const [status, setStatus] = useState<Status>(null);
  const [removing, setRemoving] = useState<SavedMethod | null>(null);
  const listHeadingId = useId();
  const addHeadingId = useId();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useListKeyboard(list);

  // The dashboard shows the default card too.
  const refresh = () =>
    Promise.all([utils.portal.paymentMethods.list.invalidate(), utils.portal.billing.invalidate()]);
  const refused = (error: unknown) => {
    const key = REFUSALS[errorReason(error) ?? ""];
    setStatus({ tone: "error", text: key ? t(key, { merchant }) : t("portalPayments.actionFailed") });
  };
  const setDefault = trpc.portal.paymentMethods.setDefault.useMutation({
    onSuccess: (method) =>
      setStatus({ tone: "success", text: t("portalPayments.defaultSet", { card: cardName(method) }) }),
    onError: refused,
    onSettled: refresh,
  });
  const remove = trpc.portal.paymentMethods.remove.useMutation({
    onSuccess: (method) => {
      setStatus({ tone: "success", text: t("portalPayments.removed", { card: cardName(method) }) });
      // The focused card is gone: continue from the list's heading.
      listHeading.current?.focus();
    },
    onError: refused,
    onSettled: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  const heading = (
    <PageHeading
      title={t("portalPayments.methodsTitle")}
      description={t("portalPayments.methodsDescription")}
    />
  );
  if (methods.isPending) {
    return (
      <>
        {heading}
        <PageSkeleton label={t("portalPayments.methodsLoading")} />
      </>
    );
  }
  if (methods.isError) {
    return (
      <>
        {heading}
        <QueryState error={methods.error} onRetry={() => void methods.refetch()} level={2} />
      </>
    );
  }

  const busy = setDefault.isPending || remove.isPending;
  return (
    <>
      {heading}
      <StatusNotice status={status} />
      <section className="pt-section" aria-labelledby={listHeadingId}>
        <h2 id={listHeadingId} ref={listHeading} tabIndex={-1}>
          {t("portalPayments.methodsListTitle")}
        </h2>
        {methods.data.length === 0 ? (
          <EmptyState
            level={3}
            title={t("portalPayments.methodsEmptyTitle")}
            description={t("portalPayments.methodsEmptyDescription")}
          />
        ) : (
          <ul ref={list} className="pt-records" aria-busy={methods.isFetching}>
            {methods.data.map((method) => (
              <MethodRecord
                key={method.id}
                method={method}
                editable={editable}
                busy={busy}
                now={now}
                onSetDefault={(chosen) => {
                  setStatus(null);
                  setDefault.mutate({ paymentMethod: chosen.id });
                }}
                onRemove={(chosen) => {
                  setStatus(null);
                  setRemoving(chosen);
                }}
              />
            ))}
          </ul>
        )}
      </section>
      {editable ? (
        <section className="pt-section" aria-labelledby={addHeadingId}>
          <h2 id={addHeadingId}>{t("portalPayments.addTitle")}</h2>
          <CardForm
            allowSetDefault={methods.data.length > 0}
            onAdded={(method) => {
              setStatus({ tone: "success", text: t("portalPayments.added", { card: cardName(method) }) });
              void refresh();
            }}
          />
        </section>
      ) : (
        features && <p className="pt-section">{t("portalPayments.readOnlyNote", { merchant })}</p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("portalPayments.removeTitle")}
        description={t("portalPayments.removeDescription", { card: removing ? cardName(removing) : "" })}
        confirmLabel={t("portalPayments.removeConfirm")}
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate({ paymentMethod: removing.id })}
        onCancel={() => setRemoving(null)}
      />
    </>
  );
}
