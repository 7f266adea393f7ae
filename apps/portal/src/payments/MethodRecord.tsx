import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Badge, Button } from "@portico/ui";
import { expiryMonth, expiryState } from "./expiry.js";
import { useCardName } from "./card-name.js";

export type SavedMethod = RouterOutputs["portal"]["paymentMethods"]["list"][number];

export interface MethodRecordProps {
  method: SavedMethod;
  /** Offer "Make default" and "Remove" (the configuration allows method changes). */
  editable: boolean;
  busy: boolean;
  now: Date;
  onSetDefault(method: SavedMethod): void;
  onRemove(method: SavedMethod): void;
}

/** One saved card: brand and last4, Default badge, expiry (with an expired / soon warning), actions. */
export function MethodRecord({ method, editable, busy, now, onSetDefault, onRemove }: MethodRecordProps) {
  const { t } = useTranslation();
  const name = useCardName()(method);
  const expiry =
    method.expMonth !== null && method.expYear !== null
      ? { month: method.expMonth, year: method.expYear }
      : null;
  const state = expiry ? expiryState(expiry.month, expiry.year, now) : "valid";
  return (
    <li className="pt-record" data-list-item tabIndex={0}>
      <div className="pt-record-head">
        <h3 className="pt-pay-record-title">{name}</h3>
        {method.isDefault && <Badge tone="info">{t("portalPayments.defaultBadge")}</Badge>}
        {state === "expired" && <Badge tone="danger">{t("portalPayments.expired")}</Badge>}
        {state === "soon" && <Badge tone="warning">{t("portalPayments.expiringSoon")}</Badge>}
      </div>
      {expiry && (
        <dl>
          <dt>{t("portalPayments.expiresLabel")}</dt>
          <dd>{expiryMonth(expiry.month, expiry.year)}</dd>
        </dl>
      )}
      {editable && (
        <div className="pt-actions">
          {!method.isDefault && (
            <Button
              variant="secondary"
              disabled={busy}
              aria-label={t("portalPayments.setDefaultLabel", { card: name })}
              onClick={() => onSetDefault(method)}
            >
              {t("portalPayments.setDefault")}
            </Button>
          )}
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={t("portalPayments.removeLabel", { card: name })}
            onClick={() => onRemove(method)}
          >
            {t("portalPayments.remove")}
          </Button>
        </div>
      )}
    </li>
  );
}
