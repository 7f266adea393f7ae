import { Meter, type EntityManager, type IMeter } from "@portico/db";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { resolveCustomerRefs } from "./customer-refs.js";
import type { UsageIngestResultDto } from "./dto.js";
import {
  MAX_USAGE_BATCH,
  eventRejection,
  uniqueValueOf,
  type UsageEventInput,
  type UsageEventRejection,
} from "./event-rules.js";
import { INGEST_SQL, type IngestRow } from "./ingest-sql.js";
import {
  billingPeriodAt,
  loadMeteredSubscriptions,
  meteredKey,
  meteredSubscriptionAt,
  utcDayOf,
} from "./metered-subscriptions.js";

export interface RejectedUsageEvent {
  id: string;
  reason: UsageEventRejection | "CUSTOMER_NOT_FOUND";
}

/**
 * Stores a batch of up to MAX_USAGE_BATCH usage events for the merchant and brings their
 * day and period aggregates up to date, idempotently by event id: an id the merchant
 * already sent, or one repeated in the batch, is a duplicate — ignored and counted, whatever
 * its payload (the first wins, as with Stripe's meter-event identifiers).
 *
 * All or nothing: when any event is invalid the whole batch is refused and nothing is
 * stored — BAD_REQUEST `USAGE_EVENTS_REJECTED`, or NOT_FOUND `CUSTOMER_NOT_FOUND` when the
 * events are valid but name customers the merchant does not have — with
 * `details.rejected: [{ id, reason }]` listing every offending event, so the caller can fix
 * or drop them and send the batch again (duplicates make the retry safe).
 *
 * An event whose name no active meter listens to is stored without a meter and aggregated
 * nowhere. An event of a meter that bills one of the customer's subscriptions (a metered
 * price on it) counts towards that subscription's billing period holding its timestamp;
 * without such a subscription it counts only in its UTC day.
 */
export async function ingestUsage(
  em: EntityManager,
  clock: Clock,
  merchantId: number,
  events: readonly UsageEventInput[],
): Promise<UsageIngestResultDto> {
  if (events.length > MAX_USAGE_BATCH) {
    throw new AppError(
      "BAD_REQUEST",
      "USAGE_BATCH_TOO_LARGE",
      `Send at most ${MAX_USAGE_BATCH} events per call.`,
      { details: { max: MAX_USAGE_BATCH } },
    );
  }
  if (events.length === 0) return { accepted: 0, duplicates: 0 };
  const now = clock.now();

  const meters = await activeMetersByEventName(em, merchantId, events);
  const invalid = events.flatMap((event): RejectedUsageEvent[] => {
    const reason = eventRejection(event, meters.get(event.eventName), now);
    return reason ? [{ id: event.id, reason }] : [];
  });
  if (invalid.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      "USAGE_EVENTS_REJECTED",
      `${invalid.length} of ${events.length} events cannot be ingested; nothing was stored.`,
      { details: { rejected: invalid } },
    );
  }

  const customers = await resolveCustomerRefs(
    em,
    merchantId,
    events.map((e) => e.customer),
  );
  const unknown = events.filter((e) => !customers.has(e.customer));
  if (unknown.length > 0) {
    const rejected: RejectedUsageEvent[] = unknown.map((e) => ({ id: e.id, reason: "CUSTOMER_NOT_FOUND" }));
    throw new AppError("NOT_FOUND", "CUSTOMER_NOT_FOUND", "No such customer.", { details: { rejected } });
  }

  const metered = await loadMeteredSubscriptions(
    em,
    merchantId,
    [...new Set(customers.values())],
    [...meters.values()].map((m) => m.id),
  );
  const rows: IngestRow[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const customerId = customers.get(event.customer)!;
    const meter = meters.get(event.eventName);
    const at = event.timestamp ?? now;
    const day = utcDayOf(at);
    const billing = meter && meteredSubscriptionAt(metered.get(meteredKey(customerId, meter.id)) ?? [], at);
    const period = billing && billingPeriodAt(billing, at);
    const properties = event.properties && Object.keys(event.properties).length > 0 ? event.properties : null;
    rows.push({
      key: event.id,
      customer_id: customerId,
      meter_id: meter?.id ?? null,
      event_name: event.eventName,
      value: event.value ?? 1,
      properties,
      occurred_at: at.toISOString(),
      day_start: day.start.toISOString(),
      day_end: day.end.toISOString(),
      subscription_id: billing?.subscriptionId ?? null,
      period_start: period?.start.toISOString() ?? null,
      period_end: period?.end.toISOString() ?? null,
      unique_value: meter ? uniqueValueOf(event, meter) : null,
    });
  }

  const [result] = await em.execute<{ accepted: number }[]>(INGEST_SQL, [
    JSON.stringify(rows),
    merchantId,
    now.toISOString(),
  ]);
  const accepted = result?.accepted ?? 0;
  return { accepted, duplicates: events.length - accepted };
}

/** The merchant's active meters listening to the batch's event names, by event name. */
async function activeMetersByEventName(
  em: EntityManager,
  merchantId: number,
  events: readonly UsageEventInput[],
): Promise<Map<string, IMeter>> {
  const names = [...new Set(events.map((e) => e.eventName))];
  const meters = await em.find(Meter, { merchant: merchantId, active: true, eventName: { $in: names } });
  return new Map(meters.map((m) => [m.eventName, m]));
}
