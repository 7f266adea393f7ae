/**
 * The one statement that stores a batch of usage events and folds the new ones into their
 * aggregates. Parameters: the rows as a JSON array (see IngestRow), the merchant id, and
 * the ingestion instant.
 *
 * - `inserted` stores the events, skipping ids the merchant already has
 *   (`ON CONFLICT … DO NOTHING`). Only rows actually inserted come back, so a duplicate —
 *   even one committed a millisecond ago by a concurrent call, which the unique index
 *   makes this statement wait for — never reaches an aggregate.
 * - `deltas` groups those rows into one change per bucket: the UTC day, and the billing
 *   period when a subscription bills the meter.
 * - The upsert adds sums and counts, keeps the greater max, and merges the distinct values
 *   of unique_count meters (whose value is the size of the merged set).
 *
 * Rows are inserted in key order and buckets upserted in bucket order, so concurrent
 * batches take their row locks in one global order and cannot deadlock. Being one
 * statement, it is one transaction even outside `em.transactional`: all or nothing.
 */

/** Distinct values of the stored bucket and of the incoming delta, as a set. */
const MERGED_UNIQUES = `select jsonb_array_elements_text(coalesce(usage_aggregate.unique_values, '[]'::jsonb)) as v
    union select jsonb_array_elements_text(excluded.unique_values)`;

export const INGEST_SQL = `
with input as (
  select x.key, x.customer_id, x.meter_id, x.event_name, x.value::numeric(24, 6) as value, x.properties,
         x.occurred_at, x.day_start, x.day_end, x.subscription_id, x.period_start, x.period_end, x.unique_value
  from jsonb_to_recordset(?::jsonb) as x(
    key text, customer_id bigint, meter_id bigint, event_name text, value numeric, properties jsonb,
    occurred_at timestamptz, day_start timestamptz, day_end timestamptz, subscription_id bigint,
    period_start timestamptz, period_end timestamptz, unique_value text)
),
params as (select ?::bigint as merchant_id, ?::timestamptz as at),
inserted as (
  insert into usage_event (merchant_id, customer_id, meter_id, event_name, idempotency_key, value, properties,
                           occurred_at, ingested_at)
  select params.merchant_id, i.customer_id, i.meter_id, i.event_name, i.key, i.value, i.properties,
         i.occurred_at, params.at
  from input i cross join params
  order by i.key
  on conflict (merchant_id, idempotency_key) do nothing
  returning idempotency_key
),
fresh as (
  select i.* from input i join inserted on inserted.idempotency_key = i.key where i.meter_id is not null
),
buckets as (
  select customer_id, meter_id, subscription_id, 'day' as granularity, day_start as period_start,
         day_end as period_end, value, unique_value
  from fresh
  union all
  select customer_id, meter_id, subscription_id, 'period', period_start, period_end, value, unique_value
  from fresh where period_start is not null
),
deltas as (
  select b.customer_id, b.meter_id, b.granularity, b.period_start, min(b.period_end) as period_end,
         max(b.subscription_id) as subscription_id, count(*) as event_count,
         case m.aggregation when 'sum' then sum(b.value) when 'max' then max(b.value) when 'count' then count(*) end
           as value,
         case when m.aggregation = 'unique_count'
           then jsonb_agg(distinct b.unique_value order by b.unique_value) end as unique_values
  from buckets b join meter m on m.id = b.meter_id
  group by b.customer_id, b.meter_id, b.granularity, b.period_start, m.aggregation
),
upserted as (
  insert into usage_aggregate (merchant_id, customer_id, meter_id, subscription_id, granularity, period_start,
                               period_end, value, event_count, unique_values, created_at, updated_at)
  select params.merchant_id, d.customer_id, d.meter_id, d.subscription_id, d.granularity, d.period_start,
         d.period_end, coalesce(d.value, jsonb_array_length(d.unique_values)), d.event_count, d.unique_values,
         params.at, params.at
  from deltas d cross join params
  order by d.customer_id, d.meter_id, d.granularity, d.period_start
  on conflict (customer_id, meter_id, granularity, period_start) do update set
    value = case
      when excluded.unique_values is not null then (select count(*) from (${MERGED_UNIQUES}) u)
      when (select m.aggregation from meter m where m.id = excluded.meter_id) = 'max'
        then greatest(usage_aggregate.value, excluded.value)
      else usage_aggregate.value + excluded.value
    end,
    unique_values = case
      when excluded.unique_values is null then usage_aggregate.unique_values
      else (select jsonb_agg(u.v order by u.v) from (${MERGED_UNIQUES}) u)
    end,
    event_count = usage_aggregate.event_count + excluded.event_count,
    subscription_id = coalesce(usage_aggregate.subscription_id, excluded.subscription_id),
    updated_at = excluded.updated_at
)
select (select count(*) from inserted)::int as accepted`;

/** One event as the statement takes it: resolved ids and precomputed buckets (ISO instants). */
export interface IngestRow {
  key: string;
  customer_id: number;
  /** Null when no active meter listens to the event name: stored, not aggregated. */
  meter_id: number | null;
  event_name: string;
  value: number;
  properties: Record<string, unknown> | null;
  occurred_at: string;
  day_start: string;
  day_end: string;
  /** The subscription billing the meter at `occurred_at`, and its period then; null without one. */
  subscription_id: number | null;
  period_start: string | null;
  period_end: string | null;
  /** unique_count meters: the value of the meter's property. */
  unique_value: string | null;
}
