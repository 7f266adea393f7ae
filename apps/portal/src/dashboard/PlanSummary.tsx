import { useTranslation } from "@portico/i18n";
import { Badge, type BadgeTone } from "@portico/ui";
import type { Translate } from "@portico/ui/spa";
import { useId } from "react";
import { date, money } from "../format.js";
import type { SummarySubscription } from "./types.js";

const STATUS = {
  trialing: { tone: "info", label: "portalHome.statusTrialing" },
  active: { tone: "success", label: "portalHome.statusActive" },
  past_due: { tone: "danger", label: "portalHome.statusPastDue" },
  paused: { tone: "warning", label: "portalHome.statusPaused" },
  canceled: { tone: "neutral", label: "portalHome.statusCanceled" },
  incomplete: { tone: "warning", label: "portalHome.statusIncomplete" },
} as const satisfies Record<SummarySubscription["status"], { tone: BadgeTone; label: string }>;

const INTERVAL = {
  day: "portalHome.interval_day",
  week: "portalHome.interval_week",
  month: "portalHome.interval_month",
  year: "portalHome.interval_year",
} as const;

/** What happens next to the subscription: renews, cancels, trial ends, paused until… */
function nextStep(t: Translate, s: SummarySubscription): string | null {
  const now = Date.now();
  if (s.status === "paused") {
    return s.resumeAt
      ? t("portalHome.pausedUntil", { date: date(s.resumeAt) })
      : t("portalHome.pausedIndefinitely");
  }
  if (s.pausedAt && Date.parse(s.pausedAt) > now) return t("portalHome.pausesOn", { date: date(s.pausedAt) });
  if (s.cancelAtPeriodEnd || s.cancelAt) {
    return t("portalHome.cancelsOn", { date: date(s.cancelAt ?? s.currentPeriodEnd) });
  }
  if (s.status === "trialing" && s.trialEnd) return t("portalHome.trialEndsOn", { date: date(s.trialEnd) });
  if (s.status === "active" || s.status === "past_due") {
    return t("portalHome.renewsOn", { date: date(s.currentPeriodEnd) });
  }
  return null;
}

/** The current plan(s): what is subscribed, at what price, in what state, and what comes next. */
export function PlanSummary({ subscriptions }: { subscriptions: readonly SummarySubscription[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="pt-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("portalHome.planTitle")}</h2>
      <ul className="pt-records">
        {subscriptions.map((subscription) => {
          const status = STATUS[subscription.status];
          const step = nextStep(t, subscription);
          return (
            <li key={subscription.id} className="pt-record pt-home-plan">
              <div className="pt-record-head">
                <h3 className="pt-home-record-title">
                  {subscription.items.map((item) => item.productName).join(" + ")}
                </h3>
                <Badge tone={status.tone}>{t(status.label)}</Badge>
              </div>
              <ul className="pt-home-plan-items">
                {subscription.items.map((item) => (
                  <li key={item.id}>
                    <span>
                      {item.quantity > 1
                        ? t("portalHome.planQuantity", { quantity: item.quantity, product: item.productName })
                        : item.productName}
                    </span>
                    <span className="pt-home-plan-items__price">
                      {item.unitAmount === null
                        ? t("portalHome.planUsage")
                        : t("portalHome.planPerInterval", {
                            amount: money(item.unitAmount, subscription.currency),
                            interval: t(INTERVAL[item.interval], { count: item.intervalCount }),
                          })}
                    </span>
                  </li>
                ))}
              </ul>
              {step && <p>{step}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
